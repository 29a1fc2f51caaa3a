import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endpoint, expectNoStackTrace, patchMockOptions, runFmauth } from './helpers/run-fmauth.js';

let server: MockServer;
let control: string;

beforeAll(async () => {
  server = await startMockServer();
  control = endpoint(server, 'control');
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${control}/reset`, { method: 'POST' });
});

/** `fmauth doctor --json` and its parsed report. */
async function doctor(url: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = await runFmauth(['doctor', url, '--json', ...args], { env });
  expectNoStackTrace(result);
  const report = JSON.parse(result.stdout) as {
    ok: boolean;
    exitCode: number;
    checks: { name: string; status: string; detail: string; code?: string }[];
  };
  const check = (name: string) => report.checks.find((item) => item.name === name);
  return { result, report, check };
}

describe('fmauth doctor: each flavor, right credentials', () => {
  it('FileMaker Server: detects the flavor, says why, and logs a FileMaker account in and out', async () => {
    const { result, report, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'admin'],
      {
        FMAUTH_PASSWORD: 'admin-pass',
      },
    );
    expect(result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(check('flavor')).toMatchObject({ status: 'pass' });
    expect(check('flavor')?.detail).toMatch(/^FileMaker Server \(high confidence\): productInfo/);
    expect(check('data-api')?.detail).toBe('productInfo: FileMaker Data API Engine 21.1.1.41');
    expect(check('login')).toMatchObject({ status: 'pass' });
    // The doctor logs out again: no session is left counted against the server's limit.
    const stats = server.mock.stats() as unknown as {
      filemakerServer: { activeSessions: number; logouts: number };
    };
    expect(stats.filemakerServer).toMatchObject({ activeSessions: 0, logouts: 1 });
  });

  it('Claris Server: a Claris ID with its extended password passes', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'clarisServer'),
      ['-d', 'Contacts', '-u', 'dev@example.com'],
      {
        FMAUTH_PASSWORD: 'Extended-pass-1',
      },
    );
    expect(result.code).toBe(0);
    expect(check('flavor')?.detail).toMatch(/^Claris Server \(high confidence\)/);
    expect(check('login')).toMatchObject({ status: 'pass' });
  });

  it('FileMaker Cloud: a Claris ID signs in through Cognito; MFA is answered from FMAUTH_TOTP_SECRET', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerCloud'),
      ['-d', 'Contacts', '-u', 'mfa@example.com', '--cognito-endpoint', endpoint(server, 'cognito')],
      { FMAUTH_PASSWORD: 'ClarisID-pass-3', FMAUTH_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' },
    );
    expect(result.code).toBe(0);
    expect(check('flavor')?.detail).toMatch(/^FileMaker Cloud \(high confidence\)/);
    expect(check('login')).toMatchObject({ status: 'pass' });
  });

  it('without an account it checks the server only, skips the login and still exits 0', async () => {
    const result = await runFmauth(['doctor', endpoint(server, 'clarisServer')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}flavor {4}Claris Server/m);
    expect(result.stdout).toMatch(/^SKIP {2}login {5}give --database and --user/m);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed, 2 skipped');
  });
});

describe("fmauth doctor: wrong credentials, explained in the typed errors' words", () => {
  it('a Claris ID password on Claris Server → the extended account password advice', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'clarisServer'),
      ['-d', 'Contacts', '-u', 'dev@example.com'],
      {
        FMAUTH_PASSWORD: 'ClarisID-pass-1',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_INVALID_CREDENTIALS' });
    expect(check('login')?.detail).toContain(
      'Claris Server needs the extended account password, not the Claris ID password',
    );
    expect(check('login')?.detail).toContain('Account > Extended Account');
    // The password never reaches the output.
    expect(result.stdout + result.stderr).not.toContain('ClarisID-pass-1');
  });

  it('a FileMaker account on FileMaker Cloud → FileMaker Cloud takes only Claris IDs', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerCloud'),
      ['-d', 'Contacts', '-u', 'admin'],
      {
        FMAUTH_PASSWORD: 'admin-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')?.status).toBe('fail');
    expect(check('login')?.detail).toContain('FileMaker Cloud does not accept FileMaker account names');
  });

  it('a wrong Claris ID password on FileMaker Cloud → Cognito refused it, with the Claris ID advice', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerCloud'),
      ['-d', 'Contacts', '-u', 'dev@example.com', '--cognito-endpoint', endpoint(server, 'cognito')],
      { FMAUTH_PASSWORD: 'Extended-pass-1' },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_INVALID_CREDENTIALS' });
    expect(check('login')?.detail).toContain('FileMaker Cloud accepts only Claris IDs');
  });

  it('an account without fmrest (the server answering 212) → the hint names the fmrest privilege', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'no-api'],
      {
        FMAUTH_PASSWORD: 'no-api-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_INVALID_CREDENTIALS' });
    expect(check('login')?.detail).toContain('fmrest extended privilege');
  });

  it('an account without fmrest (the server answering 9) → InsufficientPrivilegesError', async () => {
    await patchMockOptions(control, { dataApi: { missingPrivilegeCode: '9' } });
    const { result, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'no-api'],
      {
        FMAUTH_PASSWORD: 'no-api-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_INSUFFICIENT_PRIVILEGES' });
    expect(check('login')?.detail).toMatch(/fmrest/);
  });

  it('an inactive account → AccountUnavailableError and who can fix it', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'inactive'],
      {
        FMAUTH_PASSWORD: 'inactive-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_ACCOUNT_UNAVAILABLE' });
    expect(check('login')?.detail).toContain('inactive');
  });

  it('the session limit reached → SessionLimitError', async () => {
    await patchMockOptions(control, { dataApi: { maxSessions: 1 } });
    const first = await runFmauth(
      ['token', endpoint(server, 'filemakerServer'), '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expect(first.code).toBe(0); // holds the only session
    const { result, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'admin'],
      {
        FMAUTH_PASSWORD: 'admin-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_SESSION_LIMIT' });
  });

  it('MFA needed and no way to answer it (no terminal, no FMAUTH_TOTP_SECRET) → ChallengeRequiredError and what to set', async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerCloud'),
      ['-d', 'Contacts', '-u', 'mfa@example.com', '--cognito-endpoint', endpoint(server, 'cognito')],
      { FMAUTH_PASSWORD: 'ClarisID-pass-3' },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_CHALLENGE_REQUIRED' });
    expect(check('login')?.detail).toContain('set FMAUTH_TOTP_SECRET');
  });

  it('the Data API switched off through the control API → the data-api check fails and the flavor is unknown', async () => {
    await patchMockOptions(control, { dataApi: { dataApiEnabled: false } });
    const { result, check } = await doctor(
      endpoint(server, 'filemakerServer'),
      ['-d', 'Contacts', '-u', 'admin'],
      {
        FMAUTH_PASSWORD: 'admin-pass',
      },
    );
    expect(result.code).toBe(1);
    expect(check('connect')?.status).toBe('pass');
    expect(check('data-api')).toMatchObject({ status: 'fail', code: 'FMAUTH_UNEXPECTED_RESPONSE' });
    expect(check('data-api')?.detail).toMatch(/502/);
    expect(check('flavor')?.status).toBe('fail');
    expect(check('login')?.status).toBe('skip');
  });
});

describe('fmauth doctor: challenges and a forced flavor', () => {
  it("a Claris ID that must set a new password → the library's advice alone (no MFA hint)", async () => {
    const { result, check } = await doctor(
      endpoint(server, 'filemakerCloud'),
      ['-d', 'Contacts', '-u', 'reset@example.com', '--cognito-endpoint', endpoint(server, 'cognito')],
      { FMAUTH_PASSWORD: 'ClarisID-pass-4' },
    );
    expect(result.code).toBe(1);
    expect(check('login')).toMatchObject({ status: 'fail', code: 'FMAUTH_CHALLENGE_REQUIRED' });
    expect(check('login')?.detail).toContain('must choose a new password');
    expect(check('login')?.detail).not.toContain('FMAUTH_TOTP_SECRET');
  });

  it('--flavor that the evidence contradicts → a WARN line naming both', async () => {
    const { check } = await doctor(endpoint(server, 'clarisServer'), ['--flavor', 'filemaker-cloud']);
    expect(check('flavor')).toMatchObject({ status: 'warn' });
    expect(check('flavor')?.detail).toMatch(
      /^--flavor filemaker-cloud is used, but the server looks like claris-server: /,
    );
  });
});
