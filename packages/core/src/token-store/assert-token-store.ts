import { InvalidArgumentError } from '../invalid-argument.js';
import type { TokenStore } from './token-store.js';

/**
 * Checks, where the options are given, that `store` looks like a {@link TokenStore}, so a wrong object
 * is a `TypeError` at construction and not a `store-unavailable` event at the first login.
 */
export function assertTokenStore(store: unknown, name = 'tokenStore'): asserts store is TokenStore {
  const candidate = store as Partial<TokenStore> | null;
  const ok =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.compareAndDelete === 'function' &&
    typeof candidate.name === 'string' &&
    typeof candidate.supports === 'object' &&
    candidate.supports !== null;
  if (!ok) {
    throw new InvalidArgumentError(
      `"${name}" must be a TokenStore (name, supports, get, set, compareAndDelete), e.g. memoryTokenStore() or redisTokenStore({ url })`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const lockMethods = ['acquireLock', 'extendLock', 'releaseLock'] as const;
  const missing = lockMethods.filter((method) => typeof candidate[method] !== 'function');
  if (candidate.supports?.locks && missing.length > 0) {
    throw new InvalidArgumentError(
      `"${name}" (${String(candidate.name)}) says it supports locks but has no ${missing.join(', ')}()`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
}
