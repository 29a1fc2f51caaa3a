import type { Dispatcher } from 'undici';
import type { FmAuthErrorCode } from './errors/codes.js';
import type { FmAuthError } from './errors/fm-auth-error.js';
import type { Secret } from './secret.js';

/** The three server flavors. Third-party code may name others. */
export type ServerFlavor = 'filemaker-server' | 'filemaker-cloud' | 'claris-server';

/** Ids of the strategies this project ships; any other string is fine for third parties. */
export type BuiltInStrategyId = 'filemaker-server' | 'filemaker-cloud' | 'claris-server' | (string & {});

/** Which Claris API the credentials are for. FileMaker Cloud uses the same `FMID` token for all three. */
export type TargetApi = 'data-api' | 'admin-api' | 'odata';

/**
 * Why core asks for credentials:
 * - `initial`: the first login of a session;
 * - `expired`: the previous Data API session ended (idle 15 minutes, 952, a 401 on a call);
 * - `rejected`: the server refused the credentials this strategy produced a moment ago and core
 *   called {@link AuthStrategy.invalidate}; produce fresh ones (e.g. refresh a cached ID token).
 *   Core asks at most once with this reason per login.
 */
export type AuthenticateReason = 'initial' | 'expired' | 'rejected';

/** What core tells a strategy when it needs credentials. */
export interface AuthenticateContext {
  readonly reason: AuthenticateReason;
  readonly api: TargetApi;
  /** Base URL of the server (origin plus an optional path prefix). */
  readonly baseUrl: URL;
  /** Hosted database the login is for; absent for server-wide APIs (Admin API). */
  readonly database?: string;
  /** Aborts when the login timeout passes or the caller gives up. Strategies that do I/O must honour it. */
  readonly signal: AbortSignal;
  /** The session's undici dispatcher (custom CA, proxy) for strategies that make their own HTTP calls. */
  readonly dispatcher: Dispatcher;
}

/** One external FileMaker file opened with the session (`fmDataSource` in the login body). */
export type FmDataSourceCredential =
  | { readonly database: string; readonly username: string; readonly password: Secret<string> }
  | {
      readonly database: string;
      readonly oAuthRequestId: Secret<string>;
      readonly oAuthIdentifier: Secret<string>;
    };

/**
 * Everything a login request carries that differs between strategies. Wrap secret values in
 * {@link Secret} so they cannot leak through logs.
 */
export interface LoginCredentials {
  /** The whole `Authorization` header value: `Basic …` or `FMID …`. */
  readonly authorization?: Secret<string>;
  /** Other login headers, e.g. `X-FM-Data-OAuth-Request-Id` and `X-FM-Data-OAuth-Identifier`. */
  readonly headers?: Readonly<Record<string, string | Secret<string>>>;
  /** External data sources to open with this login, sent before the session's own `fmDataSource`. */
  readonly fmDataSource?: readonly FmDataSourceCredential[];
  /**
   * Epoch milliseconds after which a session opened with these credentials should be treated as gone.
   * FileMaker Cloud ends a Data API session when its Claris ID token expires, so the Cloud strategy
   * sets this and core logs in again before that moment instead of failing a call first.
   */
  readonly validUntil?: number;
}

/** What core tells {@link AuthStrategy.invalidate}. */
export interface InvalidateContext {
  /** The typed rejection (usually an {@link InvalidCredentialsError}). */
  readonly error: FmAuthError;
  readonly api: TargetApi;
}

/**
 * The contract every login strategy implements, ours and third parties'. A strategy **produces login
 * credentials and nothing more**: core owns the Data API session (token reuse, single-flight login,
 * re-login on 952, retries, logout, timeouts, typed errors), so every strategy gets those right for free.
 *
 * Rules for implementers:
 * - do no I/O when constructed; check options synchronously and throw `TypeError`s;
 * - keep secrets out of enumerable properties (close over them, or use `#private` fields);
 * - honour `ctx.signal` in {@link authenticate};
 * - a strategy may serve several sessions at once, so keep per-call state out of it; core never calls
 *   {@link authenticate} twice at the same time for one session, but two sessions may.
 */
export interface AuthStrategy {
  /** Stable kebab-case id, shown in errors and in the contract kit's output. */
  readonly id: BuiltInStrategyId;
  /** Server flavors this strategy can log in to. */
  readonly flavors: readonly ServerFlavor[];
  /**
   * The account these credentials log in as, not secret: a FileMaker account name, a Claris ID. Token
   * stores key shared tokens by it, so two accounts never share a token. A strategy without an identity
   * never shares tokens across sessions or processes. Never put a password or token here.
   */
  readonly identity?: string;
  /** Advice appended to core's errors of these codes, e.g. where to set a Claris Server extended password. */
  readonly hints?: Readonly<Partial<Record<FmAuthErrorCode, string>>>;
  /** Produce the credentials for one login request. */
  authenticate(ctx: AuthenticateContext): Promise<LoginCredentials> | LoginCredentials;
  /**
   * The server rejected credentials this strategy produced. Drop whatever cached upstream token made
   * them (e.g. a stale Claris ID token). When present, core calls it and then {@link authenticate} once
   * more with reason `rejected` before giving up; when absent, the rejection is final.
   */
  invalidate?(ctx: InvalidateContext): void | Promise<void>;
  /** Release timers and clients. Idempotent. Sessions never call it: a strategy can outlive them. */
  close?(): void | Promise<void>;
}
