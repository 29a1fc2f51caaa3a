import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bin/fmauth-mock.js', import.meta.url));
const children: ChildProcess[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    async firstLine(): Promise<string> {
      while (!stdout.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return stdout.slice(0, stdout.indexOf('\n'));
    },
  };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('fmauth-mock CLI', () => {
  it('prints exactly one JSON readiness line with --json and serves the endpoints in it', async () => {
    const cli = run(['--json', '--port', '0']);
    const line = await cli.firstLine();
    const readiness = JSON.parse(line);
    expect(readiness.ready).toBe(true);
    expect(readiness.endpoints.filemakerServer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readiness.endpoints.control).toBe(`${readiness.endpoints.filemakerServer}/__control`);
    const info = await productInfo(readiness.endpoints.filemakerServer);
    expect(info.status).toBe(200);
    cli.child.kill('SIGTERM');
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
    expect(cli.output().stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints where it listens without --json and stops cleanly on SIGINT', async () => {
    const cli = run(['--host', '127.0.0.1']);
    expect(await cli.firstLine()).toBe('fmauth mock server ready');
    while (!cli.output().stdout.includes('Control API')) await new Promise((r) => setTimeout(r, 20));
    expect(cli.output().stdout).toMatch(/FileMaker Server Data API\s+http:\/\/127\.0\.0\.1:\d+/);
    cli.child.kill('SIGINT');
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
  });

  it('stops cleanly on a SIGTERM sent the moment the readiness line arrives', async () => {
    for (let i = 0; i < 3; i++) {
      const cli = run(['--json', '--quiet']);
      await cli.firstLine();
      cli.child.kill('SIGTERM');
      const [code, signal] = await once(cli.child, 'exit');
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    }
  });

  it('rejects bad flags with exit code 2 and the usage', async () => {
    for (const args of [['--port', 'abc'], ['--nope'], ['--port', '70000']]) {
      const cli = run(args);
      const [code] = await once(cli.child, 'exit');
      expect(code, args.join(' ')).toBe(2);
      expect(cli.output().stderr).toContain('Usage: fmauth-mock');
    }
  });

  it('refuses an invalid fixture with exit code 1 and the problems', async () => {
    const cli = run(['--fixture', fileURLToPath(new URL('fixtures/broken.json', import.meta.url))]);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(1);
    expect(cli.output().stderr).toMatch(/Invalid mock fixture .*broken\.json/);
    expect(cli.output().stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  it('prints help', async () => {
    const cli = run(['--help']);
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
    expect(cli.output().stdout).toContain('--fixture <file>');
  });
});

/** The mock's productInfo, read as any client would. */
async function productInfo(base: string): Promise<{ status: number; json: any }> {
  const res = await request(`${base}/fmi/data/vLatest/productInfo`, {
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: res.statusCode, json: await res.body.json() };
}
