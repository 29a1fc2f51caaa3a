import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SRP_G, SRP_K, SRP_N } from '../src/index.js';

describe('group constants', () => {
  it('N is the RFC 3526 3072-bit prime', () => {
    const hex = SRP_N.toString(16);
    expect(hex).toHaveLength(768);
    expect(hex.startsWith('ffffffffffffffffc90fdaa22168c234')).toBe(true);
    expect(hex.endsWith('a93ad2caffffffffffffffff')).toBe(true);
  });

  it('g is 2', () => {
    expect(SRP_G).toBe(2n);
  });

  it('k is the published Cognito value, H(00‖N ‖ 02)', () => {
    expect(SRP_K.toString(16)).toBe('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
    const recomputed = createHash('sha256')
      .update(Buffer.from(`00${SRP_N.toString(16)}02`, 'hex'))
      .digest('hex');
    expect(SRP_K.toString(16)).toBe(recomputed);
  });
});
