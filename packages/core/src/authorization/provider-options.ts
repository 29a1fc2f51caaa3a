import type { Dispatcher } from 'undici';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import type { AuthenticateReason, TargetApi } from '../strategy.js';

/** What an authorization provider reports to `onEvent`. Never carries a secret. */
export type AuthorizationEvent =
  /** The strategy produced fresh credentials (`reason` says why they were needed). */
  | { readonly type: 'login'; readonly reason: AuthenticateReason; readonly durationMs: number }
  /** The strategy could not produce credentials; the callers waiting for them get `error`. */
  | {
      readonly type: 'login-failed';
      readonly reason: AuthenticateReason;
      readonly error: FmAuthError | Error;
    }
  /** The server refused the credentials (`invalidate()`); the next call gets fresh ones. */
  | { readonly type: 'rejected' };

/** Options of {@link createAuthorizationHeaderProvider}. */
export interface AuthorizationHeaderProviderOptions {
  /**
   * The server the header is for, without `/fmi/…`. Strategies are told it (`ctx.baseUrl`); the
   * provider itself sends nothing to it.
   * @example 'https://acme.account.filemaker-cloud.com'
   */
  readonly baseUrl: string | URL;
  /** The hosted file the header is for, without `.fmp12`; strategies are told it. Default: none. */
  readonly database?: string;
  /**
   * Which API the credentials are for; strategies may answer differently. Default `'odata'`, the API
   * that sends the header on every request.
   */
  readonly api?: TargetApi;
  /**
   * How long before the strategy's `validUntil` (FileMaker Cloud: the Claris ID token's expiry, which
   * the strategy already brings forward by its own skew) fresh credentials are fetched, so a request in
   * flight never carries a header that expires on the way. A token issued with less than twice this
   * left is used for half of what is left. Credentials without `validUntil` (HTTP Basic) never expire
   * here. Milliseconds; default 60 000.
   */
  readonly refreshMarginMs?: number;
  /** Longest wait for the strategy to produce credentials (a Claris ID sign-in). Milliseconds; default 30 000. */
  readonly loginTimeoutMs?: number;
  /**
   * The undici dispatcher strategies make their own HTTP calls with (Cognito), e.g. a `ProxyAgent`.
   * Default: undici's global dispatcher. The provider never closes it.
   */
  readonly dispatcher?: Dispatcher;
  /** Allow an `http://` `baseUrl` to a non-loopback host. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  /** Milliseconds since the epoch; replace in tests to move time. Default `Date.now`. */
  readonly clock?: () => number;
  /** Observe credential fetches and rejections (for metrics and logs). Must not throw. */
  readonly onEvent?: (event: AuthorizationEvent) => void;
}

/** Default of {@link AuthorizationHeaderProviderOptions.refreshMarginMs}: one minute. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;
