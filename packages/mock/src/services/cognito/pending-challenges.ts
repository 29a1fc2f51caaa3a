import type { MockClock } from '../../core/mock-clock.js';

/** Entries older than this many live at once are dropped first, so a flood of InitiateAuth can't grow memory. */
const MAX_PENDING = 10_000;

interface Entry<T> {
  readonly state: T;
  readonly expiresAt: number;
}

export type PendingLookup<T> =
  | { readonly ok: true; readonly state: T }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' };

/**
 * Challenge state behind an opaque handle (a SECRET_BLOCK or a `Session`), expiring on the mock
 * clock. `take` makes a handle single-use; `peek` leaves it in place (MFA codes may be retried).
 */
export class PendingChallenges<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #clock: MockClock;

  constructor(clock: MockClock) {
    this.#clock = clock;
  }

  put(handle: string, state: T, lifetimeMs: number): void {
    if (this.#entries.size >= MAX_PENDING) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(handle, { state, expiresAt: this.#clock.now() + lifetimeMs });
  }

  take(handle: string): PendingLookup<T> {
    const lookup = this.peek(handle);
    this.#entries.delete(handle);
    return lookup;
  }

  peek(handle: string): PendingLookup<T> {
    const entry = this.#entries.get(handle);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (this.#clock.now() >= entry.expiresAt) {
      this.#entries.delete(handle);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, state: entry.state };
  }

  delete(handle: string): void {
    this.#entries.delete(handle);
  }

  clear(): void {
    this.#entries.clear();
  }
}
