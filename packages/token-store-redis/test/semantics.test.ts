// What each operation does, over a real redis-server on a free loopback port.
import { InvalidArgumentError } from '@fmauth/core';
import { RESP_TYPES } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { type RedisTokenStore, redisTokenStore } from '../src/index.js';
import { ctx, freshPrefix, rawClient, sleep } from './helpers.js';

const skip = redisSkipReason();

describe.skipIf(skip !== undefined)(`redisTokenStore semantics${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: RedisServerHandle;
  let raw: Awaited<ReturnType<typeof rawClient>>;
  const stores: RedisTokenStore[] = [];

  /** A store with a prefix of its own, closed after the file. */
  function store(keyPrefix = freshPrefix()): RedisTokenStore {
    const s = redisTokenStore({ url: server.url, keyPrefix });
    stores.push(s);
    return s;
  }

  beforeAll(async () => {
    server = await startRedisServer();
    raw = await rawClient(server.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    raw?.destroy();
    await server?.stop();
  });

  it('get resolves undefined for a missing key, set then get gives the value back', async () => {
    const s = store();
    expect(await s.get('missing', ctx())).toBeUndefined();
    expect(await s.set('k', 'v1', { ttlMs: 60_000 }, ctx())).toBe(true);
    expect(await s.get('k', ctx())).toBe('v1');
    expect(await s.set('k', 'v2', { ttlMs: 60_000 }, ctx())).toBe(true);
    expect(await s.get('k', ctx())).toBe('v2');
  });

  it('writes under keyPrefix with the TTL as a millisecond expiry, and values expire on their own', async () => {
    const prefix = freshPrefix();
    const s = store(prefix);
    await s.set('k', 'v', { ttlMs: 5000 }, ctx());
    const pttl = await raw.pTTL(`${prefix}value:k`);
    expect(pttl).toBeGreaterThan(4000);
    expect(pttl).toBeLessThanOrEqual(5000);
    await s.set('short', 'v', { ttlMs: 120 }, ctx());
    expect(await s.get('short', ctx())).toBe('v');
    await sleep(200);
    expect(await s.get('short', ctx())).toBeUndefined();
  });

  it("uses 'fmauth:' as the default prefix, and stores with other prefixes do not see each other", async () => {
    const s = redisTokenStore({ url: server.url });
    stores.push(s);
    const key = `default-${freshPrefix()}`;
    await s.set(key, 'v', { ttlMs: 60_000 }, ctx());
    expect(await raw.get(`fmauth:value:${key}`)).toBe('v');
    await raw.del(`fmauth:value:${key}`);
    const a = store();
    const b = store();
    await a.set('shared-name', 'from-a', { ttlMs: 60_000 }, ctx());
    expect(await b.get('shared-name', ctx())).toBeUndefined();
  });

  it('compareAndDelete deletes only the expected value', async () => {
    const s = store();
    expect(await s.compareAndDelete('k', 'anything', ctx())).toBe(false);
    await s.set('k', 'token-1', { ttlMs: 60_000 }, ctx());
    expect(await s.compareAndDelete('k', 'token-0', ctx())).toBe(false);
    expect(await s.get('k', ctx())).toBe('token-1');
    expect(await s.compareAndDelete('k', 'token-1', ctx())).toBe(true);
    expect(await s.get('k', ctx())).toBeUndefined();
  });

  it('touch resets the expiry only while the key holds the expected value', async () => {
    const prefix = freshPrefix();
    const s = store(prefix);
    expect(await s.touch('k', 'v', 60_000, ctx())).toBe(false);
    await s.set('k', 'v', { ttlMs: 1000 }, ctx());
    expect(await s.touch('k', 'other', 60_000, ctx())).toBe(false);
    expect(await raw.pTTL(`${prefix}value:k`)).toBeLessThanOrEqual(1000);
    expect(await s.touch('k', 'v', 60_000, ctx())).toBe(true);
    expect(await raw.pTTL(`${prefix}value:k`)).toBeGreaterThan(59_000);
    expect(await s.get('k', ctx())).toBe('v');
  });

  it('acquireLock: one holder at a time, a random 128-bit fence, release frees it, a wrong fence does not', async () => {
    const s = store();
    const lock = await s.acquireLock('login', 60_000, ctx());
    expect(lock).toBeDefined();
    expect(lock?.name).toBe('login');
    expect(Buffer.from(lock?.fence ?? '', 'base64url')).toHaveLength(16);
    expect(await s.acquireLock('login', 60_000, ctx())).toBeUndefined();
    await s.releaseLock({ name: 'login', fence: 'not-the-fence' }, ctx());
    expect(await s.acquireLock('login', 60_000, ctx())).toBeUndefined();
    await s.releaseLock(lock!, ctx());
    const again = await s.acquireLock('login', 60_000, ctx());
    expect(again).toBeDefined();
    expect(again?.fence).not.toBe(lock?.fence);
    // Releasing a lock that is already gone is no error.
    await s.releaseLock(again!, ctx());
    await s.releaseLock(again!, ctx());
  });

  it('a lock expires on its own after its TTL, and extendLock keeps it while held', async () => {
    const s = store();
    const short = await s.acquireLock('a', 150, ctx());
    expect(short).toBeDefined();
    await sleep(220);
    expect(await s.acquireLock('a', 60_000, ctx())).toBeDefined();

    const held = await s.acquireLock('b', 150, ctx());
    expect(await s.extendLock(held!, 60_000, ctx())).toBe(true);
    await sleep(220);
    expect(await s.acquireLock('b', 60_000, ctx())).toBeUndefined();
    expect(await s.extendLock({ name: 'b', fence: 'guess' }, 60_000, ctx())).toBe(false);
  });

  it('locks and values live in separate namespaces', async () => {
    const s = store();
    await s.set('same', 'value', { ttlMs: 60_000 }, ctx());
    expect(await s.acquireLock('same', 60_000, ctx())).toBeDefined();
    expect(await s.get('same', ctx())).toBe('value');
  });

  it('fencing: a holder whose lock expired and was taken over cannot write, extend or release', async () => {
    const s = store();
    const old = await s.acquireLock('refresh', 100, ctx());
    expect(await s.set('token', 'old-1', { ttlMs: 60_000, lock: old! }, ctx())).toBe(true);
    await sleep(170);
    const current = await s.acquireLock('refresh', 60_000, ctx());
    expect(current).toBeDefined();
    expect(await s.set('token', 'new', { ttlMs: 60_000, lock: current! }, ctx())).toBe(true);

    expect(await s.set('token', 'stale', { ttlMs: 60_000, lock: old! }, ctx())).toBe(false);
    expect(await s.get('token', ctx())).toBe('new');
    expect(await s.extendLock(old!, 60_000, ctx())).toBe(false);
    await s.releaseLock(old!, ctx());
    expect(await s.acquireLock('refresh', 60_000, ctx())).toBeUndefined();
    // A fenced write also fails once the lock is simply gone.
    await s.releaseLock(current!, ctx());
    expect(await s.set('token', 'late', { ttlMs: 60_000, lock: current! }, ctx())).toBe(false);
    expect(await s.get('token', ctx())).toBe('new');
  });

  it('100 concurrent acquireLock calls from two stores (two processes’ worth of clients): exactly one wins', async () => {
    const prefix = freshPrefix();
    const a = store(prefix);
    const b = store(prefix);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).acquireLock('race', 60_000, ctx())),
    );
    expect(results.filter((lock) => lock !== undefined)).toHaveLength(1);
  });

  it('two store instances with one prefix see each other’s values, deletes and locks', async () => {
    const prefix = freshPrefix();
    const a = store(prefix);
    const b = store(prefix);
    await a.set('shared', 'from-a', { ttlMs: 60_000 }, ctx());
    expect(await b.get('shared', ctx())).toBe('from-a');
    expect(await b.compareAndDelete('shared', 'from-a', ctx())).toBe(true);
    expect(await a.get('shared', ctx())).toBeUndefined();
    const lock = await a.acquireLock('l', 60_000, ctx());
    expect(await b.acquireLock('l', 60_000, ctx())).toBeUndefined();
    expect(await b.set('x', 'y', { ttlMs: 60_000, lock: lock! }, ctx())).toBe(true);
  });

  it('values round-trip byte-exact: multi-byte UTF-8, control characters, 64 KiB and more', async () => {
    const prefix = freshPrefix();
    const s = store(prefix);
    const unit = 'é€😀中\u0000\r\n"\\ ';
    const big = unit.repeat(Math.ceil((70 * 1024) / Buffer.byteLength(unit)));
    expect(Buffer.byteLength(big)).toBeGreaterThan(64 * 1024);
    const values = ['', ' ', '{"v":1,"enc":"AES-256-GCM"}', 'a\u0000b', '\uFEFFbom', 'ﬁ e\u0301', big];
    for (const [i, value] of values.entries()) {
      await s.set(`v${i}`, value, { ttlMs: 60_000 }, ctx());
      expect(await s.get(`v${i}`, ctx())).toBe(value);
      const bytes = await raw
        .withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
        .get(`${prefix}value:v${i}`);
      expect(Buffer.compare(bytes as unknown as Buffer, Buffer.from(value, 'utf8'))).toBe(0);
      expect(await s.compareAndDelete(`v${i}`, value, ctx())).toBe(true);
    }
  });

  it('rejects bad arguments with coded TypeErrors before any command', async () => {
    const s = store();
    await expect(s.get('', ctx())).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(s.set('k', 42 as unknown as string, { ttlMs: 1 }, ctx())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE',
    });
    await expect(s.set('k', 'v', { ttlMs: 0 }, ctx())).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(s.extendLock({} as never, 1000, ctx())).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('a fractional TTL is rounded up to whole milliseconds instead of failing in Redis', async () => {
    const s = store();
    expect(await s.set('k', 'v', { ttlMs: 1500.2 }, ctx())).toBe(true);
    expect(await s.get('k', ctx())).toBe('v');
  });

  it('scripts survive a SCRIPT FLUSH (EVALSHA falls back to EVAL)', async () => {
    const s = store();
    await s.set('k', 'v', { ttlMs: 60_000 }, ctx());
    expect(await s.compareAndDelete('k', 'nope', ctx())).toBe(false);
    await raw.scriptFlush();
    expect(await s.compareAndDelete('k', 'v', ctx())).toBe(true);
  });
});
