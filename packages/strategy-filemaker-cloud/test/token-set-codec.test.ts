import { Secret } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { tokenSetCodec } from '../src/token-set-codec.js';

const tokens = {
  authorization: new Secret('FMID eyJh.eyJi.c2ln'),
  refreshToken: new Secret('eyJj.a2V5.aXY.Y3Q.dGFn'),
  usableUntil: 1_900_000_000_000,
  lifetimeMs: 3_600_000,
  refreshTokenUntil: 1_902_000_000_000,
};
const json = tokenSetCodec.toJSON(tokens) as Record<string, unknown>;

describe('the stored form of the Claris ID tokens', () => {
  it('round-trips through JSON, with the secrets back in Secret wrappers', () => {
    expect(json).toEqual({
      authorization: 'FMID eyJh.eyJi.c2ln',
      refreshToken: 'eyJj.a2V5.aXY.Y3Q.dGFn',
      usableUntil: 1_900_000_000_000,
      lifetimeMs: 3_600_000,
      refreshTokenUntil: 1_902_000_000_000,
    });
    const back = tokenSetCodec.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back?.authorization).toBeInstanceOf(Secret);
    expect(back?.authorization.reveal()).toBe('FMID eyJh.eyJi.c2ln');
    expect(back?.refreshToken?.reveal()).toBe('eyJj.a2V5.aXY.Y3Q.dGFn');
    expect(back).toMatchObject({ usableUntil: 1_900_000_000_000, lifetimeMs: 3_600_000 });
  });

  it('keeps an entry without a refresh token as null', () => {
    const without = tokenSetCodec.toJSON({ ...tokens, refreshToken: undefined });
    expect(without).toMatchObject({ refreshToken: null });
    expect(tokenSetCodec.fromJSON(without)?.refreshToken).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['an array', [json]],
    ['a string', 'FMID eyJh.eyJi.c2ln'],
    ['a missing field', { ...json, lifetimeMs: undefined }],
    ['an extra field', { ...json, password: 'x' }],
    ['a Bearer header', { ...json, authorization: 'Bearer eyJh.eyJi.c2ln' }],
    ['an ID token that is no JWT', { ...json, authorization: 'FMID not-a-jwt' }],
    ['a header with a line break', { ...json, authorization: 'FMID eyJh.eyJi.c2ln\r\nX: 1' }],
    ['a refresh token with spaces', { ...json, refreshToken: 'a b' }],
    ['an empty refresh token', { ...json, refreshToken: '' }],
    ['a huge token', { ...json, refreshToken: 'a'.repeat(20_000) }],
    ['a usableUntil string', { ...json, usableUntil: '1900000000000' }],
    ['a negative time', { ...json, refreshTokenUntil: -1 }],
    ['a zero lifetime', { ...json, lifetimeMs: 0 }],
    ['a lifetime longer than Cognito allows', { ...json, lifetimeMs: 2 * 86_400_000 }],
    ['NaN', { ...json, usableUntil: Number.NaN }],
  ])('reads %s as foreign (undefined)', (_what, value) => {
    expect(tokenSetCodec.fromJSON(value)).toBeUndefined();
  });
});
