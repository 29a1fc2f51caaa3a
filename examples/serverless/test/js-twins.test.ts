import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, runNode } from './support/backends.js';

const sources = readdirSync(`${PACKAGE_DIR}src`).filter((name) => name.endsWith('.ts'));
const twins = readdirSync(`${PACKAGE_DIR}js`).filter((name) => name.endsWith('.mjs'));

describe('plain JavaScript twins for Node 20', () => {
  it('there is one twin per TypeScript example, and no other', () => {
    expect(twins.map((name) => name.replace(/\.mjs$/, '')).sort()).toEqual(
      sources.map((name) => name.replace(/\.ts$/, '')).sort(),
    );
  });

  it.each(twins)('js/%s parses on this Node (node --check)', async (name) => {
    const result = await runNode(['--check', `${PACKAGE_DIR}js/${name}`], {});
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
  });

  it.each(twins)('js/%s names itself on its first line and imports only twins', (name) => {
    const text = readFileSync(`${PACKAGE_DIR}js/${name}`, 'utf8');
    expect(text.split('\n', 1)[0]).toBe(`// examples/serverless/js/${name}`);
    expect(text).not.toMatch(/from '\.\/[^']+\.js'/);
    expect(text).not.toMatch(/^\s*await using\b/m); // a statement; comments may mention it
  });
});
