import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { storeTest } from './store-test.js';

const TOKEN = 'b1f2c3d4-data-api-token';

/** compareAndDelete removes a value only when it is exactly the expected one. */
export const tokenStoreCompareAndDeleteSuite = storeSuite('compare-and-delete', (h) => {
  storeTest(h, 'deletes on an exact match and resolves true', async () => {
    await h.store.set(h.key(), TOKEN, { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.compareAndDelete(h.key(), TOKEN, h.ctx())).resolves.toBe(true);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
  });

  // The case it exists for: a rejected token must never delete the newer one another process stored.
  storeTest(h, 'keeps a different (newer) value and resolves false', async () => {
    await h.store.set(h.key(), 'rejected-token', { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.set(h.key(), 'newer-token', { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.compareAndDelete(h.key(), 'rejected-token', h.ctx())).resolves.toBe(false);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('newer-token');
  });

  storeTest(h, 'keeps the value when expected is a prefix, an extension or another case of it', async () => {
    await h.store.set(h.key(), TOKEN, { ttlMs: h.longTtlMs }, h.ctx());
    for (const near of [
      TOKEN.slice(0, -1),
      TOKEN.slice(0, 4),
      `${TOKEN}x`,
      TOKEN.toUpperCase(),
      ` ${TOKEN}`,
    ]) {
      await expect(h.store.compareAndDelete(h.key(), near, h.ctx()), near).resolves.toBe(false);
    }
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe(TOKEN);
  });

  storeTest(h, 'resolves false for a missing key and creates nothing', async () => {
    await expect(h.store.compareAndDelete(h.key(), TOKEN, h.ctx())).resolves.toBe(false);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
  });

  storeTest(h, 'resolves false the second time', async () => {
    await h.store.set(h.key(), TOKEN, { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.compareAndDelete(h.key(), TOKEN, h.ctx())).resolves.toBe(true);
    await expect(h.store.compareAndDelete(h.key(), TOKEN, h.ctx())).resolves.toBe(false);
  });

  storeTest(h, 'touches only its own key', async () => {
    await h.store.set(h.key('a'), TOKEN, { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.set(h.key('b'), TOKEN, { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.compareAndDelete(h.key('a'), TOKEN, h.ctx())).resolves.toBe(true);
    await expect(h.store.get(h.key('b'), h.ctx())).resolves.toBe(TOKEN);
  });
});
