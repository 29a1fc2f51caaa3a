import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, endpoint, expectNoStackTrace, runFmauth } from './helpers/run-fmauth.js';

let server: MockServer;
let echoServer: Server;
let echoUrl: string;
let silentServer: Server;
let silentUrl: string;

const ECHOED_PASSWORD = 'Echo-me-Pa55';

beforeAll(async () => {
  server = await startMockServer();
  // A "FileMaker Server" that puts the login's decoded Basic credentials into its error message, as a
  // badly written proxy or an old server might: nothing of it may reach the output.
  echoServer = createServer((req, res) => {
    if (req.url?.endsWith('/productInfo')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          response: { productInfo: { name: 'FileMaker Data API Engine', version: '21.1.1.41' } },
          messages: [{ code: '0', message: 'OK' }],
        }),
      );
      return;
    }
    const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        response: {},
        messages: [{ code: '212', message: `Invalid user account and/or password: ${basic}` }],
      }),
    );
  });
  // Accepts connections and never answers.
  silentServer = createServer(() => undefined);
  for (const target of [echoServer, silentServer])
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;
  silentUrl = `http://127.0.0.1:${(silentServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silentServer.closeAllConnections();
  await Promise.all([
    server.close(),
    new Promise((r) => echoServer.close(r)),
    new Promise((r) => silentServer.close(r)),
  ]);
});

describe('fmauth doctor, further checks', () => {
  it('--odata and --admin-api check those APIs with the same account', async () => {
    const result = await runFmauth(
      [
        'doctor',
        endpoint(server, 'filemakerServer'),
        '-d',
        'Contacts',
        '-u',
        'admin',
        '--odata',
        '--admin-api',
        '--json',
      ],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    const checks = JSON.parse(result.stdout).checks as { name: string; status: string; detail: string }[];
    expect(checks.find((check) => check.name === 'odata')).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/^OData answered with \d+ table\(s\) of Contacts$/),
    });
    expect(checks.find((check) => check.name === 'admin-api')).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/^the Admin API lists \d+ database\(s\)$/),
    });
  });

  it('an account without OData access fails the odata check in its typed error', async () => {
    const result = await runFmauth(
      ['doctor', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'no-api', '--odata', '--json'],
      {
        env: { FMAUTH_PASSWORD: 'no-api-pass' },
      },
    );
    expect(result.code).toBe(1);
    const odata = JSON.parse(result.stdout).checks.find((check: { name: string }) => check.name === 'odata');
    expect(odata.status).toBe('fail');
    expect(odata.code).toMatch(/^FMAUTH_/);
  });

  it('a server that echoes the password in its error: the verdict holds no trace of it', async () => {
    const result = await runFmauth(
      ['doctor', echoUrl, '-d', 'Contacts', '-u', 'admin', '--flavor', 'filemaker-server'],
      {
        env: { FMAUTH_PASSWORD: ECHOED_PASSWORD },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}login {5}admin on Contacts: The server rejected the login/m);
    expect(result.stdout + result.stderr).not.toContain(ECHOED_PASSWORD);
    const token = await runFmauth(['token', echoUrl, '-d', 'Contacts', '-u', 'admin'], {
      env: { FMAUTH_PASSWORD: ECHOED_PASSWORD },
    });
    expect(token.code).toBe(1);
    expect(token.stdout + token.stderr).not.toContain(ECHOED_PASSWORD);
  });

  it('a server that never answers: --timeout bounds the wait, exit 3 with FMAUTH_TIMEOUT', async () => {
    const started = Date.now();
    const result = await runFmauth(['doctor', silentUrl, '--timeout', '1500', '--json']);
    expect(result.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(JSON.parse(result.stdout).checks[0]).toMatchObject({
      name: 'connect',
      status: 'fail',
      code: 'FMAUTH_TIMEOUT',
    });
    expect(JSON.parse(result.stdout).checks[0].detail).toContain('--timeout <ms> raises the limit');
  });

  it('Ctrl-C while a check waits: one line, exit 130', async () => {
    const child = spawn(process.execPath, [BIN, 'doctor', silentUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    while (!stdout.includes('fmauth doctor')) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(130);
    expect(stderr).toBe('\nfmauth: interrupted (Ctrl-C)\n');
  });
});

describe('fmauth mock', () => {
  it('is fmauth-mock: the same readiness line, and it stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'mock', '--json', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    while (!stdout.includes('\n')) {
      if (child.exitCode !== null) throw new Error(`fmauth mock exited ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readiness = JSON.parse(stdout.slice(0, stdout.indexOf('\n')));
    expect(readiness.ready).toBe(true);
    const info = await fetch(`${readiness.endpoints.filemakerServer}/fmi/data/vLatest/productInfo`);
    expect(info.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('passes --help through to fmauth-mock', async () => {
    const result = await runFmauth(['mock', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fmauth-mock');
  });
});
