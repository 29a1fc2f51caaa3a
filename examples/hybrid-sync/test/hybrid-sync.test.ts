import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contactsByEmail, dataApi, mockEnv, runInProcess } from './helpers.js';

let server: MockServer;
let api: ReturnType<typeof dataApi>;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.mock.reset();
  api = dataApi(server);
});
afterEach(() => api.close());

const NEW_CONTACTS = [
  { name: 'Hedy Lamarr', email: 'hedy@example.com', city: 'Vienna' },
  { name: 'Radia Perlman', email: 'Radia@Example.com ', city: 'Portsmouth' },
];

describe('hybrid-sync: FileMaker Server -> Claris Server', () => {
  it('copies the contacts missing on the Claris Server, then a second run copies nothing', async () => {
    for (const contact of NEW_CONTACTS) await api.fms.createRecord('Contacts', contact);
    // Already on both sides, in another case: must match, not be copied again.
    await api.fms.editRecord('Contacts', 1, { email: 'ADA@example.com' });

    const first = await runInProcess([], mockEnv(server));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'read 8 records from FileMaker Server, 6 from Claris Server; matching on "email"',
    );
    expect(first.stdout).toContain('copied 2 of 2 missing records; 6 already on Claris Server');

    const onClaris = await contactsByEmail(api.claris);
    expect(onClaris.size).toBe(8);
    expect(onClaris.get('hedy@example.com')).toEqual(NEW_CONTACTS[0]);
    expect(onClaris.get('radia@example.com ')).toEqual(NEW_CONTACTS[1]);

    const second = await runInProcess([], mockEnv(server));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('copied 0 of 0 missing records; 8 already on Claris Server');
    expect((await contactsByEmail(api.claris)).size).toBe(8);
  });

  it('closes both sessions: one login and one logout on each server', async () => {
    await runInProcess([], mockEnv(server));
    const stats = server.mock.stats();
    for (const key of ['filemakerServer', 'clarisServer']) {
      expect(stats[key]).toMatchObject({ successfulLogins: 1, logouts: 1, activeSessions: 0 });
    }
  });

  it('--dry-run lists what it would copy and writes nothing', async () => {
    await api.fms.createRecord('Contacts', { name: 'Hedy Lamarr', email: 'hedy@example.com' });
    const before = server.mock.stats().clarisServer?.requests ?? 0;
    const result = await runInProcess(['--dry-run'], mockEnv(server));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(dry run: nothing is written)');
    expect(result.stdout).toContain('would copy hedy@example.com');
    expect(result.stdout).toContain('would copy 1 record; 6 already on Claris Server');
    expect((await contactsByEmail(api.claris)).has('hedy@example.com')).toBe(false);
    expect(server.mock.stats().clarisServer?.requests).toBeGreaterThan(before);
  });

  it('SYNC_DRY_RUN=1 in the environment does the same', async () => {
    await api.fms.createRecord('Contacts', { name: 'Hedy Lamarr', email: 'hedy@example.com' });
    const result = await runInProcess([], mockEnv(server, { SYNC_DRY_RUN: '1' }));
    expect(result.stdout).toContain('would copy 1 record;');
    expect((await contactsByEmail(api.claris)).has('hedy@example.com')).toBe(false);
  });

  it('skips source records without an email and copies a duplicated email once', async () => {
    await api.fms.createRecord('Contacts', { name: 'No Email' });
    await api.fms.createRecord('Contacts', { name: 'Hedy Lamarr', email: 'hedy@example.com' });
    await api.fms.createRecord('Contacts', { name: 'Hedy L.', email: 'HEDY@example.com' });
    const result = await runInProcess([], mockEnv(server));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'copied 1 of 1 missing record; 6 already on Claris Server; skipped 1 without email, 1 duplicate email',
    );
    expect((await contactsByEmail(api.claris)).get('hedy@example.com')?.name).toBe('Hedy Lamarr');
  });
});

describe('hybrid-sync: Claris Server -> FileMaker Server', () => {
  it('--direction claris-to-fms copies the other way, configured by flags', async () => {
    await api.claris.createRecord('Contacts', {
      name: 'Mary Jackson',
      email: 'mary@example.com',
      city: 'Hampton',
    });
    const env = mockEnv(server, { FMS_URL: undefined, CLARIS_ID: undefined });
    const result = await runInProcess(
      [
        '--direction',
        'claris-to-fms',
        '--fms-url',
        server.endpoints.filemakerServer as string,
        '--claris-id',
        'dev@example.com',
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hybrid-sync: Claris Server -> FileMaker Server');
    expect((await contactsByEmail(api.fms)).get('mary@example.com')).toEqual({
      name: 'Mary Jackson',
      email: 'mary@example.com',
      city: 'Hampton',
    });
  });
});
