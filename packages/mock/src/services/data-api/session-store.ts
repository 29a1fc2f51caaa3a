import { randomBytes } from 'node:crypto';
import type { MockClock } from '../../core/mock-clock.js';

export interface DataApiSessionRecord {
  readonly token: string;
  /** The database name exactly as used in the login URL: later calls must use the same spelling. */
  readonly database: string;
  readonly account: string;
  readonly createdAt: number;
  lastUsedAt: number;
  /** Absolute end, independent of use (FileMaker Cloud: when the Claris ID token expires). */
  readonly expiresAt: number;
}

export type SessionLookup =
  | { readonly ok: true; readonly session: DataApiSessionRecord }
  | { readonly ok: false; readonly reason: 'unknown' | 'idle' | 'expired' | 'other-database' };

/**
 * Data API session tokens of one simulated server. Expiry is computed lazily from the mock clock
 * (no timers), so moving the clock forward expires sessions at once.
 */
export class SessionStore {
  readonly #sessions = new Map<string, DataApiSessionRecord>();
  readonly #clock: MockClock;
  readonly #idleMs: () => number;

  constructor(clock: MockClock, idleMs: () => number) {
    this.#clock = clock;
    this.#idleMs = idleMs;
  }

  /** Opens a session, or returns `undefined` when `maxSessions` live sessions exist already. */
  open(
    database: string,
    account: string,
    maxSessions: number,
    expiresAt = Number.POSITIVE_INFINITY,
  ): DataApiSessionRecord | undefined {
    if (this.#sessions.size >= maxSessions && this.activeCount() >= maxSessions) return undefined;
    const now = this.#clock.now();
    // 26 random bytes as 52 hex characters, the length of the tokens in Claris's examples.
    const token = randomBytes(26).toString('hex');
    const session = { token, database, account, createdAt: now, lastUsedAt: now, expiresAt };
    this.#sessions.set(token, session);
    return session;
  }

  /** Looks a token up for a call on `database` and, when valid, restarts its idle timer. */
  use(token: string, database: string | undefined): SessionLookup {
    const session = this.#sessions.get(token);
    if (!session) return { ok: false, reason: 'unknown' };
    const now = this.#clock.now();
    if (now >= session.expiresAt) {
      this.#sessions.delete(token);
      return { ok: false, reason: 'expired' };
    }
    if (now - session.lastUsedAt >= this.#idleMs()) {
      this.#sessions.delete(token);
      return { ok: false, reason: 'idle' };
    }
    if (database !== undefined && session.database !== database)
      return { ok: false, reason: 'other-database' };
    session.lastUsedAt = now;
    return { ok: true, session };
  }

  /** Ends a session (logout). `false` when the token is unknown or already expired. */
  close(token: string, database: string): boolean {
    const lookup = this.use(token, database);
    if (!lookup.ok) return false;
    this.#sessions.delete(token);
    return true;
  }

  /** Live sessions right now; drops the expired ones while counting. */
  activeCount(): number {
    const now = this.#clock.now();
    const idleMs = this.#idleMs();
    for (const [token, session] of this.#sessions) {
      if (now >= session.expiresAt || now - session.lastUsedAt >= idleMs) this.#sessions.delete(token);
    }
    return this.#sessions.size;
  }

  /** Ends every session, as a server restart does. */
  clear(): void {
    this.#sessions.clear();
  }
}
