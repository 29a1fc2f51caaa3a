import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { SRP_K, SRP_N } from './constants.js';
import { requireString, SrpProtocolError } from './errors.js';
import { claimSignature, computeU, computeX, deriveKey } from './formulas.js';
import { bytesToBigInt, parseWireHex } from './hex.js';
import { isUsableBase, powG, powMod } from './modexp.js';
import { poolNameOf } from './pool.js';
import { formatSrpTimestamp } from './timestamp.js';

// 256-bit a, like the server's b: the 3072-bit group gives ~128-bit security, which needs exponents of
// twice that (RFC 5054 asks for at least 256 bits). identity-js draws 1024 bits; the size of a never
// shows on the wire, and the shorter exponent makes A = g^a and S four and two times cheaper.
const A_BYTES = 32;

/** Options of {@link startSrpClient}. */
export interface SrpClientOptions {
  /** Source of the private exponent `a` (asked for 32 bytes). Defaults to `crypto.randomBytes`; override only in tests. */
  randomBytes?: (size: number) => Uint8Array;
}

/** The PASSWORD_VERIFIER challenge parameters plus what only the client knows. */
export interface SrpClaimInput {
  /** `<region>_<id>`; SRP hashes the part after the underscore. */
  userPoolId: string;
  /** USER_ID_FOR_SRP from the challenge: it replaces the typed username from here on. */
  userIdForSrp: string;
  password: string;
  /** SRP_B from the challenge (hex). */
  srpB: string;
  /** SALT from the challenge (hex). */
  salt: string;
  /** SECRET_BLOCK from the challenge (base64), to be echoed as PASSWORD_CLAIM_SECRET_BLOCK. */
  secretBlock: string;
  /** A preformatted TIMESTAMP (sent as is) or a Date to format; defaults to now. */
  timestamp?: string | Date;
}

/** What goes into ChallengeResponses next to USERNAME and PASSWORD_CLAIM_SECRET_BLOCK. */
export interface SrpClaim {
  /** PASSWORD_CLAIM_SIGNATURE (base64). */
  signature: string;
  /** TIMESTAMP, exactly the string that was signed. */
  timestamp: string;
}

/** One SRP sign-in attempt on the client side. Holds `a` out of reach (closure). */
export interface SrpClient {
  /** SRP_A for InitiateAuth's AuthParameters: minimal lowercase hex of A = g^a mod N. */
  readonly srpA: string;
  /**
   * Answers the PASSWORD_VERIFIER challenge.
   *
   * @throws {@link SrpProtocolError} for an unusable SRP_B or SALT (`SRP_INVALID_HEX`,
   *   `SRP_INVALID_B`, `SRP_INVALID_U`, `SRP_DEGENERATE_SECRET`).
   * @throws TypeError (`ERR_INVALID_ARG_VALUE` / `ERR_INVALID_ARG_TYPE`) for a malformed pool ID or a non-string input.
   */
  computeClaim(input: SrpClaimInput): SrpClaim;
}

/**
 * Starts the client side of USER_SRP_AUTH: draws `a` (32 random bytes) and computes SRP_A with one
 * OpenSSL modexp.
 */
export function startSrpClient(options: SrpClientOptions = {}): SrpClient {
  const a = bytesToBigInt((options.randomBytes ?? cryptoRandomBytes)(A_BYTES));
  if (a === 0n) throw new RangeError('randomBytes returned only zero bytes');
  const bigA = powG(a);
  if (bigA % SRP_N === 0n) throw new SrpProtocolError('SRP_INVALID_A', 'A mod N is 0');

  function computeClaim(input: SrpClaimInput): SrpClaim {
    const poolName = poolNameOf(input.userPoolId);
    const { userIdForSrp, password, secretBlock } = input;
    requireString('userIdForSrp', userIdForSrp);
    requireString('password', password);
    requireString('secretBlock', secretBlock);
    const timestamp = resolveTimestamp(input.timestamp);

    const bigB = parseWireHex('SRP_B', input.srpB);
    if (bigB % SRP_N === 0n) throw new SrpProtocolError('SRP_INVALID_B', 'SRP_B mod N is 0');
    const salt = parseWireHex('SALT', input.salt);
    const u = computeU(bigA, bigB);
    if (u === 0n) throw new SrpProtocolError('SRP_INVALID_U', 'u = H(A, B) is 0');

    const x = computeX(salt, poolName, userIdForSrp, password);
    // identity-js leaves B − k·g^x unreduced, so it can be negative; BigInt's % keeps the sign and
    // OpenSSL wants [0, N), hence the fold back into range.
    const base = (((bigB - SRP_K * powG(x)) % SRP_N) + SRP_N) % SRP_N;
    if (!isUsableBase(base)) {
      throw new SrpProtocolError('SRP_DEGENERATE_SECRET', 'SRP_B gives a degenerate shared secret');
    }
    const key = deriveKey(u, powMod(base, a + u * x));
    const signature = claimSignature(key, poolName, userIdForSrp, secretBlock, timestamp);
    return { signature: signature.toString('base64'), timestamp };
  }

  return Object.freeze({ srpA: bigA.toString(16), computeClaim });
}

function resolveTimestamp(timestamp: string | Date | undefined): string {
  if (timestamp === undefined) return formatSrpTimestamp(new Date());
  if (timestamp instanceof Date) return formatSrpTimestamp(timestamp);
  requireString('timestamp', timestamp);
  return timestamp;
}
