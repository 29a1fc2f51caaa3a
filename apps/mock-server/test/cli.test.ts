import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
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

describe('fmauth-mock --tls', () => {
  it('serves HTTPS and names the CA to trust in the readiness line; a client given that CA connects', async () => {
    const cli = run(['--tls', '--json']);
    const readiness = JSON.parse(await cli.firstLine());
    expect(readiness.endpoints.filemakerServer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readiness.tls.caFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const caPath: string = readiness.tls.caPath;
    const ca = readFileSync(caPath, 'utf8');
    const dispatcher = new Agent({ connect: { ca } });
    const res = await request(`${readiness.endpoints.filemakerServer}/fmi/data/vLatest/productInfo`, {
      dispatcher,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    await dispatcher.close();

    // Node's own fetch, as any https-only client uses it, trusts the CA through NODE_EXTRA_CA_CERTS.
    const url = `${readiness.endpoints.filemakerServer.replace('127.0.0.1', 'localhost')}/fmi/data/vLatest/productInfo`;
    const fetched = spawnSync(
      process.execPath,
      [
        '-e',
        `fetch(${JSON.stringify(url)}).then(async (r) => console.log(r.status, (await r.json()).messages[0].code))`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath }, timeout: 20_000 },
    );
    expect(fetched.stdout.trim()).toBe('200 0');

    cli.child.kill('SIGTERM');
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
    // The generated CA was the mock's own: it is gone with the mock.
    expect(existsSync(caPath)).toBe(false);
  });

  it('prints the CA file and fingerprint for people too', async () => {
    const cli = run(['--tls']);
    while (!cli.output().stdout.includes('fingerprint')) {
      if (cli.child.exitCode !== null) throw new Error(cli.output().stderr);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cli.output().stdout).toMatch(/FileMaker Server Data API\s+https:\/\/127\.0\.0\.1:\d+/);
    expect(cli.output().stdout).toMatch(/TLS CA to trust\s+\/\S+ca\.pem/);
  });

  it('--cert without --key is a usage error (exit 2); a key of another certificate is exit 1 naming the files', async () => {
    const usage = run(['--cert', CLI]);
    const [usageCode] = await once(usage.child, 'exit');
    expect(usageCode).toBe(2);
    expect(usage.output().stderr).toContain('--cert and --key go together');

    const wrong = run(['--cert', CLI, '--key', CLI, '--json']);
    const [wrongCode] = await once(wrong.child, 'exit');
    expect(wrongCode).toBe(1);
    expect(wrong.output().stdout).toBe('');
    expect(wrong.output().stderr).toBe(`fmauth-mock: ${CLI} is not a PEM certificate\n`);
  });
});
