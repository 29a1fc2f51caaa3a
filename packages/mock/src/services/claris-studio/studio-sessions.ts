import { randomBytes } from 'node:crypto';
import type { MockClock } from '../../core/mock-clock.js';
import { secretsEqual } from '../../shared/constant-time.js';

/** One browser's visit to Claris Studio: anonymous until it signs in. */
export interface StudioSession {
  readonly id: string;
  /** Per-session token every form posts back. */
  readonly csrfToken: string;
  /** The signed-in Claris ID, `undefined` before sign-in. */
  readonly email: string | undefined;
  lastUsedAt: number;
  /** One-time message for the next page (after a redirect). */
  flash: string | undefined;
}

export type SessionLookup =
  | { readonly state: 'none' }
  | { readonly state: 'expired' }
  | { readonly state: 'live'; readonly session: StudioSession };

// Enough for any test run; the oldest visits go first when a crawler opens too many.
const MAX_SESSIONS = 10_000;

/**
 * Claris Studio's cookie sessions, on the mock clock (moving the clock forward ends them). Ids and
 * CSRF tokens are 256-bit random values; a sign-in replaces the session (new id, new token), so an id
 * seen before sign-in is worthless after it.
 */
export class StudioSessions {
  readonly #sessions = new Map<string, StudioSession>();
  readonly #clock: MockClock;
  readonly #idleMs: () => number;

  constructor(clock: MockClock, idleMs: () => number) {
    this.#clock = clock;
    this.#idleMs = idleMs;
  }

  /** A new session, anonymous or signed in as `email`. */
  open(email?: string): StudioSession {
    this.#prune();
    if (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const session: StudioSession = {
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      email,
      lastUsedAt: this.#clock.now(),
      flash: undefined,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** Looks a cookie value up and, when live, restarts its idle timer. */
  use(id: string | undefined): SessionLookup {
    if (id === undefined) return { state: 'none' };
    const session = this.#sessions.get(id);
    if (!session) return { state: 'none' };
    if (this.#clock.now() - session.lastUsedAt >= this.#idleMs()) {
      this.#sessions.delete(id);
      return { state: session.email === undefined ? 'none' : 'expired' };
    }
    session.lastUsedAt = this.#clock.now();
    return { state: 'live', session };
  }

  /** Whether a posted CSRF token is this session's (constant time). */
  csrfMatches(session: StudioSession, posted: string | null): boolean {
    return secretsEqual(posted ?? '', session.csrfToken);
  }

  close(id: string): void {
    this.#sessions.delete(id);
  }

  /** Signed-in sessions that are still live. */
  signedInCount(): number {
    this.#prune();
    let count = 0;
    for (const session of this.#sessions.values()) if (session.email !== undefined) count++;
    return count;
  }

  clear(): void {
    this.#sessions.clear();
  }

  #prune(): void {
    const now = this.#clock.now();
    const idleMs = this.#idleMs();
    for (const [id, session] of this.#sessions)
      if (now - session.lastUsedAt >= idleMs) this.#sessions.delete(id);
  }
}
