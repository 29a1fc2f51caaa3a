import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { sleep, storeTest } from './store-test.js';

/** Values expire on their own after `ttlMs`, in real time. */
export const tokenStoreExpirySuite = storeSuite('expiry', (h) => {
  storeTest(h, 'a value is readable before its ttl and gone after it', async () => {
    await h.store.set(h.key(), 'token-1', { ttlMs: h.shortTtlMs }, h.ctx());
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('token-1');
    await sleep(h.expiryWaitMs);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
  });

  storeTest(h, 'overwriting a value sets its new ttl', async () => {
    await h.store.set(h.key('longer'), 'short', { ttlMs: h.shortTtlMs }, h.ctx());
    await h.store.set(h.key('longer'), 'long', { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.set(h.key('shorter'), 'long', { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.set(h.key('shorter'), 'short', { ttlMs: h.shortTtlMs }, h.ctx());
    await sleep(h.expiryWaitMs);
    await expect(h.store.get(h.key('longer'), h.ctx())).resolves.toBe('long');
    await expect(h.store.get(h.key('shorter'), h.ctx())).resolves.toBeUndefined();
  });

  storeTest(h, "one key's expiry leaves other keys alone", async () => {
    await h.store.set(h.key('brief'), 'brief', { ttlMs: h.shortTtlMs }, h.ctx());
    await h.store.set(h.key('kept'), 'kept', { ttlMs: h.longTtlMs }, h.ctx());
    await sleep(h.expiryWaitMs);
    await expect(h.store.get(h.key('brief'), h.ctx())).resolves.toBeUndefined();
    await expect(h.store.get(h.key('kept'), h.ctx())).resolves.toBe('kept');
  });

  storeTest(h, 'an expired value cannot be compare-and-deleted, and the key can be set again', async () => {
    await h.store.set(h.key(), 'old', { ttlMs: h.shortTtlMs }, h.ctx());
    await sleep(h.expiryWaitMs);
    await expect(h.store.compareAndDelete(h.key(), 'old', h.ctx())).resolves.toBe(false);
    await expect(h.store.set(h.key(), 'new', { ttlMs: h.longTtlMs }, h.ctx())).resolves.toBe(true);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('new');
  });
});
