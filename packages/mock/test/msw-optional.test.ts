// msw is an optional peer dependency: the main entry must never load it (the CLI's own test checks it too), and
// `@fmauth/mock/msw` without msw installed must say how to fix that. Runs the built files in
// child processes, as an installed package would.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('../dist/index.js', import.meta.url).href;
const MSW_ENTRY = new URL('../dist/msw.js', import.meta.url).href;
const RECORDER = new URL('../../../scripts/module-recorder.mjs', import.meta.url).href;

// Loader hooks that make msw impossible to find, as in an install without it: Node itself resolves
// `msw` from a directory with no node_modules, so the error is the genuine ERR_MODULE_NOT_FOUND.
const HIDE_MSW_HOOKS = `export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'msw' || specifier.startsWith('msw/')) {
    return nextResolve(specifier, { ...context, parentURL: 'file:///nonexistent/fmauth-no-msw.mjs' });
  }
  return nextResolve(specifier, context);
}`;
const HIDE_MSW = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HIDE_MSW_HOOKS)}`)});`,
)}`;

function node(args: string[]) {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The modules a fresh process loads when it imports `entry`. */
function modulesLoadedBy(entry: string): string[] {
  const script = `await import(${JSON.stringify(entry)});
const { loadedModules } = await import(${JSON.stringify(RECORDER)});
process.stdout.write(JSON.stringify(await loadedModules()));`;
  const result = node(['--import', RECORDER, '--input-type=module', '-e', script]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as string[];
}

const isMsw = (module: string) =>
  /[/\\]node_modules[/\\](?:\.pnpm[/\\]msw@[^/\\]+[/\\]node_modules[/\\])?msw[/\\]/.test(module);

describe('msw is an optional peer', () => {
  it('the main entry never loads msw (nor graphql)', () => {
    const loaded = modulesLoadedBy(MAIN);
    expect(loaded.some((module) => module.includes('/packages/mock/dist/index.js'))).toBe(true);
    expect(loaded.filter(isMsw)).toEqual([]);
    expect(loaded.filter((module) => /[/\\]graphql[/\\@]/.test(module))).toEqual([]);
  });

  it('the ./msw entry does load msw (the check above can see it)', () => {
    expect(modulesLoadedBy(MSW_ENTRY).some(isMsw)).toBe(true);
  });

  it('the main entry works with msw missing', () => {
    const main = node([
      '--import',
      HIDE_MSW,
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(MAIN)}); console.log(typeof m.startMockServer);`,
    ]);
    expect(main.stderr).toBe('');
    expect(main.stdout.trim()).toBe('function');
  });

  it('./msw without msw installed says to install it', () => {
    const result = node([
      '--import',
      HIDE_MSW,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(MSW_ENTRY)});`,
    ]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "@fmauth/mock/msw needs msw, an optional peer dependency that is not installed: run 'npm install --save-dev msw'",
    );
    expect(result.stderr).toContain("Cannot find package 'msw'");
  });
});
