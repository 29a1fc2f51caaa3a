import type { FmAuthError } from '../errors/fm-auth-error.js';
import type { TokenSessionOptions } from '../login/token-session-options.js';
import type { Secret } from '../secret.js';
import type { AuthenticateReason, AuthStrategy } from '../strategy.js';
import type { TokenEncryptionKey } from '../token-store/encryption-keys.js';
import type { TokenStoreEvent } from '../token-store/store-events.js';
import type { TokenStore } from '../token-store/token-store.js';
import type { DataApiVersion } from './paths.js';

/** An external FileMaker file to open with the session, as given by the caller. */
export type FmDataSourceOption =
  | { readonly database: string; readonly username: string; readonly password: string | Secret<string> }
  | {
      readonly database: string;
      readonly oAuthRequestId: string | Secret<string>;
      readonly oAuthIdentifier: string | Secret<string>;
    };

/** What a session reports to {@link DataApiSessionOptions.onEvent}. Never carries a secret. */
export type SessionEvent =
  | { readonly type: 'login'; readonly reason: AuthenticateReason; readonly durationMs: number }
  | {
      readonly type: 'login-failed';
      readonly reason: AuthenticateReason;
      readonly error: FmAuthError | Error;
    }
  /** The server no longer accepted the session token on a call (952 or 401); a re-login follows. */
  | { readonly type: 'session-rejected'; readonly status: number; readonly fmCode?: string }
  | { readonly type: 'logout' }
  | { readonly type: 'logout-failed'; readonly error: FmAuthError | Error }
  /** With a `tokenStore`: store outages, unusable stored values, tokens taken from the store. */
  | TokenStoreEvent;

/** Options of {@link createDataApiSession}. */
export interface DataApiSessionOptions extends TokenSessionOptions {
  /**
   * The server's address, without `/fmi/data`.
   * @example 'https://fms.example.com'
   * @example 'https://acme.account.filemaker-cloud.com'
   */
  readonly baseUrl: string | URL;
  /** The hosted file, without `.fmp12` (or `.claris`). */
  readonly database: string;
  /** How to log in: `fileMakerServer(…)`, `fileMakerCloud(…)`, `clarisServer(…)` or your own. */
  readonly strategy: AuthStrategy;
  /** Data API version in the URL. Default `'vLatest'`; use `'v1'` for FileMaker Server 17. */
  readonly version?: DataApiVersion;
  /** External FileMaker files to open with this session (`fmDataSource` in the login body). */
  readonly fmDataSource?: readonly FmDataSourceOption[];
  /**
   * How long the session may sit unused before we log in again instead of trying the old token.
   * FileMaker ends a session 15 minutes after its last call; the default, 14 minutes, leaves a margin
   * for clock drift and slow calls. Milliseconds.
   */
  readonly idleTimeoutMs?: number;
  /**
   * Where the session token is kept so that other sessions and **other processes** use the same Data
   * API session instead of logging in again: `redisTokenStore({ url })` from `@fmauth/token-store-redis`,
   * a `memoryTokenStore()` shared by several sessions of one process, or your own {@link TokenStore}.
   * Concurrent logins are single-flight across every process sharing the store, a token the server
   * rejects is replaced exactly once, and `close()` no longer logs out (others may still use the
   * session). A store that fails or hangs never fails a call: the session goes on by itself and emits
   * `store-unavailable`. Tokens are shared only between sessions with the same server, database,
   * strategy and account (`strategy.identity`); a store with a strategy that declares no identity is a
   * `TypeError` here.
   * Default: none, the token lives in this session only.
   */
  readonly tokenStore?: TokenStore;
  /**
   * Encrypts stored tokens at rest (AES-256-GCM). The first key encrypts; all decrypt, so to rotate, put
   * a new key first and keep the old one until its values expire (15 minutes for Data API tokens). With
   * keys set, unencrypted values in the store are ignored. 32 bytes each: a Buffer, or base64 / hex text
   * (`openssl rand -base64 32`).
   */
  readonly tokenEncryptionKeys?: readonly TokenEncryptionKey[];
  /** Observe logins, re-logins and logouts (for metrics and logs). Must not throw. */
  readonly onEvent?: (event: SessionEvent) => void;
}

/** Default of {@link DataApiSessionOptions.idleTimeoutMs}: FileMaker's 15 minutes less a one-minute margin. */
export const DEFAULT_IDLE_TIMEOUT_MS = 14 * 60_000;
