import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWireHex } from '../src/hex.js';
import { hexToBigInt, padHex, SRP_MAX_HEX_LENGTH, SRP_N, SrpProtocolError } from '../src/index.js';
import { javaToByteArrayHex } from './reference.js';

describe('padHex', () => {
  it.each([
    [0n, '00'],
    [1n, '01'],
    [0x7fn, '7f'],
    [0x80n, '0080'],
    [0xffn, '00ff'],
    [0x100n, '0100'],
    [0xabcn, '0abc'],
    [0x8abcn, '008abc'],
    [0x7fffn, '7fff'],
    [0x123456n, '123456'],
    [0xf23456n, '00f23456'],
  ])('%s → %s', (value, expected) => {
    expect(padHex(value)).toBe(expected);
  });

  it('adds the sign byte to N', () => {
    const hex = padHex(SRP_N);
    expect(hex).toHaveLength(770);
    expect(hex.startsWith('00ffffffffffffffffc90fdaa22168c234')).toBe(true);
  });

  it('matches Java toByteArray for 0..4096 and random big values', () => {
    for (let v = 0n; v <= 4096n; v++) expect(padHex(v)).toBe(javaToByteArrayHex(v));
    for (let i = 0; i < 200; i++) {
      const v = BigInt(`0x${randomBytes(1 + (i % 390)).toString('hex')}`);
      expect(padHex(v)).toBe(javaToByteArrayHex(v));
    }
  });

  it('refuses negative values', () => {
    expect(() => padHex(-1n)).toThrow(RangeError);
  });
});

describe('hexToBigInt', () => {
  it('parses either case and leading zeros', () => {
    expect(hexToBigInt('00ff')).toBe(255n);
    expect(hexToBigInt('ABcd')).toBe(0xabcdn);
    expect(hexToBigInt('0')).toBe(0n);
  });

  it.each(['', 'xyz', '0x12', '12 34', '-1', 'ff\n'])('rejects %j with SRP_INVALID_HEX', (bad) => {
    expect(() => hexToBigInt(bad)).toThrow(expect.objectContaining({ code: 'SRP_INVALID_HEX' }));
  });
});

describe('parseWireHex', () => {
  it('accepts up to SRP_MAX_HEX_LENGTH digits and no more', () => {
    expect(parseWireHex('SRP_A', '1'.repeat(SRP_MAX_HEX_LENGTH))).toBeTypeOf('bigint');
    expect(() => parseWireHex('SRP_A', '1'.repeat(SRP_MAX_HEX_LENGTH + 1))).toThrow(SrpProtocolError);
  });

  it('names the field, not the value', () => {
    expect(() => parseWireHex('SALT', 'secret-looking')).toThrow(/^SALT is not hexadecimal$/);
    expect(() => parseWireHex('SALT', 42)).toThrow(expect.objectContaining({ code: 'SRP_INVALID_HEX' }));
  });
});
