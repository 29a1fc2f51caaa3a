/** What the app remembers about one browser, by its cookie's session id. */
export interface BrowserSession {
  /** The sealed state of a sign-in in progress (begin() → complete()). Taken once. */
  pendingState?: string | undefined;
  /** The app's user id once signed in: the key of the user's Data API session. */
  userId?: string | undefined;
  /** The provider the user signed in with, shown on the page. */
  provider?: string | undefined;
  expiresAt: number;
}

/**
 * Browser sessions in this process, expiring and bounded so a flood of new visitors cannot grow
 * memory without end. Several instances would keep these in a shared store (Redis) instead.
 */
export class BrowserSessions {
  readonly #sessions = new Map<string, BrowserSession>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs: number, max = 50_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  get(id: string | undefined, now: number): BrowserSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (!session || session.expiresAt < now) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.expiresAt = now + this.#ttlMs;
    return session;
  }

  create(id: string, now: number): BrowserSession {
    if (this.#sessions.size >= this.#max) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    const session: BrowserSession = { expiresAt: now + this.#ttlMs };
    this.#sessions.set(id, session);
    return session;
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }
}
