import type { TokenStore } from '@fmauth/core';
import { it } from 'vitest';
import type { StoreHarness } from './store-harness.js';

/**
 * Why a test does not apply to this store, or `undefined` when it does. Read from the store the test
 * got (its `supports` and which optional methods it has), abstract-level style, not from options.
 */
export type StoreRequirement = (store: TokenStore) => string | undefined;

export const requiresTouch: StoreRequirement = (store) =>
  typeof store.touch === 'function' ? undefined : 'the store has no touch()';

export const requiresLocks: StoreRequirement = (store) =>
  store.supports?.locks === true ? undefined : 'the store does not declare supports.locks';

/**
 * `it` for store tests: honours the `skip` map, skips at run time when the store lacks a capability,
 * and allows enough time for the store's own timeouts and expiry waits.
 */
export function storeTest(
  h: StoreHarness,
  name: string,
  body: () => Promise<void>,
  requires?: StoreRequirement,
): void {
  const timeout = h.timeoutMs * 4 + h.expiryWaitMs * 3;
  const reason = h.options.skip?.[name];
  if (reason !== undefined) {
    it.skip(`${name} (skipped: ${reason})`, body);
    return;
  }
  it(
    name,
    async (ctx) => {
      const missing = requires?.(h.store);
      if (missing !== undefined) ctx.skip(missing);
      await body();
    },
    timeout,
  );
}

/** Resolves after `ms` of real time: expiry must happen on the store's clock, not a fake one. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
