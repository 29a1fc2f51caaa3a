import type { ClarisIdUserFixture } from '../fixture/sections/claris-id.js';
import { secretsEqual } from './constant-time.js';

/** A Claris ID user as the simulation holds it; passwords change when users set new ones. */
export interface ClarisIdUser extends ClarisIdUserFixture {
  /** Stable Cognito `sub`, derived from the email so it survives resets. */
  readonly sub: string;
}

const DECOY = 'fmauth-mock-decoy-password';

/**
 * The Claris ID accounts shared by every flavor that knows Claris IDs: the Cognito pool (FileMaker
 * Cloud), Claris Server and Claris Studio. One instance per mock, so a password set in one place is
 * seen by the others.
 */
export class ClarisIdDirectory {
  readonly #initial: readonly ClarisIdUserFixture[];
  #users = new Map<string, ClarisIdUser>();

  constructor(users: readonly ClarisIdUserFixture[]) {
    this.#initial = users;
    this.reset();
  }

  /** The user with this email (case-insensitive), if any. */
  find(email: string): ClarisIdUser | undefined {
    return this.#users.get(email.trim().toLowerCase());
  }

  all(): ClarisIdUser[] {
    return [...this.#users.values()];
  }

  /** Constant-time check of the Claris ID password; unknown users cost the same time. */
  checkPassword(email: string, password: string): ClarisIdUser | undefined {
    const user = this.find(email);
    const matches = secretsEqual(password, user?.password ?? DECOY);
    return user && matches ? user : undefined;
  }

  /** Constant-time check of the Claris Server extended password; users without one never match. */
  checkExtendedPassword(email: string, password: string): ClarisIdUser | undefined {
    const user = this.find(email);
    const matches = secretsEqual(password, user?.extendedPassword ?? DECOY);
    return user?.extendedPassword !== undefined && matches ? user : undefined;
  }

  /** Replaces fields of a user (a new password, an extended password, a cleared flag). */
  update(email: string, changes: Partial<Omit<ClarisIdUser, 'email' | 'sub'>>): ClarisIdUser | undefined {
    const user = this.find(email);
    if (!user) return undefined;
    const updated = { ...user, ...changes };
    this.#users.set(user.email.toLowerCase(), updated);
    return updated;
  }

  reset(): void {
    this.#users = new Map(
      this.#initial.map((user) => [user.email.toLowerCase(), { ...user, sub: subFor(user.email) }]),
    );
  }
}

/** A UUID-shaped `sub` that is the same for the same email in every run. */
function subFor(email: string): string {
  const hex = Buffer.from(email.toLowerCase()).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
