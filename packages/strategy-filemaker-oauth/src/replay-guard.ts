/**
 * Tracking ids that already completed a sign-in in this process, kept until their state would have
 * expired anyway, so a replayed return URL (a reload, a copied link) cannot complete twice. Bounded:
 * when full, the oldest entries go first (they are the closest to expiry).
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #max: number;

  constructor(max = 100_000) {
    this.#max = max;
  }

  /** True the first time `id` is claimed before `expiresAt`; false on a replay. */
  claim(id: string, expiresAt: number, now: number): boolean {
    for (const [key, until] of this.#seen) {
      if (until >= now && this.#seen.size < this.#max) break;
      this.#seen.delete(key);
    }
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, expiresAt);
    return true;
  }
}
