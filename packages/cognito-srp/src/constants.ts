import { getDiffieHellman } from 'node:crypto';
import { hexHash } from './hash.js';
import { bytesToBigInt, padHex } from './hex.js';

/**
 * N, the 3072-bit prime of RFC 3526 group 15 (MODP 15). OpenSSL ships the very same bytes, so it is
 * read from there instead of pasting 768 hex digits.
 */
export const SRP_N: bigint = bytesToBigInt(getDiffieHellman('modp15').getPrime());

/** g = 2. (RFC 5054 pairs the same prime with g = 5; Cognito does not.) */
export const SRP_G = 2n;

/**
 * k = H(padHex(N) ‖ padHex(g)) = `538282c4…9ee6`: note the `00` sign byte on N and the one-byte g,
 * not RFC 5054's padding of both to 384 bytes.
 */
export const SRP_K: bigint = BigInt(`0x${hexHash(padHex(SRP_N) + padHex(SRP_G))}`);
