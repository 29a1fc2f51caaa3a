import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { storeTest } from './store-test.js';

/** The manifest and plain reads and writes. */
export const tokenStoreBasicSuite = storeSuite('basics', (h) => {
  storeTest(h, 'has a non-empty string name', async () => {
    expect(typeof h.store.name).toBe('string');
    expect(h.store.name.trim()).not.toBe('');
  });

  storeTest(h, 'declares supports with boolean locks and crossProcess', async () => {
    const { supports } = h.store;
    expect(typeof supports).toBe('object');
    expect(supports).not.toBeNull();
    expect(typeof supports.locks).toBe('boolean');
    expect(typeof supports.crossProcess).toBe('boolean');
  });

  storeTest(h, 'get of a missing key resolves undefined', async () => {
    await expect(h.store.get(h.key('missing'), h.ctx())).resolves.toBeUndefined();
  });

  storeTest(h, 'set resolves true and get returns the value', async () => {
    await expect(h.store.set(h.key(), 'token-1', { ttlMs: h.longTtlMs }, h.ctx())).resolves.toBe(true);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('token-1');
  });

  storeTest(h, 'set overwrites the previous value', async () => {
    await h.store.set(h.key(), 'token-1', { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.set(h.key(), 'token-2', { ttlMs: h.longTtlMs }, h.ctx())).resolves.toBe(true);
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBe('token-2');
  });

  storeTest(h, 'keys are independent', async () => {
    await h.store.set(h.key('a'), 'value-a', { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.set(h.key('b'), 'value-b', { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.get(h.key('a'), h.ctx())).resolves.toBe('value-a');
    await expect(h.store.get(h.key('b'), h.ctx())).resolves.toBe('value-b');
    await expect(h.store.get(h.key('c'), h.ctx())).resolves.toBeUndefined();
    // A key is not a prefix match: 'a' must not answer for 'a:x' or the other way round.
    await expect(h.store.get(h.key('a:x'), h.ctx())).resolves.toBeUndefined();
  });

  storeTest(h, 'a deleted value reads as undefined, not as an empty string', async () => {
    await h.store.set(h.key(), 'token-1', { ttlMs: h.longTtlMs }, h.ctx());
    await h.store.compareAndDelete(h.key(), 'token-1', h.ctx());
    await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
  });
});
