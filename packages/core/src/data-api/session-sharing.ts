import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import { InvalidArgumentError } from '../invalid-argument.js';
import type { LifecycleSharing } from '../login/login-lifecycle.js';
import type { FmDataSourceCredential } from '../strategy.js';
import { resolveEncryptionKeys } from '../token-store/encryption-keys.js';
import { tokenKey } from '../token-store/token-key.js';
import type { TokenStore } from '../token-store/token-store.js';
import type { DataApiSessionOptions } from './session-options.js';

/**
 * Where a Data API session shares its token, or `undefined` to keep it to itself: without a
 * `tokenStore`, and for a strategy that declares no `identity` (two accounts must never share a token,
 * and without an identity we cannot tell them apart).
 */
export function dataApiSharing(
  options: DataApiSessionOptions,
  address: ServerAddress,
  fmDataSource: readonly FmDataSourceCredential[],
  timeouts: ResolvedTimeouts,
): LifecycleSharing | undefined {
  const encryptionKeys = resolveEncryptionKeys(options.tokenEncryptionKeys, 'tokenEncryptionKeys');
  const { tokenStore, strategy } = options;
  if (tokenStore === undefined) return undefined;
  assertTokenStore(tokenStore);
  const identity = strategy.identity;
  if (typeof identity !== 'string' || identity.length === 0) return undefined;
  return {
    store: tokenStore,
    key: tokenKey({
      kind: 'data-api',
      server: address.origin + address.prefix,
      database: options.database,
      strategyId: strategy.id,
      identity,
      // External files opened with the session change what it can do; their account names are not secret.
      extra: fmDataSource.map((source) =>
        'username' in source ? `${source.database}\u0000${source.username}` : `${source.database}\u0000oauth`,
      ),
    }),
    encryptionKeys,
    storeTimeoutMs: timeouts.storeMs,
    lockTtlMs: timeouts.loginLockMs,
  };
}

function assertTokenStore(store: unknown): asserts store is TokenStore {
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
      '"tokenStore" must be a TokenStore (name, supports, get, set, compareAndDelete), e.g. memoryTokenStore() or redisTokenStore({ url })',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  if (candidate.supports?.locks && typeof candidate.acquireLock !== 'function') {
    throw new InvalidArgumentError(
      `"tokenStore" (${String(candidate.name)}) says it supports locks but has no acquireLock()`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
}
