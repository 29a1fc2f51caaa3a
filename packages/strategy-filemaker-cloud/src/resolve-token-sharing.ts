import {
  assertTokenStore,
  type ResolvedEncryptionKey,
  resolveEncryptionKeys,
  type TokenStore,
} from '@fmauth/core';
import { optionalMilliseconds } from './option-checks.js';
import type { FileMakerCloudOptions } from './options.js';

// As core's session default (timeouts.storeMs): above the Redis store's own connect + command timeouts.
export const DEFAULT_STORE_TIMEOUT_MS = 3_000;
export const DEFAULT_SIGN_IN_LOCK_MS = 5_000;
/** Cognito's default refresh-token expiry. Claris does not publish its app client's: an assumption. */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60_000;

/** Where and how the Claris ID tokens are shared, after defaults. */
export interface ResolvedTokenSharing {
  readonly store: TokenStore;
  readonly encryptionKeys: readonly ResolvedEncryptionKey[];
  readonly storeTimeoutMs: number;
  readonly signInLockMs: number;
}

/**
 * Checks the token-store options synchronously, so a bad key or store throws when the strategy is
 * created rather than at the first sign-in. Keys are checked even without a store, as core does.
 */
export function resolveTokenSharing(options: FileMakerCloudOptions): {
  readonly sharing: ResolvedTokenSharing | undefined;
  readonly refreshTokenLifetimeMs: number;
} {
  const encryptionKeys = resolveEncryptionKeys(options.tokenEncryptionKeys, 'tokenEncryptionKeys');
  const storeTimeoutMs =
    optionalMilliseconds(options.storeTimeoutMs, 'storeTimeoutMs') ?? DEFAULT_STORE_TIMEOUT_MS;
  const signInLockMs = optionalMilliseconds(options.signInLockMs, 'signInLockMs') ?? DEFAULT_SIGN_IN_LOCK_MS;
  const refreshTokenLifetimeMs =
    optionalMilliseconds(options.refreshTokenLifetimeMs, 'refreshTokenLifetimeMs') ??
    DEFAULT_REFRESH_TOKEN_LIFETIME_MS;
  const store = options.tokenStore;
  if (store === undefined) return { sharing: undefined, refreshTokenLifetimeMs };
  assertTokenStore(store);
  return {
    sharing: Object.freeze({ store, encryptionKeys, storeTimeoutMs, signInLockMs }),
    refreshTokenLifetimeMs,
  };
}
