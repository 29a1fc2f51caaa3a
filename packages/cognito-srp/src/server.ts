import { randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';
import { SRP_K, SRP_N } from './constants.js';
import { invalidArgValue, SrpProtocolError } from './errors.js';
import { claimSignature, computeU, deriveKey } from './formulas.js';
import { bytesToBigInt, parseWireHex } from './hex.js';
import { isUsableBase, powG, powMod } from './modexp.js';
import { poolNameOf } from './pool.js';

// 256-bit b: the 3072-bit group offers ~128-bit security, which needs exponents of twice that;
// longer ones only cost time. The client's a is 256 bits for the same reason.
const B_BYTES = 32;

/** Options of {@link startSrpServer}. */
export interface SrpServerOptions {
  /** The user's verifier from {@link computeVerifier}. */
  verifier: bigint;
  /** SRP_A from InitiateAuth's AuthParameters (untrusted). */
  srpA: string;
  /** Source of the private exponent `b` (asked for 32 bytes). Defaults to `crypto.randomBytes`; override only in tests. */
  randomBytes?: (size: number) => Uint8Array;
}

/** The ChallengeResponses of RespondToAuthChallenge(PASSWORD_VERIFIER), plus the pool the server is. */
export interface SrpClaimCheck {
  /** The server's own pool ID (configuration, trusted). */
  userPoolId: string;
  /** The user ID this server returned as USER_ID_FOR_SRP (and used for the verifier). */
  userIdForSrp: string;
  /** PASSWORD_CLAIM_SECRET_BLOCK as received. */
  secretBlock: string;
  /** TIMESTAMP as received: it is signed byte for byte, never reformatted. */
  timestamp: string;
  /** PASSWORD_CLAIM_SIGNATURE as received (base64). */
  signature: string;
}

/** One SRP sign-in attempt on the server side. Holds `b` out of reach (closure). */
export interface SrpServer {
  /** SRP_B for the challenge parameters: minimal lowercase hex of B = (k·v + g^b) mod N. */
  readonly srpB: string;
  /**
   * Whether the claim proves knowledge of the password. Never throws on hostile or malformed claim
   * fields (returns false); compares in constant time. The shared key is derived on first use and
   * kept, so single-use challenges are the caller's job.
   *
   * @throws TypeError only if `userPoolId` (server configuration) is malformed.
   */
  verifyClaim(claim: SrpClaimCheck): boolean;
}

/**
 * Starts the server side of USER_SRP_AUTH for a received SRP_A: draws `b` and computes SRP_B with one
 * OpenSSL modexp.
 *
 * @throws {@link SrpProtocolError} `SRP_INVALID_HEX` (not hex, or longer than
 *   {@link SRP_MAX_HEX_LENGTH}), `SRP_INVALID_A` (A mod N = 0) or `SRP_INVALID_U`.
 * @throws TypeError `ERR_INVALID_ARG_VALUE` if the verifier is not a bigint in [2, N − 2].
 */
export function startSrpServer(options: SrpServerOptions): SrpServer {
  const { verifier } = options;
  // g^x is never 0, 1 or N − 1 (g = 2 generates the order-(N−1)/2 subgroup), and those would make S trivial.
  if (typeof verifier !== 'bigint' || !isUsableBase(verifier)) {
    throw invalidArgValue('verifier must be a bigint in [2, N - 2]');
  }
  const bigA = parseWireHex('SRP_A', options.srpA);
  if (bigA % SRP_N === 0n) throw new SrpProtocolError('SRP_INVALID_A', 'SRP_A mod N is 0');

  const b = bytesToBigInt((options.randomBytes ?? cryptoRandomBytes)(B_BYTES));
  if (b === 0n) throw new RangeError('randomBytes returned only zero bytes');
  const bigB = (SRP_K * verifier + powG(b)) % SRP_N;
  // Only reachable with a rigged randomBytes; a client would refuse it anyway.
  if (bigB === 0n) throw new SrpProtocolError('SRP_INVALID_B', 'B mod N is 0');
  const u = computeU(bigA, bigB);
  if (u === 0n) throw new SrpProtocolError('SRP_INVALID_U', 'u = H(A, B) is 0');

  // undefined: not derived yet; null: degenerate, every claim fails.
  let key: Buffer | null | undefined;
  function sharedKey(): Buffer | null {
    if (key === undefined) {
      // S = (A · v^u)^b mod N. A base of 0, 1 or N − 1 would make S guessable: refuse it.
      const base = (bigA * powMod(verifier, u)) % SRP_N;
      key = isUsableBase(base) ? deriveKey(u, powMod(base, b)) : null;
    }
    return key;
  }

  function verifyClaim(claim: SrpClaimCheck): boolean {
    const poolName = poolNameOf(claim.userPoolId);
    const { userIdForSrp, secretBlock, timestamp, signature } = claim;
    if (![userIdForSrp, secretBlock, timestamp, signature].every((field) => typeof field === 'string')) {
      return false;
    }
    const secret = sharedKey();
    if (secret === null) return false;
    const expected = claimSignature(secret, poolName, userIdForSrp, secretBlock, timestamp);
    // Node's base64 decoder skips junk instead of throwing; the length check catches what's left.
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  return Object.freeze({ srpB: bigB.toString(16), verifyClaim });
}
