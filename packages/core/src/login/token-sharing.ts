import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import { InvalidArgumentError } from '../invalid-argument.js';
import { assertTokenStore } from '../token-store/assert-token-store.js';
import { resolveEncryptionKeys } from '../token-store/encryption-keys.js';
import { tokenKey } from '../token-store/token-key.js';
import type { LifecycleSharing } from './login-lifecycle.js';
import type { TokenSessionOptions } from './token-session-options.js';

/** What one API's session puts into its store key, next to the server, strategy and account. */
export interface TokenSharingScope {
  /** The key's kind (`data-api`, `admin-api`): tokens of different APIs never meet in a store. */
  readonly kind: 'data-api' | 'admin-api';
  readonly database?: string;
  /** Non-secret parts the login depends on, e.g. the Data API's fmDataSource files and accounts. */
  readonly extra?: readonly string[];
  /** The TypeError's text for a strategy without `identity`; each API words why it matters. */
  readonly missingIdentity: (strategyId: string) => string;
}

/**
 * Where a token-based session shares its token, or `undefined` to keep it to itself (no `tokenStore`).
 * A store with a strategy that declares no `identity` is refused at construction: two accounts must
 * never share a token, and without an identity we cannot tell them apart, so the store would silently
 * do nothing. The encryption keys are checked even without a store, so a bad key fails early.
 */
export function tokenSharing(
  options: TokenSessionOptions,
  address: ServerAddress,
  timeouts: ResolvedTimeouts,
  scope: TokenSharingScope,
): LifecycleSharing | undefined {
  const encryptionKeys = resolveEncryptionKeys(options.tokenEncryptionKeys, 'tokenEncryptionKeys');
  const { tokenStore, strategy } = options;
  if (tokenStore === undefined) return undefined;
  assertTokenStore(tokenStore);
  const identity = strategy.identity;
  if (typeof identity !== 'string' || identity.length === 0) {
    throw new InvalidArgumentError(scope.missingIdentity(strategy.id));
  }
  return {
    store: tokenStore,
    key: tokenKey({
      kind: scope.kind,
      server: address.origin + address.prefix,
      ...(scope.database === undefined ? {} : { database: scope.database }),
      strategyId: strategy.id,
      identity,
      ...(scope.extra === undefined ? {} : { extra: scope.extra }),
    }),
    encryptionKeys,
    storeTimeoutMs: timeouts.storeMs,
    lockTtlMs: timeouts.loginLockMs,
  };
}
