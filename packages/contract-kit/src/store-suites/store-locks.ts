import type { TokenStore, TokenStoreCallContext, TokenStoreLock } from '@fmauth/core';

/** The three lock methods, bound to their store. */
export interface LockMethods {
  acquire(name: string, ttlMs: number, ctx: TokenStoreCallContext): Promise<TokenStoreLock | undefined>;
  extend(lock: TokenStoreLock, ttlMs: number, ctx: TokenStoreCallContext): Promise<boolean>;
  release(lock: TokenStoreLock, ctx: TokenStoreCallContext): Promise<void>;
}

/**
 * The lock methods of a store that declares `supports.locks`. Throws (failing the test) when one is
 * missing: claiming locks without implementing them is a broken manifest, not a reason to skip.
 */
export function lockMethods(store: TokenStore): LockMethods {
  const { acquireLock, extendLock, releaseLock } = store;
  const missing = [
    ['acquireLock', acquireLock],
    ['extendLock', extendLock],
    ['releaseLock', releaseLock],
  ]
    .filter(([, method]) => typeof method !== 'function')
    .map(([name]) => name);
  if (!acquireLock || !extendLock || !releaseLock || missing.length > 0) {
    throw new Error(`the store declares supports.locks but has no ${missing.join(', ')}`);
  }
  return {
    acquire: acquireLock.bind(store),
    extend: extendLock.bind(store),
    release: releaseLock.bind(store),
  };
}
