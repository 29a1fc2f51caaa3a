import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endpoint, expectNoStackTrace, mockStats, runFmauth } from './helpers/run-fmauth.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${endpoint(server, 'control')}/reset`, { method: 'POST' });
});

async function layouts(baseUrl: string, authorization: string) {
  return fetch(`${baseUrl}/fmi/data/vLatest/databases/Contacts/layouts`, { headers: { authorization } });
}

describe('fmauth token', () => {
  it('prints only the Data API token on stdout, and the token works as a Bearer token', async () => {
    const result = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    expect(token).toMatch(/^[0-9a-f]{20,}$/);
    expect(result.stderr).toContain('Authorization: Bearer <token>');
    expect(result.stdout + result.stderr).not.toContain('admin-pass');
    expect((await layouts(endpoint(server, 'filemakerServer'), `Bearer ${token}`)).status).toBe(200);
    // The session is left open for the user: one login, no logout.
    expect((await mockStats(endpoint(server, 'control'))).filemakerServer).toMatchObject({
      successfulLogins: 1,
      logouts: 0,
    });
  });

  it('--json adds the header, the flavor and a sliding expiry about 15 minutes away', async () => {
    const before = Date.now();
    const result = await runFmauth(
      ['token', endpoint(server, 'clarisServer'), '-d', 'Contacts', '-u', 'dev@example.com', '--json'],
      {
        env: { FMAUTH_PASSWORD: 'Extended-pass-1' },
      },
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      kind: 'data-api',
      flavor: 'claris-server',
      database: 'Contacts',
      slidingExpiry: true,
    });
    expect(output.authorization).toBe(`Bearer ${output.token}`);
    const expiresIn = Date.parse(output.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThan(16 * 60_000 + 30_000);
    expect((await layouts(endpoint(server, 'clarisServer'), output.authorization)).status).toBe(200);
  });

  it('--claris-id on FileMaker Cloud prints the FMID (Cognito ID) token, which FileMaker Cloud accepts', async () => {
    const result = await runFmauth(
      [
        'token',
        endpoint(server, 'filemakerCloud'),
        '-d',
        'Contacts',
        '-u',
        'dev@example.com',
        '--claris-id',
        '--json',
        '--cognito-endpoint',
        endpoint(server, 'cognito'),
      ],
      { env: { FMAUTH_PASSWORD: 'ClarisID-pass-1' } },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ kind: 'fmid', flavor: 'filemaker-cloud', slidingExpiry: false });
    expect(output.token.split('.')).toHaveLength(3); // a JWT
    const claims = JSON.parse(Buffer.from(output.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ token_use: 'id', email: 'dev@example.com' });
    expect(Date.parse(output.expiresAt)).toBe(claims.exp * 1000);
    // Its Data API login only proved the token; it was ended again.
    expect((await mockStats(endpoint(server, 'control'))).filemakerCloud).toMatchObject({
      successfulLogins: 1,
      logouts: 1,
    });
    // The printed token logs in to FileMaker Cloud by itself, as curl would send it.
    const login = await fetch(
      `${endpoint(server, 'filemakerCloud')}/fmi/data/vLatest/databases/Contacts/sessions`,
      {
        method: 'POST',
        headers: { authorization: output.authorization, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(login.status).toBe(200);
  });

  it('--claris-id on another flavor is a usage error (exit 2) that says why', async () => {
    const result = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin', '--claris-id'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'fmauth token: --claris-id prints a FileMaker Cloud ID token, but this server is filemaker-server; leave --claris-id out for a Data API token\n',
    );
  });

  it('a refused login exits 1 with the typed error in one line', async () => {
    const result = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'wrong-password' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(
      /^fmauth token: The server rejected the login to database "Contacts" \(HTTP 401, FileMaker 212/,
    );
    expect(result.stderr).not.toContain('wrong-password');
  });
});

describe('fmauth token --json failures', () => {
  it('a refused login prints {ok:false, exitCode, error:{message, code}} on stdout as well as the line on stderr', async () => {
    const result = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin', '--json'],
      {
        env: { FMAUTH_PASSWORD: 'wrong-password' },
      },
    );
    expect(result.code).toBe(1);
    const failure = JSON.parse(result.stdout);
    expect(failure).toMatchObject({ ok: false, exitCode: 1, error: { code: 'FMAUTH_INVALID_CREDENTIALS' } });
    expect(result.stderr).toBe(`fmauth token: ${failure.error.message}\n`);
    expect(result.stdout).not.toContain('wrong-password');
  });
});

describe('fmauth logout', () => {
  it('ends the session a token command printed (FMAUTH_TOKEN); the token stops working', async () => {
    const printed = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    const token = printed.stdout.trim();
    expect((await mockStats(endpoint(server, 'control'))).filemakerServer).toMatchObject({
      activeSessions: 1,
      logouts: 0,
    });
    const result = await runFmauth(['logout', endpoint(server, 'filemakerServer'), '-d', 'Contacts'], {
      env: { FMAUTH_TOKEN: token },
    });
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Logged out: the Data API session on Contacts is ended.\n');
    expect(result.stdout + result.stderr).not.toContain(token);
    expect((await mockStats(endpoint(server, 'control'))).filemakerServer).toMatchObject({
      activeSessions: 0,
      logouts: 1,
    });
    expect((await layouts(endpoint(server, 'filemakerServer'), `Bearer ${token}`)).status).toBe(401);
  });

  it('takes the output of fmauth token --json on stdin', async () => {
    const printed = await runFmauth(
      ['token', endpoint(server, 'clarisServer'), '-d', 'Contacts', '-u', 'dev@example.com', '--json'],
      {
        env: { FMAUTH_PASSWORD: 'Extended-pass-1' },
      },
    );
    const result = await runFmauth(['logout', endpoint(server, 'clarisServer'), '-d', 'Contacts', '--json'], {
      input: printed.stdout,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ loggedOut: true, database: 'Contacts' });
    expect((await mockStats(endpoint(server, 'control'))).clarisServer).toMatchObject({
      activeSessions: 0,
      logouts: 1,
    });
  });

  it('without a token (empty stdin, no FMAUTH_TOKEN) is a usage error', async () => {
    const result = await runFmauth(['logout', endpoint(server, 'filemakerServer'), '-d', 'Contacts']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'fmauth logout: no token: set FMAUTH_TOKEN, or pipe the token (or fmauth token --json output) into stdin\n',
    );
  });
});
