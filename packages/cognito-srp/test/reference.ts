// Independent, deliberately naive re-implementations the tests compare against.

/** Square-and-multiply in plain BigInt. */
export function bigIntModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Java BigInteger.toByteArray() for v ≥ 0: bitLength / 8 + 1 bytes, big-endian, as hex. */
export function javaToByteArrayHex(value: bigint): string {
  const byteLength = Math.floor(value.toString(2).replace(/^0$/, '').length / 8) + 1;
  return value.toString(16).padStart(byteLength * 2, '0');
}

/** Fixed bytes for a randomBytes hook, whatever size is asked for. */
export const fixedBytes =
  (hex: string) =>
  (_size: number): Buffer =>
    Buffer.from(hex, 'hex');
