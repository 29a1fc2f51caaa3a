import { networkInterfaces } from 'node:os';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, runFmauth } from './helpers/run-fmauth.js';

// An address of this machine that is not loopback, so http:// to it counts as "another host".
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

let server: MockServer;
let url: string;

describe.skipIf(lanAddress === undefined)('plain http:// to a host other than this machine', () => {
  beforeAll(async () => {
    server = await startMockServer({ host: '0.0.0.0' });
    url = `http://${lanAddress}:${server.port}`;
  });
  afterAll(() => server?.close());

  it('doctor fails the tls check and does not send the password', async () => {
    const result = await runFmauth(['doctor', url, '-d', 'Contacts', '-u', 'admin', '--json'], {
      env: { FMAUTH_PASSWORD: 'admin-pass' },
    });
    expectNoStackTrace(result);
    expect(result.code).toBe(1);
    const checks = JSON.parse(result.stdout).checks as { name: string; status: string; detail: string }[];
    expect(checks.find((check) => check.name === 'tls')).toMatchObject({ status: 'fail' });
    expect(checks.find((check) => check.name === 'login')).toMatchObject({ status: 'skip' });
    const stats = server.mock.stats() as unknown as {
      filemakerServer: { successfulLogins: number; failedLogins: number };
    };
    expect(stats.filemakerServer.successfulLogins + stats.filemakerServer.failedLogins).toBe(0);
  });

  it('--allow-insecure-http turns it into a warning and tries the account', async () => {
    const result = await runFmauth(
      ['doctor', url, '-d', 'Contacts', '-u', 'admin', '--allow-insecure-http', '--json'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expect(result.code).toBe(0);
    const checks = JSON.parse(result.stdout).checks as { name: string; status: string }[];
    expect(checks.find((check) => check.name === 'tls')?.status).toBe('warn');
    expect(checks.find((check) => check.name === 'login')?.status).toBe('pass');
  });

  it('token refuses it with a usage error (exit 2) naming the way out', async () => {
    const result = await runFmauth(['token', url, '-d', 'Contacts', '-u', 'admin'], {
      env: { FMAUTH_PASSWORD: 'admin-pass' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^fmauth token: .*plain http:\/\/.*unencrypted.* With fmauth: --allow-insecure-http\.\n$/,
    );
  });
});
