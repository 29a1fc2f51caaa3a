import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { requireString } from './errors.js';
import { computeX } from './formulas.js';
import { bytesToBigInt, hexToBigInt } from './hex.js';
import { powG } from './modexp.js';
import { poolNameOf } from './pool.js';

/** Inputs of {@link computeVerifier}. */
export interface VerifierInput {
  userPoolId: string;
  /** The same user ID the server will return as USER_ID_FOR_SRP (the internal username, not an alias). */
  userIdForSrp: string;
  password: string;
  /** The user's salt, as hex (what the server sends as SALT). */
  salt: string;
}

/**
 * The password verifier v = g^x mod N that a server stores instead of the password.
 *
 * @throws TypeError for a malformed pool ID or non-string input; {@link SrpProtocolError}
 *   `SRP_INVALID_HEX` for a non-hex salt.
 */
export function computeVerifier(input: VerifierInput): bigint {
  const poolName = poolNameOf(input.userPoolId);
  requireString('userIdForSrp', input.userIdForSrp);
  requireString('password', input.password);
  return powG(computeX(hexToBigInt(input.salt), poolName, input.userIdForSrp, input.password));
}

/**
 * A fresh salt: 16 random bytes as minimal hex. No redundant leading zeros on purpose: identity-js
 * re-encodes the salt from its value, but Python and Go clients pad the string as received, and
 * the two only agree on minimal hex.
 */
export function createSaltHex(options: { randomBytes?: (size: number) => Uint8Array } = {}): string {
  return bytesToBigInt((options.randomBytes ?? cryptoRandomBytes)(16)).toString(16);
}
