/**
 * The mock's time: wall-clock time plus an offset that tests move forward through the control API
 * (`POST /clock`), so "15 minutes idle" or "ID token expired after an hour" take no real time.
 */
export class MockClock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Seconds since the epoch, as JWT claims use. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('the clock only moves forward, by a finite number of ms');
    this.#offsetMs += ms;
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}
