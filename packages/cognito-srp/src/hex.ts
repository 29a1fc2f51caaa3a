import { SrpProtocolError } from './errors.js';

/**
 * Longest hex string accepted from the wire (SRP_A, SRP_B, SALT). A real A or B has at most 768
 * digits; the cap keeps a hostile peer from making us parse and hash megabytes.
 */
export const SRP_MAX_HEX_LENGTH = 1024;

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/**
 * Hex form of a non-negative integer as Java's `BigInteger.toByteArray()` writes it, which is what
 * Cognito hashes: minimal digits, a leading `0` if the length is odd, then `00` if the first digit is
 * 8 to f (the sign byte). `0x80` → `"0080"`, `0x7f` → `"7f"`, `0` → `"00"`.
 *
 * @throws RangeError for a negative value (SRP never hashes one).
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('padHex takes a non-negative integer');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/**
 * Parses a hex string (either case, leading zeros allowed) into a bigint.
 *
 * @throws {@link SrpProtocolError} `SRP_INVALID_HEX` if the string is empty or not hexadecimal.
 */
export function hexToBigInt(hex: string): bigint {
  if (typeof hex !== 'string' || !HEX_DIGITS.test(hex)) {
    throw new SrpProtocolError('SRP_INVALID_HEX', 'expected a non-empty hexadecimal string');
  }
  return BigInt(`0x${hex}`);
}

/**
 * Parses a value received from the peer, length-checked before any work is done.
 * @internal
 */
export function parseWireHex(field: string, value: unknown): bigint {
  if (typeof value !== 'string' || value.length === 0 || value.length > SRP_MAX_HEX_LENGTH) {
    throw new SrpProtocolError('SRP_INVALID_HEX', `${field} must be 1 to ${SRP_MAX_HEX_LENGTH} hex digits`);
  }
  if (!HEX_DIGITS.test(value)) throw new SrpProtocolError('SRP_INVALID_HEX', `${field} is not hexadecimal`);
  return BigInt(`0x${value}`);
}

/** Big-endian unsigned bytes → bigint (empty → 0). @internal */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** bigint ≥ 0 → minimal big-endian bytes, the form OpenSSL takes for keys and exponents. @internal */
export function bigIntToBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
}
