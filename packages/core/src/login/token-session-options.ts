import type { SessionEvent } from '../data-api/session-options.js';
import type { ClientOptionsBase } from '../http/client-options.js';
import type { AuthStrategy } from '../strategy.js';
import type { TokenEncryptionKey } from '../token-store/encryption-keys.js';
import type { TokenStore } from '../token-store/token-store.js';

/**
 * What a token-based session (Data API, Admin API) takes on top of every client's options: a strategy,
 * an idle timeout and token sharing. Each session's options extend it and restate the options whose
 * TSDoc speaks of that API (its token lifetime, its store keys).
 */
export interface TokenSessionOptions extends ClientOptionsBase<SessionEvent> {
  /** How to log in. */
  readonly strategy: AuthStrategy;
  /** How long the token may sit unused before the session logs in again instead of trying it. Milliseconds. */
  readonly idleTimeoutMs?: number;
  /** Where the token is kept so that other sessions and processes use it. Default: none. */
  readonly tokenStore?: TokenStore;
  /** Encrypts stored tokens at rest (AES-256-GCM). */
  readonly tokenEncryptionKeys?: readonly TokenEncryptionKey[];
}
