import type { FmAuthError } from '../errors/fm-auth-error.js';
import type { TransportOptions } from '../http/transport-options.js';
import type { Secret } from '../secret.js';
import type { AuthenticateReason, AuthStrategy } from '../strategy.js';
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
  | { readonly type: 'logout-failed'; readonly error: FmAuthError | Error };

/** Options of {@link createDataApiSession}. */
export interface DataApiSessionOptions extends TransportOptions {
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
  /** Allow `http://` to a non-loopback host. Sends credentials unencrypted; only for trusted networks. */
  readonly allowInsecureHttp?: boolean;
  /** Milliseconds since the epoch; replace in tests to move time. Default `Date.now`. */
  readonly clock?: () => number;
  /** Observe logins, re-logins and logouts (for metrics and logs). Must not throw. */
  readonly onEvent?: (event: SessionEvent) => void;
}

/** Default of {@link DataApiSessionOptions.idleTimeoutMs}: FileMaker's 15 minutes less a one-minute margin. */
export const DEFAULT_IDLE_TIMEOUT_MS = 14 * 60_000;
