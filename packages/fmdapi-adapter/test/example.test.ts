import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADMIN, useAdapterMock } from './support/mock.js';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../examples/list-contacts.mjs', import.meta.url));

describe('the plain JavaScript example of the README', () => {
  const mock = useAdapterMock();

  it('runs in Node against the mock (through the built package) and logs out at the end', async () => {
    const { stdout } = await run(process.execPath, [example], {
      env: {
        ...process.env,
        FM_SERVER_URL: mock.endpoints.filemakerServer,
        FM_DATABASE: 'Contacts',
        FM_USERNAME: ADMIN.username,
        FM_PASSWORD: ADMIN.password,
      },
      timeout: 30_000,
    });
    expect(stdout).toMatch(
      /^\d+ Ada Lovelace\n\d+ Alan Turing\n\d+ Barbara Liskov\nin London: Ada Lovelace\n$/,
    );
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1, logouts: 1 });
  });

  it('is the one printed in the README', async () => {
    const [code, readme] = await Promise.all([
      readFile(example, 'utf8'),
      readFile(new URL('../README.md', import.meta.url), 'utf8'),
    ]);
    expect(readme).toContain(code.trim());
  });
});
