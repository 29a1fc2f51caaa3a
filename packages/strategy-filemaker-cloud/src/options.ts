import type { Secret, TokenEncryptionKey, TokenStore } from '@fmauth/core';
import type { FileMakerCloudEvent } from './events.js';

/** Settings of the Cognito calls (`InitiateAuth`, `RespondToAuthChallenge`). */
export interface CognitoOptions {
  /**
   * Send Cognito requests here instead of `https://cognito-idp.<region>.amazonaws.com`. For the fmauth
   * mock server (its readiness line's `endpoints.cognito`) or a Cognito emulator.
   * @example 'http://127.0.0.1:54321/cognito'
   */
  readonly endpoint?: string;
  /** AWS region of the Cognito endpoint. Default: the pool's region (`us-west-2` for Claris). */
  readonly region?: string;
  /**
   * HTTP(S) proxy for the Cognito calls only, e.g. a fixed-IP egress proxy when Cognito refuses sign-ins
   * from your cloud provider's addresses. Requests are tunnelled with `CONNECT`; credentials in the URL
   * are sent as `Proxy-Authorization` and never printed.
   * @example 'http://user:pass@proxy.internal:3128'
   */
  readonly proxy?: string | URL;
  /**
   * Longest wait for one Cognito call, retries included, and for opening its connection. Milliseconds.
   * Default 10 000.
   */
  readonly timeoutMs?: number;
  /**
   * Attempts per Cognito call, the first included (the SDK's `maxAttempts`). Default 2: one quick retry
   * of a transient failure. Throttling that outlasts it surfaces as `RateLimitedError` rather than
   * a long hidden back-off. Use 1 in tests.
   */
  readonly maxAttempts?: number;
  /**
   * Largest Cognito answer read, in bytes; a larger one fails with `UnexpectedResponseError` without
   * being read further. Cognito's answers are a few kilobytes. Default 1 048 576 (1 MiB).
   */
  readonly maxResponseBytes?: number;
}

/** Override the Claris ID pool (normally only for tests, or if Claris moves its pool). */
export interface PoolOptions {
  /** Default `us-west-2_NqkuZcXQY` (Claris). */
  readonly userPoolId?: string;
  /** Default `4l9rvl4mv5es1eep1qe97cautn` (Claris). */
  readonly clientId?: string;
  /** Default: the part of `userPoolId` before the underscore. */
  readonly region?: string;
}

/** Where and how to look up the pool settings from Claris's user-pool JSON endpoint. */
export interface DiscoveryOptions {
  /** Default `https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json`. */
  readonly url?: string | URL;
  /** Longest wait for the answer, in milliseconds. Default 5 000. On timeout the defaults are used. */
  readonly timeoutMs?: number;
  /**
   * Largest answer read, in bytes; a larger one is not the pool document, and the defaults are used
   * (reported through `onEvent`). Default 65 536 (64 KiB).
   */
  readonly maxResponseBytes?: number;
}

/** What a TOTP callback is told. */
export interface TotpChallenge {
  readonly challengeName: 'SOFTWARE_TOKEN_MFA';
  /** The Claris ID being signed in. */
  readonly clarisId: string;
  /** Aborts when the strategy is closed or Cognito's challenge session (3 minutes) runs out. */
  readonly signal: AbortSignal;
}

/** What an SMS callback is told. */
export interface SmsChallenge {
  readonly challengeName: 'SMS_MFA';
  readonly clarisId: string;
  /** The masked phone number the code went to, e.g. `+*******1234`, when Cognito says. */
  readonly destination: string | undefined;
  /** `SMS` (or `EMAIL`), when Cognito says. */
  readonly deliveryMedium: string | undefined;
  readonly signal: AbortSignal;
}

/** A one-time code, as a string (`'123456'`) or a Secret. */
export type OneTimeCode = string | Secret<string>;

/**
 * Providers of multi-factor codes. Each may be async (prompt a person, read a vault). Leave one out and
 * that challenge fails with `ChallengeRequiredError`.
 */
export interface MfaCallbacks {
  /** Answers `SOFTWARE_TOKEN_MFA` with the current 6-digit code of the authenticator app's secret. */
  readonly totp?: (challenge: TotpChallenge) => OneTimeCode | Promise<OneTimeCode>;
  /** Answers `SMS_MFA` with the code Cognito sent by text message. */
  readonly sms?: (challenge: SmsChallenge) => OneTimeCode | Promise<OneTimeCode>;
}

/** What a new-password callback is told. */
export interface NewPasswordChallenge {
  readonly challengeName: 'NEW_PASSWORD_REQUIRED';
  readonly clarisId: string;
  /** User attributes Cognito wants along with the password, e.g. `['given_name']`. Usually empty. */
  readonly requiredAttributes: readonly string[];
  readonly signal: AbortSignal;
}

/** The answer to `NEW_PASSWORD_REQUIRED`: the new password, plus any required attributes. */
export type NewPasswordAnswer =
  | string
  | Secret<string>
  | {
      readonly newPassword: string | Secret<string>;
      readonly attributes?: Readonly<Record<string, string>>;
    };

