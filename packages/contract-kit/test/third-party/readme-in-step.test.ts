import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// The README's "Testing a strategy that needs its own simulated service" quotes the contract test of
// the Acme IdP example: a change to either must show in both.
describe('the README quotes the Acme IdP contract test as it runs', () => {
  it('has the lines between the markers, with the import a user writes', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const test = await readFile(new URL('./acme-idp.contract.test.ts', import.meta.url), 'utf8');
    const quoted = test
      .split('// readme:start\n')[1]
      ?.split('// readme:end')[0]
      ?.replace("'../../src/index.js'", "'@fmauth/contract-kit'");
    expect(quoted).toBeTruthy();
    expect(readme).toContain(`\`\`\`ts\n// test/contract.test.ts\n${quoted}\`\`\``);
  });
});
