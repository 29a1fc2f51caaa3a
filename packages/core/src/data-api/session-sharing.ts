import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import { InvalidArgumentError } from '../invalid-argument.js';
import type { LifecycleSharing } from '../login/login-lifecycle.js';
import type { FmDataSourceCredential } from '../strategy.js';
import { assertTokenStore } from '../token-store/assert-token-store.js';
import { resolveEncryptionKeys } from '../token-store/encryption-keys.js';
import { tokenKey } from '../token-store/token-key.js';
import type { DataApiSessionOptions } from './session-options.js';

/**
 * Where a Data API session shares its token, or `undefined` to keep it to itself (no `tokenStore`).
 * A store with a strategy that declares no `identity` is a mistake we refuse at construction: two
 * accounts must never share a token, and without an identity we cannot tell them apart, so the store
 * would silently do nothing (a wrapped strategy that lost its `identity` is the usual cause).
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
  if (typeof identity !== 'string' || identity.length === 0) {
    throw new InvalidArgumentError(
      `"tokenStore" needs a strategy that declares its account as \`identity\` (a non-secret name such as the account name or Claris ID), so that two accounts never share a token; the "${strategy.id}" strategy declares none. If you wrap a strategy, copy its \`identity\` onto the wrapper.`,
    );
  }
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
