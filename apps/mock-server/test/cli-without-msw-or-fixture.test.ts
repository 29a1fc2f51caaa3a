// The CLI as installed: it starts without msw (an optional peer of @fmauth/mock), and a broken
// fixture file ends it with exit 1 and a message that names the place, never the secret.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bin/fmauth-mock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fmauth-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Makes msw impossible to find, as in an install without it: Node itself resolves `msw` from a
// directory with no node_modules, so the error would be the genuine ERR_MODULE_NOT_FOUND.
const HIDE_MSW_HOOKS = `export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'msw' || specifier.startsWith('msw/')) {
    return nextResolve(specifier, { ...context, parentURL: 'file:///nonexistent/fmauth-no-msw.mjs' });
  }
  return nextResolve(specifier, context);
}`;
const HIDE_MSW = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HIDE_MSW_HOOKS)}`)});`,
)}`;

const SECRET = 'Qz7Xk-Wv9Jp';

describe('fmauth-mock as installed', () => {
  it('works with msw missing', () => {
    const cli = spawnSync(process.execPath, ['--import', HIDE_MSW, CLI, '--help'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('fmauth-mock');
  });

  it('--fixture with a JSON error exits 1 naming the file, line and field, and no part of the secret', async () => {
    const file = join(dir, 'broken.json');
    // The password lost its opening quote, on line 7, column 23.
    writeFileSync(
      file,
      [
        '{',
        '  "databases": [',
        '    {',
        '      "name": "Inventory",',
        '      "accounts": [',
        '        { "name": "clerk",',
        `          "password": ${SECRET}",`,
        '          "active": true }',
        '      ],',
        '      "tables": [{ "name": "Items", "fields": [{ "name": "sku" }] }],',
        '      "layouts": [{ "name": "Items" }]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [CLI, '--fixture', file, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:7:23`);
    expect(stderr).toContain('databases[0].accounts[0].password: not valid JSON');
    for (let length = 3; length <= SECRET.length; length++)
      for (let start = 0; start + length <= SECRET.length; start++)
        expect(stderr.includes(SECRET.slice(start, start + length))).toBe(false);
  });
});
