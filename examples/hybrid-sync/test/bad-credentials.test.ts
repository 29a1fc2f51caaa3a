import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockEnv, runCli } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.mock.reset());

/** No stack trace, no secret: what a user sees must be a message. */
function expectReadable(stderr: string, ...secrets: string[]): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  for (const secret of secrets) expect(stderr).not.toContain(secret);
}

// Each test runs the built CLI in a fresh Node process; on a loaded 2-core CI machine that takes seconds.
describe('hybrid-sync with bad credentials (the built program, in a child process)', {
  timeout: 30_000,
}, () => {
  it('the Claris ID password on the Claris side: exit 1 and the extended-password advice', async () => {
    const result = await runCli([], mockEnv(server, { CLARIS_EXTENDED_PASSWORD: 'ClarisID-pass-1' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `hybrid-sync: cannot log in to the Claris Server at ${server.endpoints.clarisServer} (database Contacts) as dev@example.com`,
    );
    expect(result.stderr).toContain('[FMAUTH_INVALID_CREDENTIALS]');
    expect(result.stderr).toContain(
      'Claris Server needs the extended account password, not the Claris ID password',
    );
    expect(result.stderr).toContain('Account > Extended Account');
    expectReadable(result.stderr, 'ClarisID-pass-1', 'admin-pass');
    const stats = server.mock.stats();
    expect(stats.clarisServer?.rejectedClarisIdPasswords).toBe(1);
    // The FileMaker Server side had logged in; it was still logged out.
    expect(stats.filemakerServer).toMatchObject({ successfulLogins: 1, logouts: 1, activeSessions: 0 });
  });

  it('a wrong FileMaker Server password: exit 1, naming that server', async () => {
    const result = await runCli([], mockEnv(server, { FMS_PASSWORD: 'wrong-pass' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('hybrid-sync: cannot log in to the FileMaker Server');
    expect(result.stderr).toContain('as admin');
    expect(result.stderr).not.toContain('cannot log in to the Claris Server');
    expectReadable(result.stderr, 'wrong-pass', 'Extended-pass-1');
  });

  it('a Claris URL that is really a FileMaker Server: the advice says what it looks like', async () => {
    const result = await runCli([], mockEnv(server, { CLARIS_URL: server.endpoints.filemakerServer }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('This server looks like FileMaker Server (high confidence)');
    expect(result.stderr).toContain('Check CLARIS_URL.');
    expectReadable(result.stderr, 'Extended-pass-1');
  });
});
