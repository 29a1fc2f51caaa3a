import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { SRP_G, SRP_N } from './constants.js';
import { bigIntToBytes, bytesToBigInt } from './hex.js';

// OpenSSL's constant-time modexp is reached through a DiffieHellman object over (N, g): ~10× faster
// than BigInt and not timing-dependent on the exponent. All use below is synchronous, so one shared
// object is safe: nothing can run between setPrivateKey and the computation.
let engine: DiffieHellman | undefined;
const SCRUB = Buffer.from([1]);

function dh(): DiffieHellman {
  // createDiffieHellmanGroup('modp15') would be simpler but has no setPrivateKey.
  engine ??= createDiffieHellman(bigIntToBytes(SRP_N), bigIntToBytes(SRP_G));
  return engine;
}

/** Whether OpenSSL accepts `base` (it refuses 0, 1, N − 1 and anything ≥ N − 1). @internal */
export function isUsableBase(base: bigint): boolean {
  return base >= 2n && base <= SRP_N - 2n;
}

function withExponent(exponent: bigint, run: (instance: DiffieHellman) => Buffer): bigint {
  if (exponent < 0n) throw new RangeError('exponent must be non-negative');
  const bytes = bigIntToBytes(exponent);
  const instance = dh();
  try {
    instance.setPrivateKey(bytes);
    // Outputs vary in length (computeSecret pads to 384 bytes, generateKeys does not): go through
    // bigint so every caller re-encodes with padHex.
    return bytesToBigInt(run(instance));
  } finally {
    // Exponents derive from passwords and private keys: do not leave them in module state.
    instance.setPrivateKey(SCRUB);
    bytes.fill(0);
  }
}

/** g^exponent mod N. @internal */
export function powG(exponent: bigint): bigint {
  return withExponent(exponent, (instance) => instance.generateKeys());
}

/**
 * base^exponent mod N for a base in [2, N − 2] (check with {@link isUsableBase} first).
 * @internal
 */
export function powMod(base: bigint, exponent: bigint): bigint {
  if (!isUsableBase(base)) throw new RangeError('base must be in [2, N - 2]');
  // OpenSSL rejects a zero private key in computeSecret (generateKeys copes).
  if (exponent === 0n) return 1n;
  return withExponent(exponent, (instance) => instance.computeSecret(bigIntToBytes(base)));
}
