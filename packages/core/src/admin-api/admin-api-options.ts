import type { SessionEvent } from '../data-api/session-options.js';
import type { TokenSessionOptions } from '../login/token-session-options.js';
import type { AuthStrategy } from '../strategy.js';
import type { TokenEncryptionKey } from '../token-store/encryption-keys.js';
import type { TokenStore } from '../token-store/token-store.js';

/** Options of {@link createAdminApiSession}. */
export interface AdminApiSessionOptions extends TokenSessionOptions {
  /**
   * The server's address, without `/fmi/admin/api` (the same value as a Data API session's `baseUrl`).
   * @example 'https://fms.example.com'
   * @example 'https://acme.account.filemaker-cloud.com'
   */
  readonly baseUrl: string | URL;
  /**
   * How to log in. FileMaker Server: `fileMakerServer({ username, password })` with the **Admin
   * Console** account (not a database account). FileMaker Cloud: `fileMakerCloud(…)` with a Claris ID
   * that may administer the server (its `FMID` token is sent). Claris Server: `fileMakerServer(…)` with
   * the Admin Console account (an assumption: no source says how Claris Server's Admin API logs in).
   */
  readonly strategy: AuthStrategy;
  /**
   * How long the token may sit unused before we log in again instead of trying it. The Admin API ends
   * a token 15 minutes after its last call; the default, 14 minutes, leaves a margin for clock drift
   * and slow calls. Milliseconds.
   */
  readonly idleTimeoutMs?: number;
  /**
   * Where the Admin API token is kept so that other sessions and **other processes** use it instead
   * of logging in again (each login is one more Admin API session on the server, which caps them with
   * 956). Same rules as the Data API session's `tokenStore`: single-flight logins across processes, a
   * refused token replaced once, `close()` no longer logs out, and the strategy must declare an
   * `identity`. Admin API tokens are stored under their own keys, apart from Data API tokens.
   * Default: none, the token lives in this session only.
   */
  readonly tokenStore?: TokenStore;
  /** Encrypts stored tokens at rest (AES-256-GCM); as the Data API session's option of that name. */
  readonly tokenEncryptionKeys?: readonly TokenEncryptionKey[];
  /**
   * Observe logins, re-logins (`session-rejected` when the server refused the token on a call) and
   * logouts, for metrics and logs. The same events as the Data API session's. Must not throw.
   */
  readonly onEvent?: (event: SessionEvent) => void;
}

/** Default of {@link AdminApiSessionOptions.idleTimeoutMs}: the Admin API's 15 minutes less one. */
export const DEFAULT_ADMIN_IDLE_TIMEOUT_MS = 14 * 60_000;
