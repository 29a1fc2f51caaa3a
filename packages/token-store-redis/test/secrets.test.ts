// No Redis password, in any form, in errors (message, stack, String, JSON, inspect, cause) or in the store.
import { inspect } from 'node:util';
import { InvalidArgumentError, Secret } from '@fmauth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { redisTokenStore } from '../src/index.js';
import { Redactor } from '../src/redact.js';
import { ctx, freshPrefix, rawClient, timed } from './helpers.js';

const skip = redisSkipReason();
const RIGHT = 'Right-Pa55:/@word';
const WRONG = 'Wr0ng-Pa55-xyz';
const USER_PW = 'User-Pa55-abc';

/** Every way an error or object may end up in a log, searched for every form of every secret. */
function expectNothingOf(value: unknown, secrets: readonly string[]): void {
  const renderings = [
    String(value),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: 10, showHidden: true }),
    value instanceof Error ? (value.stack ?? '') : '',
    value instanceof Error && value.cause instanceof Error
      ? `${value.cause.message}\n${value.cause.stack}`
      : '',
    value instanceof Error ? (JSON.stringify(value.cause) ?? '') : '',
  ];
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret)]) {
      for (const text of renderings) expect(text).not.toContain(form);
    }
  }
}

describe('option checks never echo the URL', () => {
  it.each([
    ['a URL that does not parse', `redis://fmuser:${RIGHT}@host:99999`],
    ['a scheme other than redis/rediss', `http://fmuser:${RIGHT}@host:6379`],
    ['a path that is not a database number', `redis://fmuser:${RIGHT}@host:6379/zero`],
  ])('%s', (_, url) => {
    let thrown: unknown;
    try {
      redisTokenStore({ url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect(thrown).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' });
    expectNothingOf(thrown, [RIGHT, 'fmuser']);
  });

  it('needs exactly one of url and client, and positive timeouts', () => {
    expect(() => redisTokenStore({})).toThrow(/needs "url".*or "client"/);
    expect(() => redisTokenStore(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => redisTokenStore({ url: 'redis://h', client: {} as never })).toThrow(/not both/);
    expect(() => redisTokenStore({ url: 'redis://h', commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
    expect(() => redisTokenStore({ url: 'redis://h', connectTimeoutMs: Number.NaN })).toThrow(
      /connectTimeoutMs/,
    );
    expect(() => redisTokenStore({ url: 'redis://h', keyPrefix: 1 as never })).toThrow(/keyPrefix/);
    expect(() => redisTokenStore({ client: { status: 'ready', call() {} } as never })).toThrow(/ioredis/);
    expect(() => redisTokenStore({ client: { isOpen: true } as never })).toThrow(/sendCommand/);
  });
});

describe('Redactor', () => {
  it('removes URL credentials and the password in raw and percent-encoded form', () => {
    const redactor = new Redactor([`redis://app:${encodeURIComponent(RIGHT)}@h:1`, RIGHT]);
    const text = `failed for redis://app:${encodeURIComponent(RIGHT)}@h:1 and rediss://other:x@y (${RIGHT})`;
    const scrubbed = redactor.scrub(text);
    expect(scrubbed).toBe('failed for redis://[redacted]@h:1 and rediss://[redacted]@y ([redacted])');
  });

  it('sanitize keeps class name, code and frames but drops every other field', () => {
    const original = Object.assign(new Error(`bad ${RIGHT}`), {
      code: 'EFOO',
      input: `redis://u:${RIGHT}@h`,
    });
    const copy = new Redactor([RIGHT]).sanitize(original);
    expect(copy.message).toBe('bad [redacted]');
    expect(copy).toMatchObject({ code: 'EFOO' });
    expect(copy).not.toHaveProperty('input');
    expect(copy.stack).toMatch(/^Error: bad \[redacted\]\n\s+at /);
  });
});

describe.skipIf(skip !== undefined)(
  `passwords stay out of errors and objects${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let redis: RedisServerHandle;
    beforeAll(async () => {
      redis = await startRedisServer({ password: RIGHT });
      const admin = await rawClient(redis.url);
      await admin.sendCommand(['ACL', 'SETUSER', 'fmauth-app', 'on', `>${USER_PW}`, '~*', '+@all']);
      admin.destroy();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('a wrong password (URL, no user): clear error, no password anywhere', async () => {
      const url = `redis://:${encodeURIComponent(WRONG)}@127.0.0.1:${redis.port}`;
      await using s = redisTokenStore({ url, connectTimeoutMs: 1000 });
      const { error, ms } = await timed(s.get('k', ctx()));
      expect(ms).toBeLessThan(1000);
      expect(error).toMatchObject({
        code: 'FMAUTH_INVALID_CREDENTIALS',
        message: expect.stringContaining(`Redis at redis://127.0.0.1:${redis.port} refused`),
      });
      expectNothingOf(error, [WRONG, RIGHT]);
    });

    it('a wrong password for an ACL user (user:password@, passed as a Secret): no password, no userinfo', async () => {
      const url = new Secret(`redis://fmauth-app:${encodeURIComponent(WRONG)}@127.0.0.1:${redis.port}/0`);
      await using s = redisTokenStore({ url, connectTimeoutMs: 1000 });
      const { error } = await timed(s.set('k', 'v', { ttlMs: 1000 }, ctx()));
      expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS' });
      expectNothingOf(error, [WRONG, `fmauth-app:`]);
    });

    it('the right ACL user and password work, and a later outage error carries no password', async () => {
      const url = `redis://fmauth-app:${encodeURIComponent(USER_PW)}@127.0.0.1:${redis.port}/0`;
      await using s = redisTokenStore({
        url,
        keyPrefix: freshPrefix(),
        commandTimeoutMs: 300,
        connectTimeoutMs: 300,
      });
      await s.set('k', 'v', { ttlMs: 60_000 }, ctx());
      expect(await s.get('k', ctx())).toBe('v');
      expectNothingOf(s, [USER_PW, 'fmauth-app']);
      redis.pause();
      try {
        const { error } = await timed(s.get('k', ctx()));
        expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT' });
        expectNothingOf(error, [USER_PW]);
      } finally {
        redis.resume();
      }
    });

    it('util.inspect and JSON.stringify of a store show no URL credentials', () => {
      const url = `redis://fmauth-app:${encodeURIComponent(USER_PW)}@127.0.0.1:${redis.port}/0`;
      const s = redisTokenStore({ url, keyPrefix: 'app:' });
      expect(JSON.parse(JSON.stringify(s))).toEqual({
        name: 'redis',
        supports: { locks: true, crossProcess: true },
      });
      expect(inspect(s)).toBe(
        `RedisTokenStore { name: 'redis', keyPrefix: 'app:', redis: 'redis://127.0.0.1:${redis.port}/0' }`,
      );
      expectNothingOf(s, [USER_PW, 'fmauth-app']);
      expect(inspect(s, { showHidden: true, depth: 10 })).not.toContain(USER_PW);
      return s.close();
    });
  },
);
