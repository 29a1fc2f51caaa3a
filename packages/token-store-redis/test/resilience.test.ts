// A Redis that is down, slow, killed, frozen or refuses the password: calls reject within their bounds,
// never hang, and the same store works again once Redis is back.
import { FmAuthError } from '@fmauth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { type RedisTokenStore, redisTokenStore } from '../src/index.js';
import { closedPort, ctx, eventually, freshPrefix, silentServer, sleep, timed } from './helpers.js';

const skip = redisSkipReason();
const CONNECT_MS = 400;
const COMMAND_MS = 300;
// Timers, scheduling and a busy CI machine: generous, but far below "hangs".
const MARGIN_MS = 250;

describe.skipIf(skip !== undefined)(`redisTokenStore resilience${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const stores: RedisTokenStore[] = [];
  const servers: RedisServerHandle[] = [];

  function store(url: string): RedisTokenStore {
    const s = redisTokenStore({
      url,
      keyPrefix: freshPrefix(),
      connectTimeoutMs: CONNECT_MS,
      commandTimeoutMs: COMMAND_MS,
    });
    stores.push(s);
    return s;
  }
  async function server(): Promise<RedisServerHandle> {
    const s = await startRedisServer();
    servers.push(s);
    return s;
  }

  afterAll(async () => {
    for (const s of servers) s.resume();
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('creating a store does no I/O; the first call connects', async () => {
    const silent = await silentServer();
    try {
      const s = store(`redis://127.0.0.1:${silent.port}`);
      await sleep(100);
      expect(silent.connections()).toBe(0);
      await timed(s.get('k', ctx()));
      expect(silent.connections()).toBeGreaterThanOrEqual(1);
    } finally {
      await silent.close();
    }
  });

  it('a URL where nothing listens rejects within connectTimeoutMs with FMAUTH_NETWORK, and again at once', async () => {
    const s = store(`redis://127.0.0.1:${await closedPort()}`);
    const first = await timed(s.get('k', ctx()));
    expect(first.rejected).toBe(true);
    expect(first.ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
    expect(first.error).toBeInstanceOf(FmAuthError);
    expect(first.error).toMatchObject({
      code: 'FMAUTH_NETWORK',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    const second = await timed(s.acquireLock('l', 1000, ctx()));
    expect(second.rejected).toBe(true);
    expect(second.ms).toBeLessThan(MARGIN_MS);
  });

  it('a server that accepts but never answers rejects within connectTimeoutMs (TimeoutError, phase connect)', async () => {
    const silent = await silentServer();
    try {
      const s = store(`redis://127.0.0.1:${silent.port}`);
      const result = await timed(s.set('k', 'v', { ttlMs: 1000 }, ctx()));
      expect(result.rejected).toBe(true);
      expect(result.ms).toBeGreaterThanOrEqual(CONNECT_MS - 20);
      expect(result.ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
      expect(result.error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'connect', timeoutMs: CONNECT_MS });
    } finally {
      await silent.close();
    }
  });

  it('Redis down at start: calls reject fast, and the same store works once Redis is up', async () => {
    const redis = await server();
    await redis.stop();
    const s = store(redis.url);
    const down = await timed(s.get('k', ctx()));
    expect(down.rejected).toBe(true);
    expect(down.ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
    await redis.restart();
    const { ms } = await eventually(() => s.set('k', 'v', { ttlMs: 60_000 }, ctx()), 4000);
    expect(ms).toBeLessThan(3000);
    expect(await s.get('k', ctx())).toBe('v');
  });

  it('Redis killed mid-run: calls reject within commandTimeoutMs; after restart the same store works again', async () => {
    const redis = await server();
    const s = store(redis.url);
    await s.set('k', 'before', { ttlMs: 60_000 }, ctx());
    await redis.kill();
    for (const call of [
      (): Promise<unknown> => s.get('k', ctx()),
      () => s.acquireLock('l', 1000, ctx()),
      () => s.get('k', ctx()),
    ]) {
      const result = await timed(call());
      expect(result.rejected).toBe(true);
      expect(result.ms).toBeLessThan(COMMAND_MS + MARGIN_MS);
      expect(result.error).toMatchObject({ code: 'FMAUTH_NETWORK' });
    }
    await redis.restart();
    await eventually(() => s.set('k', 'after', { ttlMs: 60_000 }, ctx()), 4000);
    expect(await s.get('k', ctx())).toBe('after');
    expect(await s.acquireLock('l', 60_000, ctx())).toBeDefined();
  });

  it('a frozen Redis (SIGSTOP): the call rejects within commandTimeoutMs, later calls too, and it recovers on SIGCONT', async () => {
    const redis = await server();
    const s = store(redis.url);
    await s.set('k', 'v', { ttlMs: 60_000 }, ctx());
    redis.pause();
    try {
      const hung = await timed(s.get('k', ctx()));
      expect(hung.rejected).toBe(true);
      expect(hung.ms).toBeGreaterThanOrEqual(COMMAND_MS - 20);
      expect(hung.ms).toBeLessThan(COMMAND_MS + MARGIN_MS);
      expect(hung.error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'request', timeoutMs: COMMAND_MS });
      // The connection is replaced; reconnecting to a frozen server is bounded by connectTimeoutMs.
      for (let i = 0; i < 3; i++) {
        const next = await timed(s.get('k', ctx()));
        expect(next.rejected).toBe(true);
        expect(next.ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
      }
    } finally {
      redis.resume();
    }
    const { value } = await eventually(() => s.get('k', ctx()), 4000);
    expect(value).toBe('v');
  });

  it('core’s abort signal ends a call at once, with core’s own reason', async () => {
    const redis = await server();
    const s = store(redis.url);
    await s.get('warm-up', ctx());
    const aborted = AbortSignal.abort(new Error('core gave up'));
    await expect(s.get('k', { signal: aborted })).rejects.toThrow('core gave up');
    redis.pause();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('core timeout')), 50);
      const result = await timed(s.get('k', { signal: controller.signal }));
      expect(result.error).toMatchObject({ message: 'core timeout' });
      expect(result.ms).toBeLessThan(50 + MARGIN_MS);
    } finally {
      redis.resume();
    }
  });

  it('close() is idempotent and bounded, and later calls reject', async () => {
    const redis = await server();
    const s = store(redis.url);
    await s.set('k', 'v', { ttlMs: 60_000 }, ctx());
    await Promise.all([s.close(), s.close()]);
    await s.close();
    await expect(s.get('k', ctx())).rejects.toThrow(/closed/);

    // Closing a store that never connected, or whose Redis is frozen, still returns promptly.
    await store(redis.url).close();
    const frozen = store(redis.url);
    await frozen.get('k', ctx());
    redis.pause();
    try {
      const pending = timed(frozen.get('k', ctx()));
      const closing = await timed(frozen.close());
      expect(closing.ms).toBeLessThan(COMMAND_MS + MARGIN_MS);
      expect((await pending).rejected).toBe(true);
    } finally {
      redis.resume();
    }
  });
});

