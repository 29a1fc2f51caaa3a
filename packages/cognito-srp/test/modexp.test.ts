import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SRP_N } from '../src/index.js';
import { isUsableBase, powG, powMod } from '../src/modexp.js';
import { bigIntModPow } from './reference.js';

const randomBig = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

describe('OpenSSL modexp', () => {
  it('g^e agrees with BigInt, including tiny, huge and > N exponents', () => {
    for (const e of [1n, 2n, 255n, 256n, randomBig(32), randomBig(128), SRP_N + 5n]) {
      expect(powG(e)).toBe(bigIntModPow(2n, e, SRP_N));
    }
    expect(powG(0n)).toBe(1n);
  });

  it('base^e agrees with BigInt, and calls do not leak state into each other', () => {
    for (let i = 0; i < 4; i++) {
      const base = (randomBig(384) % (SRP_N - 3n)) + 2n;
      const e = randomBig(32 + i * 32);
      expect(powMod(base, e)).toBe(bigIntModPow(base, e, SRP_N));
      expect(powG(e)).toBe(bigIntModPow(2n, e, SRP_N));
    }
    expect(powMod(2n, 0n)).toBe(1n);
    expect(powMod(SRP_N - 2n, 3n)).toBe(bigIntModPow(SRP_N - 2n, 3n, SRP_N));
  });

  it('refuses the bases OpenSSL refuses (0, 1, N − 1, N) before calling it', () => {
    for (const base of [0n, 1n, SRP_N - 1n, SRP_N, -5n]) {
      expect(isUsableBase(base)).toBe(false);
      expect(() => powMod(base, 5n)).toThrow(RangeError);
    }
    expect(isUsableBase(2n)).toBe(true);
    expect(isUsableBase(SRP_N - 2n)).toBe(true);
  });
});
