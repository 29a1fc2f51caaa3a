import { createHash, createHmac, randomBytes } from 'node:crypto';
import { computeVerifier, createSaltHex } from '@fmauth/cognito-srp';

export interface UserSrpSecrets {
  /** SALT as sent: minimal hex. */
  readonly salt: string;
  readonly verifier: bigint;
}

/**
 * Per-user SRP salt and verifier, derived from the fixture password. Salts stay the same for the
 * mock's life (also across `POST /reset`); verifiers are recomputed when the password, the pool or
 * the USER_ID_FOR_SRP changes.
 */
export class SrpVerifiers {
  readonly #salts = new Map<string, string>();
  readonly #verifiers = new Map<string, { fingerprint: string; verifier: bigint }>();
  // Keys the fake salts of unknown users, so the same unknown name always gets the same SALT.
  readonly #decoyKey = randomBytes(32);
  #decoyVerifier: bigint | undefined;

  secretsFor(email: string, password: string, userPoolId: string, userIdForSrp: string): UserSrpSecrets {
    const key = email.toLowerCase();
    let salt = this.#salts.get(key);
    if (salt === undefined) {
      salt = createSaltHex();
      this.#salts.set(key, salt);
    }
    const fingerprint = createHash('sha256')
      .update(`${userPoolId}\0${userIdForSrp}\0${salt}\0${password}`, 'utf8')
      .digest('base64');
    const cached = this.#verifiers.get(key);
    if (cached?.fingerprint === fingerprint) return { salt, verifier: cached.verifier };
    const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt });
    this.#verifiers.set(key, { fingerprint, verifier });
    return { salt, verifier };
  }

  /**
   * A challenge for a user that does not exist (PreventUserExistenceErrors): a stable fake salt and a
   * verifier of a random password, so SRP_B looks like any other and every claim fails.
   */
  decoyFor(username: string, userPoolId: string): UserSrpSecrets {
    const mac = createHmac('sha256', this.#decoyKey).update(username.toLowerCase(), 'utf8').digest();
    const salt = BigInt(`0x${mac.subarray(0, 16).toString('hex')}`).toString(16);
    this.#decoyVerifier ??= computeVerifier({
      userPoolId,
      userIdForSrp: 'decoy',
      password: randomBytes(32).toString('base64'),
      salt,
    });
    return { salt, verifier: this.#decoyVerifier };
  }

  /** A stable UUID-shaped user id for an unknown user, so USER_ID_FOR_SRP reveals nothing either. */
  decoyUserId(username: string): string {
    const hex = createHmac('sha256', this.#decoyKey).update(`id:${username.toLowerCase()}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
