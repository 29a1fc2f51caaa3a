import { FMAUTH_INVALID_CREDENTIALS, FmAuthError, type FmAuthErrorOptions } from '@fmauth/core';

// Own brands: core's FmAuthError matches subclasses by `code`, and these share FMAUTH_INVALID_CREDENTIALS
// with core's InvalidCredentialsError, so `instanceof` would otherwise confuse the three.
const SIGN_IN_BRAND = Symbol.for('fmauth.oauth.sign-in-error');
const AGAIN_BRAND = Symbol.for('fmauth.oauth.sign-in-required');

/**
 * Why a sign-in through the identity provider did not complete:
 * - `provider-error`: the server sent the browser back with `error` other than `0` (the user denied
 *   consent, or the identity provider refused them); `providerError` holds the value;
 * - `state-invalid`: the state is not one this app issued (forged, truncated, another key);
 * - `state-expired`: the state is older than `stateTtlMs`;
 * - `state-replayed`: this state already completed a sign-in (a reloaded or replayed return URL);
 * - `tracking-mismatch`: the `trackingID` at the return URL is not the one in the state;
 * - `identifier-missing`: no `identifier` at the return URL (or an unusable one);
 * - `query-invalid`: the return URL carried no query, an empty one, or a parameter twice;
 * - `return-url-not-allowed`: `begin()` was asked for a return URL that is not in `returnUrls`;
 * - `return-url-mismatch`: `complete()` got a URL that is not the return URL the sign-in began with;
 * - `provider-unknown`: the server does not offer the provider `begin()` was asked for.
 */
export type OAuthSignInFailure =
  | 'provider-error'
  | 'state-invalid'
  | 'state-expired'
  | 'state-replayed'
  | 'tracking-mismatch'
  | 'identifier-missing'
  | 'query-invalid'
  | 'return-url-not-allowed'
  | 'return-url-mismatch'
  | 'provider-unknown';

/**
 * A sign-in through the identity provider failed before any Data API session was opened. Show the
 * user a "Sign in again" button; `failure` says why (log it, not the query). `code` is
 * `FMAUTH_INVALID_CREDENTIALS`.
 */
export class OAuthSignInError extends FmAuthError {
  readonly code = FMAUTH_INVALID_CREDENTIALS;
  declare readonly failure: OAuthSignInFailure;
  /** The `error` value FileMaker Server sent back (`failure` `provider-error` only), e.g. `'-1'`. */
  declare readonly providerError?: string;

  constructor(
    message: string,
    options: FmAuthErrorOptions & { readonly failure: OAuthSignInFailure; readonly providerError?: string },
  ) {
    super(message, { strategyId: 'filemaker-oauth', ...options });
    Object.defineProperty(this, 'failure', { value: options.failure, enumerable: true });
    if (options.providerError !== undefined) {
      Object.defineProperty(this, 'providerError', { value: options.providerError, enumerable: true });
    }
    Object.defineProperty(this, SIGN_IN_BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[SIGN_IN_BRAND] === true
    );
  }
}

/**
 * Why FileMaker Server refused a completed sign-in:
 * - `refused-at-first-login`: the very first login with it failed: most often no account in the file
 *   is mapped to this identity-provider user or group (ask the FileMaker admin), else it expired
 *   before it was used;
 * - `expired-or-revoked`: it logged in before and is refused now: the server no longer honours it.
 */
export type SignInRequiredReason = 'refused-at-first-login' | 'expired-or-revoked';

/**
 * FileMaker Server refuses the request id / identifier pair of a completed sign-in. The strategy never
 * retries it again: the user must sign in again through the identity provider. Carries what the app
 * needs to start over (`baseUrl`, `provider`, the app's `identity`). `code` is `FMAUTH_INVALID_CREDENTIALS`.
 */
export class SignInRequiredError extends FmAuthError {
  readonly code = FMAUTH_INVALID_CREDENTIALS;
  declare readonly reason: SignInRequiredReason;
  /** The server to sign in to again, as given to `begin()`. */
  declare readonly baseUrl: string;
  /** The provider the user signed in with: pass it to `begin()` again. */
  declare readonly provider: string;
  /** The app's user id the strategy was built for, when given. */
  declare readonly identity?: string;

  constructor(
    message: string,
    options: FmAuthErrorOptions & {
      readonly reason: SignInRequiredReason;
      readonly baseUrl: string;
      readonly provider: string;
      readonly identity?: string | undefined;
    },
  ) {
    super(message, { strategyId: 'filemaker-oauth', ...options });
    for (const key of ['reason', 'baseUrl', 'provider', 'identity'] as const) {
      if (options[key] !== undefined)
        Object.defineProperty(this, key, { value: options[key], enumerable: true });
    }
    Object.defineProperty(this, AGAIN_BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[AGAIN_BRAND] === true
    );
  }
}
