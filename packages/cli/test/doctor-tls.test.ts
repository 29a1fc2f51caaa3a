import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, expectNoStackTrace, runFmauth } from './helpers/run-fmauth.js';

let server: MockServer;
let caPath: string;

beforeAll(async () => {
  server = await startMockServer({ tls: true }); // a fresh self-signed CA, like many on-premises servers
  caPath = server.tls?.caPath ?? '';
});
afterAll(() => server.close());

describe('fmauth doctor over TLS', () => {
  it('a self-signed certificate without --ca → the tls check fails, says how to pass the CA, exit 3', async () => {
    const result = await runFmauth(['doctor', endpoint(server, 'filemakerServer'), '--json']);
    expectNoStackTrace(result);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    const tls = report.checks.find((check: { name: string }) => check.name === 'tls');
    expect(tls).toMatchObject({ status: 'fail', code: 'FMAUTH_TLS' });
    expect(tls.detail).toContain('--ca <file>');
  });

  it('with --ca <the CA file> every check passes, the login included', async () => {
    const result = await runFmauth(
      ['doctor', endpoint(server, 'filemakerServer'), '--ca', caPath, '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}tls {7}certificate trusted through the CA given with --ca$/m);
    expect(result.stdout).toMatch(/^PASS {2}login {5}admin logged in to Contacts/m);
  });

  it('fmauth token without the CA fails in one line with exit 3; with it, prints a token', async () => {
    const args = ['token', endpoint(server, 'clarisServer'), '-d', 'Contacts', '-u', 'dev@example.com'];
    const refused = await runFmauth(args, { env: { FMAUTH_PASSWORD: 'Extended-pass-1' } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^fmauth token: .*With fmauth: pass the server's CA certificate \(PEM\) with --ca <file>\.\n$/,
    );
    const printed = await runFmauth([...args, '--ca', caPath], {
      env: { FMAUTH_PASSWORD: 'Extended-pass-1' },
    });
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toMatch(/^[0-9a-f]{20,}$/);
  });
});
