import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, runFmauth } from './helpers/run-fmauth.js';

let htmlServer: Server;
let htmlUrl: string;
let refusedUrl: string;

beforeAll(async () => {
  // A web server that is not FileMaker: every path answers an HTML page, as a misconfigured proxy does.
  htmlServer = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Welcome</title><h1>It works!</h1>');
  });
  await new Promise<void>((resolve) => htmlServer.listen(0, '127.0.0.1', resolve));
  htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`;
  // A port nothing listens on: take a free one and close it again.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => htmlServer.close(resolve)));

describe('bad input: one line, a documented exit code, never a stack trace', () => {
  it('a host that does not resolve → exit 3, "Could not reach … (ENOTFOUND)"', async () => {
    const result = await runFmauth(['doctor', 'http://nonexistent.invalid']);
    expectNoStackTrace(result);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /^FAIL {2}connect {3}Could not reach http:\/\/nonexistent\.invalid \(ENOTFOUND\).*\[FMAUTH_NETWORK\]$/m,
    );
  });

  it('a port that refuses → exit 3, ECONNREFUSED (doctor and token)', async () => {
    const doctor = await runFmauth(['doctor', refusedUrl, '--json']);
    expect(doctor.code).toBe(3);
    const report = JSON.parse(doctor.stdout);
    expect(report.checks[0]).toMatchObject({ name: 'connect', status: 'fail', code: 'FMAUTH_NETWORK' });
    expect(report.checks[0].detail).toContain('ECONNREFUSED');
    const token = await runFmauth(['token', refusedUrl, '-d', 'Contacts', '-u', 'admin'], {
      env: { FMAUTH_PASSWORD: 'x' },
    });
    expectNoStackTrace(token);
    expect(token.code).toBe(3);
    expect(token.stderr).toMatch(/^fmauth token: Could not reach .*ECONNREFUSED.*\n$/);
  });

  it('a server that answers HTML → the Data API check fails and says it is not the Data API', async () => {
    const doctor = await runFmauth(['doctor', htmlUrl, '--json']);
    expectNoStackTrace(doctor);
    expect(doctor.code).toBe(1);
    const dataApi = JSON.parse(doctor.stdout).checks.find(
      (check: { name: string }) => check.name === 'data-api',
    );
    expect(dataApi).toMatchObject({ status: 'fail', code: 'FMAUTH_UNEXPECTED_RESPONSE' });
    expect(dataApi.detail).toMatch(/HTML|text\/html/);
    const token = await runFmauth(['token', htmlUrl, '-d', 'Contacts', '-u', 'admin'], {
      env: { FMAUTH_PASSWORD: 'x' },
    });
    expect(token.code).toBe(1);
    expect(token.stderr).toMatch(
      /^fmauth token: http:\/\/127\.0\.0\.1:\d+ does not answer like a FileMaker Data API: .*\(if it is one, name it with --flavor\)\n$/,
    );
  });

  it('a URL that is not a server address → exit 2 before anything is sent', async () => {
    for (const url of ['fms.example.com', 'ftp://fms.example.com', 'not a url']) {
      const result = await runFmauth(['doctor', url]);
      expectNoStackTrace(result);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^fmauth doctor: ".*" is not (a|an http\(s\)) URL; give the server's address, e.g\. https:\/\/fms\.example\.com/,
      );
    }
  });

  it('credentials in the URL are refused (they would land in shell history)', async () => {
    const result = await runFmauth([
      'token',
      'https://admin:secret@fms.example.com',
      '-d',
      'Contacts',
      '-u',
      'admin',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('secret');
  });

  it('stdin closed and no FMAUTH_PASSWORD → exit 2 and which variable to set', async () => {
    const result = await runFmauth([
      'token',
      htmlUrl,
      '-d',
      'Contacts',
      '-u',
      'admin',
      '--flavor',
      'filemaker-server',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'fmauth token: no password: set FMAUTH_PASSWORD, or run fmauth in a terminal to be asked for it (stdin is not a terminal)\n',
    );
  });

  it('unknown commands and flags, missing arguments → exit 2 with a pointer to --help', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^fmauth: unknown command "frobnicate"; the commands are doctor, token, logout, mock/],
      [['doctor'], /^fmauth doctor: fmauth doctor needs the server's URL \(see fmauth doctor --help\)/],
      [
        ['token', htmlUrl, '--password', 'x'],
        /^fmauth token: Unknown option '--password'.*\(see fmauth token --help\)/,
      ],
      [['token', htmlUrl, '-u', 'admin'], /^fmauth token: fmauth token needs --database <name>/],
      [['doctor', htmlUrl, '--timeout', 'soon'], /--timeout must be a whole number of milliseconds/],
      [
        ['doctor', htmlUrl, '--flavor', 'fms'],
        /--flavor must be one of filemaker-server, filemaker-cloud, claris-server/,
      ],
      [['doctor', htmlUrl, '--ca', '/nonexistent/ca.pem'], /--ca: cannot read "\/nonexistent\/ca\.pem"/],
      [[], /^fmauth: log in to FileMaker/],
    ];
    for (const [args, message] of cases) {
      const result = await runFmauth(args);
      expectNoStackTrace(result);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('--help of every command shows examples and the exit codes, and exits 0', async () => {
    for (const command of ['doctor', 'token', 'logout']) {
      const result = await runFmauth([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toContain('130  interrupted (Ctrl-C)');
    }
  });
});
