// An app-provided node-redis client (the store never connects or closes it), and a least-privilege ACL user
// holding exactly the commands the README lists.
import { createClient, RESP_TYPES } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { redisTokenStore } from '../src/index.js';
import { ctx, eventually, freshPrefix, rawClient, timed } from './helpers.js';

const skip = redisSkipReason();

describe.skipIf(skip !== undefined)(`app-provided client and ACL${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let redis: RedisServerHandle;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    redis?.resume();
    await redis?.stop();
  });

  it('uses an open app client, and close() leaves it open with no listener of ours left behind', async () => {
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    await client.connect();
    const listeners = client.listenerCount('error');
    const store = redisTokenStore({ client, keyPrefix: freshPrefix() });
    expect(client.listenerCount('error')).toBe(listeners + 1);
    await store.set('k', 'v', { ttlMs: 60_000 }, ctx());
    expect(await store.get('k', ctx())).toBe('v');
    expect(await store.acquireLock('l', 60_000, ctx())).toBeDefined();
    await store.close();
    await store.close();
    expect(client.isOpen).toBe(true);
    expect(await client.ping()).toBe('PONG');
    expect(client.listenerCount('error')).toBe(listeners);
    await expect(store.get('k', ctx())).rejects.toThrow(/closed/);
    client.destroy();
  });

  it('an app client that is not connected: a clear error, and the store does not connect it', async () => {
    const client = createClient({ url: redis.url });
    const store = redisTokenStore({ client });
    await expect(store.get('k', ctx())).rejects.toThrow(
      /not connected: call `await client\.connect\(\)` first/,
    );
    expect(client.isOpen).toBe(false);
    await store.close();
  });

  it('values come back as strings even when the app client maps replies to Buffers', async () => {
    const client = createClient({ url: redis.url, RESP: 3 }).withTypeMapping({
      [RESP_TYPES.BLOB_STRING]: Buffer,
    });
    client.on('error', () => {});
    await client.connect();
    await using store = redisTokenStore({ client, keyPrefix: freshPrefix() });
    await store.set('k', 'é😀', { ttlMs: 60_000 }, ctx());
    expect(await store.get('k', ctx())).toBe('é😀');
    client.destroy();
  });

  it('an app client with node-redis defaults (offline queue, default reconnect): calls still end within commandTimeoutMs', async () => {
    const own = await startRedisServer();
    const client = createClient({ url: own.url });
    client.on('error', () => {});
    await client.connect();
    await using store = redisTokenStore({ client, keyPrefix: freshPrefix(), commandTimeoutMs: 300 });
    try {
      await store.set('k', 'v', { ttlMs: 60_000 }, ctx());
      await own.kill();
      for (let i = 0; i < 3; i++) {
        const result = await timed(store.get('k', ctx()));
        expect(result.rejected).toBe(true);
        expect(result.ms).toBeLessThan(300 + 250);
      }
      await own.restart();
      await eventually(() => store.set('k', 'back', { ttlMs: 60_000 }, ctx()), 5000);
      expect(await store.get('k', ctx())).toBe('back');
    } finally {
      client.destroy();
      await own.stop();
    }
  });

  it('a least-privilege ACL user with exactly the README commands can do everything', async () => {
    const admin = await rawClient(redis.url);
    await admin.sendCommand([
      'ACL',
      'SETUSER',
      'fmauth-min',
      'reset',
      'on',
      '>min-pw',
      '~fmauth-acl:*',
      '+get',
      '+set',
      '+del',
      '+pexpire',
      '+eval',
      '+evalsha',
    ]);
    admin.destroy();
    await using store = redisTokenStore({
      url: `redis://fmauth-min:min-pw@127.0.0.1:${redis.port}`,
      keyPrefix: 'fmauth-acl:',
    });
    expect(await store.set('k', 'v', { ttlMs: 60_000 }, ctx())).toBe(true);
    expect(await store.get('k', ctx())).toBe('v');
    expect(await store.touch('k', 'v', 60_000, ctx())).toBe(true);
    const lock = await store.acquireLock('l', 60_000, ctx());
    expect(lock).toBeDefined();
    expect(await store.set('k', 'w', { ttlMs: 60_000, lock: lock! }, ctx())).toBe(true);
    expect(await store.extendLock(lock!, 60_000, ctx())).toBe(true);
    await store.releaseLock(lock!, ctx());
    expect(await store.compareAndDelete('k', 'w', ctx())).toBe(true);
  });

  it('an ACL user without EVAL/EVALSHA gets FMAUTH_INSUFFICIENT_PRIVILEGES pointing at the README', async () => {
    const admin = await rawClient(redis.url);
    await admin.sendCommand(['ACL', 'SETUSER', 'fmauth-noeval', 'reset', 'on', '>pw', '~*', '+get', '+set']);
    admin.destroy();
    await using store = redisTokenStore({ url: `redis://fmauth-noeval:pw@127.0.0.1:${redis.port}` });
    expect(await store.set('k', 'v', { ttlMs: 60_000 }, ctx())).toBe(true);
    await expect(store.compareAndDelete('k', 'v', ctx())).rejects.toMatchObject({
      code: 'FMAUTH_INSUFFICIENT_PRIVILEGES',
      message: expect.stringMatching(/NOPERM.*ACL section of the @fmauth\/token-store-redis README/),
    });
  });
});
