import { hexHash, hmacSha256, sha256Hex } from './hash.js';
import { padHex } from './hex.js';

// The hash formulas both sides share, byte-exact with amazon-cognito-identity-js.

/** x = H(padHex(salt) ‖ H(poolName + userId + ':' + password)), the inner hash as 64 hex digits. @internal */
export function computeX(salt: bigint, poolName: string, userId: string, password: string): bigint {
  const inner = sha256Hex(`${poolName}${userId}:${password}`);
  return BigInt(`0x${hexHash(padHex(salt) + inner)}`);
}

/** u = H(padHex(A) ‖ padHex(B)), with A and B as parsed from the wire (not reduced mod N). @internal */
export function computeU(bigA: bigint, bigB: bigint): bigint {
  return BigInt(`0x${hexHash(padHex(bigA) + padHex(bigB))}`);
}

const HKDF_INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

/**
 * One-block HKDF-SHA256 with salt = padHex(u) and ikm = padHex(S), truncated to 16 bytes.
 * @internal
 */
export function deriveKey(u: bigint, secret: bigint): Buffer {
  const prk = hmacSha256(Buffer.from(padHex(u), 'hex'), Buffer.from(padHex(secret), 'hex'));
  return hmacSha256(prk, HKDF_INFO).subarray(0, 16);
}

/**
 * HMAC-SHA256(K, poolName ‖ userId ‖ base64decode(secretBlock) ‖ timestamp): the raw
 * PASSWORD_CLAIM_SIGNATURE. The timestamp is used exactly as given.
 * @internal
 */
export function claimSignature(
  key: Uint8Array,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): Buffer {
  return hmacSha256(
    key,
    Buffer.from(poolName, 'utf8'),
    Buffer.from(userId, 'utf8'),
    Buffer.from(secretBlock, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  );
}
