import { DEFAULT_FIXTURE, type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisServerHandle } from '../../../scripts/redis-server.mjs';
import {
  examplePath,
  fileMakerServerEnv,
  redisSkipReason,
  runNode,
  startRedisServer,
  stats,
} from './support/backends.js';

describe.each(['ts', 'js'] as const)('one-off script (%s)', (variant) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ fixture: withArchive() });
  });
  afterAll(() => mock?.close());
  beforeEach(() => mock.mock.reset());

  it('without a store: logs in, does its work, and logs out on exit', async () => {
    const job = await runNode([examplePath(variant, 'one-off-script')], fileMakerServerEnv(mock, undefined));
    expect(job, job.stderr).toMatchObject({
      code: 0,
      signal: null,
      stdout: 'Contacts: 6 records\n',
      stderr: '',
    });
    expect(stats(mock, 'filemakerServer')).toMatchObject({
      successfulLogins: 1,
      logouts: 1,
      activeSessions: 0,
    });
  });

  it('still logs out when its work fails after the login', async () => {
    // The Archive file accepts the login but has no Contacts layout: the job's read fails (105).
    const env = fileMakerServerEnv(mock, undefined, { FM_DATABASE: 'Archive' });
    const job = await runNode([examplePath(variant, 'one-off-script')], env);
    expect(job.code).toBe(1);
    expect(job.stderr).toContain('FMAUTH_FILEMAKER_ERROR');
    expect(stats(mock, 'filemakerServer')).toMatchObject({
      successfulLogins: 1,
      logouts: 1,
      activeSessions: 0,
    });
  });

  const skip = redisSkipReason();
  describe.skipIf(skip !== undefined)(`with REDIS_URL${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let redis: RedisServerHandle;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(() => redis?.stop());

    it("takes the app's shared login and leaves it open on exit", async () => {
      const env = fileMakerServerEnv(mock, redis);
      const first = await runNode([examplePath(variant, 'one-off-script')], env);
      expect(first, first.stderr).toMatchObject({ code: 0, stdout: 'Contacts: 6 records\n', stderr: '' });
      const second = await runNode([examplePath(variant, 'one-off-script')], env);
      expect(second, second.stderr).toMatchObject({ code: 0, stdout: 'Contacts: 6 records\n', stderr: '' });
      expect(stats(mock, 'filemakerServer')).toMatchObject({
        successfulLogins: 1,
        logouts: 0,
        activeSessions: 1,
      });
    });
  });
});

/** The default fixture plus a file "Archive" with the same accounts and no Contacts layout. */
function withArchive() {
  const [contacts] = DEFAULT_FIXTURE.databases ?? [];
  if (!contacts) throw new Error('the default fixture has no database');
  const archive = {
    ...contacts,
    name: 'Archive',
    layouts: [{ name: 'Archived Contacts', table: 'Contacts' }],
  };
  return { ...DEFAULT_FIXTURE, databases: [contacts, archive] };
}