/** Chooses the new password when Cognito answers `NEW_PASSWORD_REQUIRED`. */
export type NewPasswordCallback = (
  challenge: NewPasswordChallenge,
) => NewPasswordAnswer | Promise<NewPasswordAnswer>;

/** Options of {@link fileMakerCloud}. */
export interface FileMakerCloudOptions {
  /**
   * The Claris ID: its email address. FileMaker Cloud accepts only Claris IDs, not FileMaker account
   * names, and not Claris IDs that sign in through an external identity provider.
   * @example 'dev@example.com'
   */
  readonly clarisId?: string;
  /** Same as {@link clarisId}, for symmetry with the other strategies. Give one of the two. */
  readonly username?: string;
  /** The Claris ID password, as a string or a `Secret`. Never printed. */
  readonly password: string | Secret<string>;
  /**
   * Code providers for Claris IDs with multi-factor authentication.
   * @example { totp: () => new TOTP({ secret: process.env.CLARIS_TOTP_SECRET }).generate() }
   */
  readonly mfa?: MfaCallbacks;
  /**
   * Completes `NEW_PASSWORD_REQUIRED` by choosing a new password; the strategy then signs in with it.
   * Without it that challenge fails with `ChallengeRequiredError` (set the password in the Claris
   * Customer Console instead).
   */
  readonly newPassword?: NewPasswordCallback;
  /** Pool settings; each one given here wins over discovery and over Claris's defaults. */
  readonly pool?: PoolOptions;
  /**
   * Look the pool settings up at Claris's user-pool endpoint before the first sign-in, and fall back to
   * the built-in defaults (reported through `onEvent`) when it is unreachable or its answer is
   * malformed. Default `false`: use the defaults.
   */
  readonly discovery?: boolean | DiscoveryOptions;
  /** Settings of the Cognito calls: endpoint, region, proxy, timeout, attempts. */
  readonly cognito?: CognitoOptions;
  /**
   * How long before the ID token expires the strategy stops handing it out and refreshes it, so that
   * FileMaker Cloud never sees an expired token. Capped at a quarter of the token's lifetime.
   * Milliseconds; default 300 000 (5 minutes).
   */
  readonly expirySkewMs?: number;
  /**
   * Milliseconds since the epoch. Default `Date.now`. Tests move it together with the mock's clock (and
   * give the same clock to the session).
   */
  readonly clock?: () => number;
  /**
   * Where the Claris ID tokens (the ID token and the refresh token) are kept so that every process with
   * the same store signs in once: `redisTokenStore({ url })` from `@fmauth/token-store-redis`, a
   * `memoryTokenStore()` shared by several strategies of one process, or your own `TokenStore`. One
   * entry per user pool, app client and Claris ID. Sign-ins and refreshes are single-flight across the
   * processes, so an MFA callback is asked once per refresh-token lifetime, not once per process. A
   * store that fails or hangs never fails a sign-in: the strategy signs in by itself and emits
   * `store-unavailable`. `close()` never deletes the shared entry.
   * Default: none, the tokens live in this strategy only.
   */
  readonly tokenStore?: TokenStore;
  /**
   * Encrypts the stored tokens at rest (AES-256-GCM), as `createDataApiSession`'s option of the same
   * name does. The first key encrypts; all decrypt, so to rotate put the new key first and keep the old
   * one until the entries written with it have expired (`refreshTokenLifetimeMs`). With keys set,
   * unencrypted entries are ignored. 32 bytes each: a Buffer, or base64 / hex text
   * (`openssl rand -base64 32`). Default: none, entries are stored as plain JSON.
   */
  readonly tokenEncryptionKeys?: readonly TokenEncryptionKey[];
  /**
   * Longest wait for each `tokenStore` call (read, write, lock). A slower store counts as unavailable:
   * the strategy signs in by itself and tries the store again a few seconds later. Milliseconds;
   * default 3 000 (above the Redis store's own connect and command timeouts).
   */
  readonly storeTimeoutMs?: number;
  /**
   * Lifetime of the cross-process sign-in lock in the `tokenStore`. The process signing in renews it
   * while it works (a long MFA prompt keeps it); if that process dies, the others wait at most this
   * long before one of them signs in instead. Milliseconds; default 5 000.
   */
  readonly signInLockMs?: number;
  /**
   * How long a stored entry (with its refresh token) is kept after a full sign-in. Set it to the app
   * client's refresh-token expiry. Claris does not publish its setting; the default is Cognito's own
   * default, 30 days (an assumption). A refresh token Cognito refuses earlier still leads to a full
   * sign-in. Milliseconds; default 2 592 000 000 (30 days).
   */
  readonly refreshTokenLifetimeMs?: number;
  /**
   * Observe sign-ins, refreshes, challenges, discovery and, with a `tokenStore`, the store's events
   * (never carries a secret). Must not throw.
   */
  readonly onEvent?: (event: FileMakerCloudEvent) => void;
}
