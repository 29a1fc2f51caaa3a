import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisServerHandle } from '../../../scripts/redis-server.mjs';
import {
  closedPort,
  examplePath,
  fileMakerCloudEnv,
  fileMakerServerEnv,
  LineProcess,
  redisSkipReason,
  startRedisServer,
  stats,
  type Variant,
} from './support/backends.js';

const CALLER = fileURLToPath(new URL('./fixtures/route-caller.mjs', import.meta.url));
const CALLS = 20;
const skip = redisSkipReason();

interface RouteResult {
  readonly status: number;
  readonly body: { contacts?: Array<Record<string, string>>; error?: string };
}

describe.skipIf(skip !== undefined)(
  `Next.js route handler in separate processes${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let mock: MockServer;
    let redis: RedisServerHandle;
    let instances: LineProcess[] = [];

    beforeAll(async () => {
      mock = await startMockServer();
    });
    afterAll(() => mock?.close());
    // A new Redis per test: no token from an earlier test can make a login look shared.
    beforeEach(async () => {
      mock.mock.reset();
      redis = await startRedisServer();
    });
    afterEach(async () => {
      for (const instance of instances) instance.kill();
      instances = [];
      await redis?.stop();
    });

    /** Starts one instance per variant, waits until all are loaded, then lets them all call at once. */
    async function serveAtOnce(variants: readonly Variant[], env: Record<string, string | undefined>) {
      const started = variants.map(
        (variant) =>
          new LineProcess([CALLER], {
            ...env,
            ROUTE_MODULE: examplePath(variant, 'next-route'),
            FMAUTH_MODULE: examplePath(variant, 'fmauth'),
            CALLS: String(CALLS),
          }),
      );
      instances.push(...started);
      for (const instance of started) expect(await instance.nextJson()).toEqual({ ready: true });
      for (const instance of started) instance.send('go');
      const answers = [];
      for (const instance of started) {
        const { results } = await instance.nextJson<{ results: RouteResult[] }>();
        const exit = await instance.exited;
        expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null });
        answers.push({ results, stderr: exit.stderr });
      }
      return answers;
    }

    function expectContacts(results: readonly RouteResult[]) {
      expect(results).toHaveLength(CALLS);
      for (const { status, body } of results) {
        expect(status).toBe(200);
        expect(body.contacts).toHaveLength(2);
        expect(body.contacts?.[0]).toEqual(expect.objectContaining({ id: '1', name: expect.any(String) }));
      }
    }

    it.each([
      ['ts', 'ts'],
      ['js', 'js'],
      ['ts', 'js'],
    ] as const)(
      `two cold instances (%s and %s), ${CALLS} concurrent requests each: exactly one login`,
      async (...variants) => {
        const answers = await serveAtOnce(variants, fileMakerServerEnv(mock, redis));
        for (const { results } of answers) expectContacts(results);
        expect(stats(mock, 'filemakerServer').successfulLogins).toBe(1);
        // Each instance closed its session on the way out, and none logged out the shared session.
        expect(stats(mock, 'filemakerServer')).toMatchObject({ logouts: 0, activeSessions: 1 });
      },
    );

    it('FileMaker Cloud: one Claris ID sign-in and one Data API login for both instances', async () => {
      const answers = await serveAtOnce(['ts', 'js'], fileMakerCloudEnv(mock, redis));
      for (const { results } of answers) expectContacts(results);
      expect(stats(mock, 'cognito').srpSignIns).toBe(1);
      expect(stats(mock, 'filemakerCloud').successfulLogins).toBe(1);
    });

    it('FMAUTH_TOKEN_KEYS: a new key first and the old one second still reads the old values', async () => {
      const [k1, k2, k3] = ['a', 'b', 'c'].map((fill) => Buffer.alloc(32, fill).toString('base64'));
      const one = async (keys: string) => {
        const [answer] = await serveAtOnce(
          ['ts'],
          fileMakerServerEnv(mock, redis, { FMAUTH_TOKEN_KEYS: keys }),
        );
        expectContacts(answer?.results ?? []);
        return stats(mock, 'filemakerServer').successfulLogins;
      };
      expect(await one(k1 as string)).toBe(1);
      // Rotation in progress: written with k1, read with k2 first and k1 second (spaces are fine).
      expect(await one(` ${k2}, ${k1} `)).toBe(1);
      // Without the key that wrote it, a value cannot be used: this instance logs in by itself.
      expect(await one(k3 as string)).toBe(2);
    });

    it('Redis down: every request still answers, each instance logs in on its own and says why', async () => {
      const env = fileMakerServerEnv(mock, undefined, {
        REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      });
      const answers = await serveAtOnce(['ts', 'js'], env);
      for (const { results, stderr } of answers) {
        expectContacts(results);
        expect(stderr).toContain('fmauth: token store unavailable');
      }
      expect(stats(mock, 'filemakerServer').successfulLogins).toBe(2);
    });

    it('a FileMaker error becomes a 502 with its stable code, and no password in the logs', async () => {
      const env = fileMakerServerEnv(mock, redis, { FM_PASSWORD: 'not-the-password' });
      const [answer] = await serveAtOnce(['js'], env);
      for (const { status, body } of answer?.results ?? []) {
        expect(status).toBe(502);
        expect(body).toEqual({ error: 'FMAUTH_INVALID_CREDENTIALS' });
      }
      expect(answer?.stderr).toContain('InvalidCredentialsError');
      expect(answer?.stderr).not.toContain('not-the-password');
    });
  },
);
