import type { TokenStoreLock } from '@fmauth/core';
import { expect } from 'vitest';
import { type StoreHarness, storeSuite } from './store-harness.js';
import { lockMethods } from './store-locks.js';
import { requiresLocks, sleep, storeTest } from './store-test.js';

/** Two holders in turn: the first one's lock expired (its process died) and a second took it over. */
async function takenOver(h: StoreHarness): Promise<{ stale: TokenStoreLock; current: TokenStoreLock }> {
  const locks = lockMethods(h.store);
  const stale = await locks.acquire(h.key('lock'), h.shortTtlMs, h.ctx());
  if (!stale) throw new Error('acquireLock on a free lock resolved undefined');
  await sleep(h.expiryWaitMs);
  const current = await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx());
  if (!current) throw new Error('acquireLock did not take over a lock whose ttl had passed');
  return { stale, current };
}

/** Locks with expiry and fencing. Runs when the store declares `supports.locks`. */
export const tokenStoreLockSuite = storeSuite('locks', (h) => {
  const lockTest = (name: string, body: () => Promise<void>) => storeTest(h, name, body, requiresLocks);

  lockTest('a store that declares locks implements acquireLock, extendLock and releaseLock', async () => {
    expect(() => lockMethods(h.store)).not.toThrow();
  });

  lockTest('acquireLock resolves a lock with its name and a non-empty fence', async () => {
    const lock = await lockMethods(h.store).acquire(h.key('lock'), h.longTtlMs, h.ctx());
    expect(lock?.name).toBe(h.key('lock'));
    expect(typeof lock?.fence).toBe('string');
    expect(lock?.fence.length).toBeGreaterThan(0);
  });

  lockTest('a second acquireLock resolves undefined while the lock is held', async () => {
    const locks = lockMethods(h.store);
    expect(await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).toBeDefined();
    await expect(locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).resolves.toBeUndefined();
    // Another name is another lock.
    expect(await locks.acquire(h.key('other'), h.longTtlMs, h.ctx())).toBeDefined();
  });

  lockTest('releaseLock lets the next holder in, with a different fence', async () => {
    const locks = lockMethods(h.store);
    const first = await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx());
    await locks.release(first!, h.ctx());
    const second = await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx());
    expect(second).toBeDefined();
    expect(second?.fence).not.toBe(first?.fence);
  });

  lockTest(
    'a lock expires by itself after its ttl (a killed holder blocks the others only that long)',
    async () => {
      const { stale, current } = await takenOver(h);
      expect(current.fence).not.toBe(stale.fence);
    },
  );

  lockTest('extendLock by the holder resolves true and keeps the lock past its first ttl', async () => {
    const locks = lockMethods(h.store);
    const lock = await locks.acquire(h.key('lock'), h.shortTtlMs, h.ctx());
    await expect(locks.extend(lock!, h.longTtlMs, h.ctx())).resolves.toBe(true);
    await sleep(h.expiryWaitMs);
    await expect(locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).resolves.toBeUndefined();
  });

  lockTest("extendLock with a stale fence resolves false and keeps the new holder's lock", async () => {
    const locks = lockMethods(h.store);
    const { stale, current } = await takenOver(h);
    await expect(locks.extend(stale, h.longTtlMs, h.ctx())).resolves.toBe(false);
    await expect(locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).resolves.toBeUndefined();
    await expect(locks.extend(current, h.longTtlMs, h.ctx())).resolves.toBe(true);
  });

  lockTest("releaseLock with a stale fence does not release the new holder's lock", async () => {
    const locks = lockMethods(h.store);
    const { stale, current } = await takenOver(h);
    await expect(locks.release(stale, h.ctx())).resolves.toBeUndefined();
    await expect(locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).resolves.toBeUndefined();
    await expect(locks.extend(current, h.longTtlMs, h.ctx())).resolves.toBe(true);
  });

  lockTest('a forged fence can neither extend nor release a held lock', async () => {
    const locks = lockMethods(h.store);
    const lock = await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx());
    const forged = { name: h.key('lock'), fence: `${lock!.fence}x` };
    await expect(locks.extend(forged, h.longTtlMs, h.ctx())).resolves.toBe(false);
    await locks.release(forged, h.ctx());
    await expect(locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())).resolves.toBeUndefined();
  });

  lockTest('releasing a lock twice, or after it expired, is no error', async () => {
    const locks = lockMethods(h.store);
    const lock = await locks.acquire(h.key('lock'), h.shortTtlMs, h.ctx());
    await locks.release(lock!, h.ctx());
    await expect(locks.release(lock!, h.ctx())).resolves.toBeUndefined();
    const brief = await locks.acquire(h.key('lock'), h.shortTtlMs, h.ctx());
    await sleep(h.expiryWaitMs);
    await expect(locks.release(brief!, h.ctx())).resolves.toBeUndefined();
  });

  lockTest('set with a held lock writes and resolves true', async () => {
    const lock = await lockMethods(h.store).acquire(h.key('lock'), h.longTtlMs, h.ctx());
    await expect(h.store.set(h.key(), 'mine', { ttlMs: h.longTtlMs, lock: lock! }, h.ctx())).resolves.toBe(
      true,
    );
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('mine');
  });

  // Fencing: a holder that stalled past its ttl must not overwrite the result of the one that took over.
  lockTest('set with a lost lock resolves false and does not write', async () => {
    const { stale, current } = await takenOver(h);
    await h.store.set(h.key(), 'new holder', { ttlMs: h.longTtlMs, lock: current }, h.ctx());
    await expect(
      h.store.set(h.key(), 'stale holder', { ttlMs: h.longTtlMs, lock: stale }, h.ctx()),
    ).resolves.toBe(false);
    await expect(
      h.store.set(h.key('fresh'), 'stale holder', { ttlMs: h.longTtlMs, lock: stale }, h.ctx()),
    ).resolves.toBe(false);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('new holder');
    await expect(h.store.get(h.key('fresh'), h.ctx())).resolves.toBeUndefined();
  });

  lockTest('set with a released or forged lock resolves false and does not write', async () => {
    const locks = lockMethods(h.store);
    const lock = await locks.acquire(h.key('lock'), h.longTtlMs, h.ctx());
    const forged = { name: h.key('lock'), fence: 'not-the-fence' };
    await expect(h.store.set(h.key(), 'forged', { ttlMs: h.longTtlMs, lock: forged }, h.ctx())).resolves.toBe(
      false,
    );
    await locks.release(lock!, h.ctx());
    await expect(
      h.store.set(h.key(), 'released', { ttlMs: h.longTtlMs, lock: lock! }, h.ctx()),
    ).resolves.toBe(false);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
  });
});
