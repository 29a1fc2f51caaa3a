import { type MockServer, mockFaults, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contactsByEmail, dataApi, mockEnv, runCli, runInProcess } from './helpers.js';

// Exit code 3 ("some records could not be copied") needs a server that refuses one write of many:
// the mock's fault injection makes exactly one record create on the Claris Server fail.

let server: MockServer;
let api: ReturnType<typeof dataApi>;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.mock.reset();
  api = dataApi(server);
  await api.fms.createRecord('Contacts', { name: 'Hedy Lamarr', email: 'hedy@example.com', city: 'Vienna' });
  await api.fms.createRecord('Contacts', { name: 'Radia Perlman', email: 'radia@example.com' });
  await api.fms.createRecord('Contacts', { name: 'Frances Allen', email: 'fran@example.com' });
});
afterEach(() => api.close());

/** The next record create on the Claris Server fails (reads, logins and other creates pass). */
const failOneCreate = () =>
  server.mock.faults.add({ kind: 'server-error', service: 'clarisServer', path: '/records', method: 'POST' });

describe('hybrid-sync: some records cannot be copied', () => {
  it('copies the others, reports the one that failed, and exits with 3', async () => {
    failOneCreate();
    const result = await runInProcess([], mockEnv(server));

    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `  could not copy hedy@example.com: [FMAUTH_FILEMAKER_ERROR] POST /claris-server/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records failed (HTTP 500, FileMaker 951 "An unexpected error occurred (*)").`,
    );
    expect(result.stdout).toContain('copied radia@example.com (record');
    expect(result.stdout).toContain('copied fran@example.com (record');
    expect(result.stdout).not.toContain('copied hedy@example.com');
    expect(result.stdout).toContain('copied 2 of 3 missing records, 1 failed; 6 already on Claris Server');

    const onClaris = await contactsByEmail(api.claris);
    expect(onClaris.size).toBe(8);
    expect(onClaris.has('hedy@example.com')).toBe(false);
    expect(server.mock.stats().faults).toMatchObject({ injected: 1, pending: 0 });
    // The run still logged out of both sides (the test's own sessions stay open until afterEach).
    for (const key of ['filemakerServer', 'clarisServer']) {
      expect(server.mock.stats()[key]).toMatchObject({ logouts: 1 });
    }

    // A second run copies the one that failed and exits 0.
    const retry = await runInProcess([], mockEnv(server));
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('copied 1 of 1 missing record; 8 already on Claris Server');
  });

  it('the built program exits with 3 too (fault set through the control route)', {
    timeout: 30_000,
  }, async () => {
    await mockFaults(server.endpoints.control as string).add({
      kind: 'filemaker-812',
      service: 'claris-server',
      path: '/layouts/Contacts/records',
      method: 'POST',
    });
    const result = await runCli([], mockEnv(server));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^ {2}could not copy hedy@example\.com: \[FMAUTH_SESSION_LIMIT\] .*812/m);
    expect(result.stdout).toContain('copied 2 of 3 missing records, 1 failed;');
  });

  it('a connection reset on one create fails that record, not the whole run', async () => {
    // A reset is a NetworkError (an FmAuthError too): reported per record like a refused write.
    server.mock.faults.add({ kind: 'reset', service: 'clarisServer', path: '/records', method: 'POST' });
    const result = await runInProcess([], mockEnv(server));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/could not copy hedy@example\.com: \[FMAUTH_NETWORK/);
  });
});
