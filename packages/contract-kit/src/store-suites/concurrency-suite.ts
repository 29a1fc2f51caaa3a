import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { lockMethods } from './store-locks.js';
import { requiresLocks, storeTest } from './store-test.js';

/** As many callers as the strategy contract's concurrency tests: enough to expose a check-then-act race. */
const CALLERS = 50;

/** The atomicity the interface promises, under many simultaneous callers. */
export const tokenStoreConcurrencySuite = storeSuite('concurrency', (h) => {
  storeTest(
    h,
    `${CALLERS} concurrent acquireLock calls on one name give exactly one lock`,
    async () => {
      const locks = lockMethods(h.store);
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () => locks.acquire(h.key('lock'), h.longTtlMs, h.ctx())),
      );
      expect(results.filter((lock) => lock !== undefined)).toHaveLength(1);
    },
    requiresLocks,
  );

  storeTest(
    h,
    `${CALLERS} concurrent compareAndDelete calls of the same value give exactly one true`,
    async () => {
      await h.store.set(h.key(), 'rejected-token', { ttlMs: h.longTtlMs }, h.ctx());
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () => h.store.compareAndDelete(h.key(), 'rejected-token', h.ctx())),
      );
      expect(results.filter((deleted) => deleted === true)).toHaveLength(1);
      await expect(h.store.get(h.key(), h.ctx())).resolves.toBeUndefined();
    },
  );

  storeTest(h, `${CALLERS} concurrent writes to one key leave one of the written values, whole`, async () => {
    const values = Array.from({ length: CALLERS }, (_, i) => `token-${i}-${'x'.repeat(i * 20)}`);
    await Promise.all(values.map((value) => h.store.set(h.key(), value, { ttlMs: h.longTtlMs }, h.ctx())));
    expect(values).toContain(await h.store.get(h.key(), h.ctx()));
  });
});