describe.skipIf(skip !== undefined)('redisTokenStore on a password-protected Redis', () => {
  let redis: RedisServerHandle;
  beforeAll(async () => {
    redis = await startRedisServer({ password: 'Pw-for-tests:/@1' });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('works with the password in the URL', async () => {
    await using s = redisTokenStore({ url: redis.url, keyPrefix: freshPrefix() });
    await s.set('k', 'v', { ttlMs: 60_000 }, ctx());
    expect(await s.get('k', ctx())).toBe('v');
  });

  it('a wrong password rejects within connectTimeoutMs with FMAUTH_INVALID_CREDENTIALS', async () => {
    await using s = redisTokenStore({
      url: `redis://:${encodeURIComponent('Wrong-pw-123')}@127.0.0.1:${redis.port}`,
      connectTimeoutMs: CONNECT_MS,
    });
    const result = await timed(s.get('k', ctx()));
    expect(result.rejected).toBe(true);
    expect(result.ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
    expect(result.error).toMatchObject({
      code: 'FMAUTH_INVALID_CREDENTIALS',
      message: expect.stringMatching(/refused the token store's credentials \(WRONGPASS\)/),
    });
    // Asking again answers at once with the same diagnosis.
    const again = await timed(s.get('k', ctx()));
    expect(again.ms).toBeLessThan(MARGIN_MS);
    expect(again.error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS' });
  });
});
