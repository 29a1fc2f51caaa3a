import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runNode } from './support/backends.js';

const CHECKER = fileURLToPath(new URL('../../../scripts/check-readme-examples.mjs', import.meta.url));
const FENCE = '```';
const FILE = '// examples/demo/src/a.ts\nexport const a = 1;\nexport const b = 2;\n';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A throwaway repository with the given files. */
function repo(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'fmauth-readme-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const block = (text: string, info = 'ts') => `${FENCE}${info}\n${text}\n${FENCE}\n`;

describe('scripts/check-readme-examples.mjs', () => {
  it('passes when every marked block equals its file, and ignores unmarked blocks', async () => {
    const dir = repo({
      'examples/demo/src/a.ts': FILE,
      'README.md': `# Demo\n\n${block(FILE.trimEnd())}\n${block('const notChecked = true;')}`,
      // Indented inside a list item, as Markdown allows: the indentation is not part of the code.
      'packages/x/README.md': `- item\n\n  ${FENCE}ts\n${FILE.trimEnd().replace(/^/gm, '  ')}\n  ${FENCE}\n`,
      'node_modules/y/README.md': block('// examples/demo/src/a.ts\nnot checked: node_modules'),
    });
    const result = await runNode([CHECKER, dir], {});
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('2 README block(s) match their files');
  });

  it('fails on a block that differs, saying where and how', async () => {
    const stale = FILE.replace('b = 2', 'b = 3').trimEnd();
    const dir = repo({ 'examples/demo/src/a.ts': FILE, 'README.md': `# Demo\n\n${block(stale)}` });
    const result = await runNode([CHECKER, dir], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('README.md:4: the block differs from examples/demo/src/a.ts');
    expect(result.stderr).toContain('first difference at line 3 of the file (both 3 lines)');
    expect(result.stderr).toMatch(/- +3 \| export const b = 3;/);
    expect(result.stderr).toMatch(/\+ +3 \| export const b = 2;/);
  });

  it('fails on a block that is the start of its file only', async () => {
    const dir = repo({
      'examples/demo/src/a.ts': FILE,
      'apps/m/README.md': block(FILE.split('\n').slice(0, 2).join('\n'), 'js'),
    });
    const result = await runNode([CHECKER, dir], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('apps/m/README.md:2: the block differs');
    expect(result.stderr).toContain('README block 2 lines, file 3 lines');
  });

  it('fails on a block naming a file that does not exist', async () => {
    const dir = repo({ 'README.md': block('// packages/gone/src/index.ts\nexport {};') });
    const result = await runNode([CHECKER, dir], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'README.md:2: the block copies packages/gone/src/index.ts, which does not exist',
    );
  });

  it('passes on this repository (as `pnpm test` runs it first)', async () => {
    const result = await runNode([CHECKER], {});
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/check-readme-examples: \d+ README block\(s\) match their files/);
  });
});
