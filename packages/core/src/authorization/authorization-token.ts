import { isSecret, Secret } from '../secret.js';
import type { LoginCredentials } from '../strategy.js';
import type { TokenCodec } from '../token-store/shared-token-cache.js';

/**
 * The credentials an API without sessions (OData) sends on every request, with when to stop using
 * them. Its only "token" is the strategy's own Authorization value, so it is kept in this process
 * alone: putting a `Basic` header into a store would be storing a password.
 */
export interface AuthorizationToken {
  /** The whole `Authorization` value, or `undefined` when the strategy sends other headers only. */
  readonly authorization: Secret<string> | undefined;
  /** Other headers the strategy asked for (e.g. the `X-FM-Data-OAuth-*` pair), secrets kept wrapped. */
  readonly headers: Readonly<Record<string, string | Secret<string>>>;
  /** Epoch ms after which the credentials are replaced before use; `Infinity` when they never expire. */
  readonly validUntil: number;
}

/**
 * Wraps fresh credentials. The strategy's `validUntil` (FileMaker Cloud: the Claris ID token's expiry)
 * is brought forward by `marginMs`, so a request in flight when the token turns never carries an
 * expired one; a token issued with less than twice the margin left is used for half of what is left,
 * so a short-lived token still serves calls instead of being replaced on every one.
 */
export function authorizationToken(
  credentials: LoginCredentials,
  now: number,
  marginMs: number,
): AuthorizationToken {
  const expires = credentials.validUntil;
  let validUntil = Number.POSITIVE_INFINITY;
  if (typeof expires === 'number' && Number.isFinite(expires)) {
    validUntil = expires - Math.min(marginMs, Math.max(0, (expires - now) / 2));
  }
  const authorization = credentials.authorization;
  return Object.freeze({
    authorization:
      authorization === undefined
        ? undefined
        : isSecret(authorization)
          ? authorization
          : new Secret(String(authorization)),
    headers: Object.freeze({ ...(credentials.headers ?? {}) }),
    validUntil,
  });
}

/**
 * The lifecycle wants a codec, but these tokens are never shared through a store (no `sharing` is
 * given): a Basic value is the password itself. Anything read back is refused, nothing is written.
 */
export const NEVER_STORED: TokenCodec<AuthorizationToken> = Object.freeze({
  toJSON(): never {
    throw new Error('fmauth: Authorization credentials are never written to a token store');
  },
  fromJSON: () => undefined,
});
