import type { MockClock } from '../../core/mock-clock.js';

export interface LockoutPolicy {
  readonly lockoutAfterFailures: number;
  readonly lockoutBaseSeconds: number;
  readonly lockoutMaxSeconds: number;
}

interface Failures {
  count: number;
  lockedUntil: number;
}

/**
 * Cognito's lockout: after N failed password checks in a row the user is locked for 1 s, doubling
 * with each further failure up to about 15 minutes; a successful sign-in clears it.
 */
export class Lockout {
  readonly #failures = new Map<string, Failures>();
  readonly #clock: MockClock;

  constructor(clock: MockClock) {
    this.#clock = clock;
  }

  isLocked(email: string): boolean {
    const entry = this.#failures.get(email.toLowerCase());
    return entry !== undefined && this.#clock.now() < entry.lockedUntil;
  }

  recordFailure(email: string, policy: LockoutPolicy): void {
    const key = email.toLowerCase();
    const entry = this.#failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count++;
    const beyond = entry.count - policy.lockoutAfterFailures;
    if (beyond >= 0) {
      const seconds = Math.min(
        policy.lockoutBaseSeconds * 2 ** Math.min(beyond, 40),
        policy.lockoutMaxSeconds,
      );
      entry.lockedUntil = this.#clock.now() + seconds * 1000;
    }
    this.#failures.set(key, entry);
  }

  recordSuccess(email: string): void {
    this.#failures.delete(email.toLowerCase());
  }

  clear(): void {
    this.#failures.clear();
  }
}
