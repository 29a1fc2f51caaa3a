import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import { InvalidArgumentError } from '../invalid-argument.js';
import type { LifecycleSharing } from '../login/login-lifecycle.js';
import { assertTokenStore } from '../token-store/assert-token-store.js';
import { resolveEncryptionKeys } from '../token-store/encryption-keys.js';
import { tokenKey } from '../token-store/token-key.js';
import type { AdminApiSessionOptions } from './admin-api-options.js';

/**
 * Where an Admin API session shares its token, or `undefined` without a `tokenStore`. The key has the
 * kind `admin-api` and no database, so it never meets a Data API token of the same account. A strategy
 * without an `identity` is refused: two accounts must never share a token.
 */
export function adminApiSharing(
  options: AdminApiSessionOptions,
  address: ServerAddress,
  timeouts: ResolvedTimeouts,
): LifecycleSharing | undefined {
  const encryptionKeys = resolveEncryptionKeys(options.tokenEncryptionKeys, 'tokenEncryptionKeys');
  const { tokenStore, strategy } = options;
  if (tokenStore === undefined) return undefined;
  assertTokenStore(tokenStore);
  const identity = strategy.identity;
  if (typeof identity !== 'string' || identity.length === 0) {
    throw new InvalidArgumentError(
      `"tokenStore" needs a strategy that declares its account as \`identity\`, so that two accounts never share an Admin API token; the "${strategy.id}" strategy declares none.`,
    );
  }
  return {
    store: tokenStore,
    key: tokenKey({
      kind: 'admin-api',
      server: address.origin + address.prefix,
      strategyId: strategy.id,
      identity,
    }),
    encryptionKeys,
    storeTimeoutMs: timeouts.storeMs,
    lockTtlMs: timeouts.loginLockMs,
  };
}
