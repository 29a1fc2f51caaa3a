import type { TokenStore } from '@fmauth/core';
import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { requiresTouch, sleep, storeTest } from './store-test.js';

/** The store's touch(), which the gate guarantees exists. */
function touch(store: TokenStore): NonNullable<TokenStore['touch']> {
  return store.touch!.bind(store);
}

/** touch() slides a value's expiry, only while it holds exactly the expected value. Skipped without touch(). */
export const tokenStoreTouchSuite = storeSuite('touch', (h) => {
  storeTest(
    h,
    'touch on an exact match resolves true and extends the expiry',
    async () => {
      await h.store.set(h.key(), 'token-1', { ttlMs: h.shortTtlMs }, h.ctx());
      await expect(touch(h.store)(h.key(), 'token-1', h.longTtlMs, h.ctx())).resolves.toBe(true);
      await sleep(h.expiryWaitMs);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('token-1');
    },
    requiresTouch,
  );

  storeTest(
    h,
    'touch can shorten the expiry too',
    async () => {
      await h.store.set(h.key(), 'token-1', { ttlMs: h.longTtlMs }, h.ctx());
      await expect(touch(h.store)(h.key(), 'token-1', h.shortTtlMs, h.ctx())).resolves.toBe(true);
      await sleep(h.expiryWaitMs);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
    },
    requiresTouch,
  );

  storeTest(
    h,
    'touch with a different value or a prefix resolves false and does not extend',
    async () => {
      await h.store.set(h.key(), 'token-1', { ttlMs: h.shortTtlMs }, h.ctx());
      await expect(touch(h.store)(h.key(), 'token-2', h.longTtlMs, h.ctx())).resolves.toBe(false);
      await expect(touch(h.store)(h.key(), 'token-', h.longTtlMs, h.ctx())).resolves.toBe(false);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('token-1');
      await sleep(h.expiryWaitMs);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
    },
    requiresTouch,
  );

  storeTest(
    h,
    'touch on a missing key resolves false and creates nothing',
    async () => {
      await expect(touch(h.store)(h.key(), 'token-1', h.longTtlMs, h.ctx())).resolves.toBe(false);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
    },
    requiresTouch,
  );
});
