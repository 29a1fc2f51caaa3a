import { randomBytes } from 'node:crypto';
import type { MockClock } from '../../core/mock-clock.js';

/** One Admin API token and what ends it. */
export interface AdminSession {
  readonly token: string;
  readonly user: string;
  lastUsedAt: number;
  /** When the credentials that opened it expire (FileMaker Cloud's FMID); `Infinity` otherwise. */
  readonly expiresAt: number;
}

/**
 * The open Admin API tokens of one server. A token ends `idleMs()` after its last use (read per check,
 * so a changed option applies at once) or at its `expiresAt`; ended tokens are pruned when counted.
 */
export class AdminSessions {
  readonly #clock: MockClock;
  readonly #idleMs: () => number;
  readonly #sessions = new Map<string, AdminSession>();

  constructor(clock: MockClock, idleMs: () => number) {
    this.#clock = clock;
    this.#idleMs = idleMs;
  }

  /** A new session, or `undefined` when `max` are already open. */
  open(user: string, max: number, expiresAt = Number.POSITIVE_INFINITY): AdminSession | undefined {
    if (this.activeCount() >= max) return undefined;
    const token = randomBytes(32).toString('base64url');
    const session: AdminSession = { token, user, lastUsedAt: this.#clock.now(), expiresAt };
    this.#sessions.set(token, session);
    return session;
  }

  /** The live session of `token`, its idle timer restarted; `undefined` for an unknown or ended one. */
  use(token: string): AdminSession | undefined {
    const session = this.#sessions.get(token);
    if (!session || !this.#alive(session)) return undefined;
    session.lastUsedAt = this.#clock.now();
    return session;
  }

  /** Ends the live session of `token`; `false` when there is none. */
  close(token: string): boolean {
    const session = this.#sessions.get(token);
    if (!session || !this.#alive(session)) return false;
    return this.#sessions.delete(token);
  }

  activeCount(): number {
    for (const [token, session] of this.#sessions) if (!this.#alive(session)) this.#sessions.delete(token);
    return this.#sessions.size;
  }

  clear(): void {
    this.#sessions.clear();
  }

  #alive(session: AdminSession): boolean {
    const now = this.#clock.now();
    return now < session.expiresAt && now - session.lastUsedAt < this.#idleMs();
  }
}
