import { Secret, type TokenCodec } from '@fmauth/core';
import type { ClarisIdTokenSet } from './token-set.js';

// Cognito tokens are JWTs (ID) and JWEs (refresh) of a few KB; anything else in the store is foreign.
const AUTHORIZATION = /^FMID [\w-]+\.[\w-]+\.[\w-]*$/;
const REFRESH_TOKEN = /^[\w.-]+$/;
const MAX_TOKEN_LENGTH = 16 * 1024;
/** Cognito issues ID tokens valid for 5 minutes to 1 day. */
const MAX_ID_TOKEN_LIFETIME_MS = 24 * 60 * 60_000;
const FIELDS = ['authorization', 'refreshToken', 'usableUntil', 'lifetimeMs', 'refreshTokenUntil'];

/**
 * How a {@link ClarisIdTokenSet} is kept in a token store:
 * `{ authorization: "FMID …", refreshToken: "…" | null, usableUntil, lifetimeMs, refreshTokenUntil }`
 * (times in epoch ms). Everything the hot path needs is in it, so a process that finds a fresh entry
 * decodes no JWT (and loads no jose). `fromJSON` accepts exactly this shape; anything else is
 * `undefined`, which core reports as a discarded value.
 */
export const tokenSetCodec: TokenCodec<ClarisIdTokenSet> = {
  toJSON: (tokens) => ({
    authorization: tokens.authorization.reveal(),
    refreshToken: tokens.refreshToken?.reveal() ?? null,
    usableUntil: tokens.usableUntil,
    lifetimeMs: tokens.lifetimeMs,
    refreshTokenUntil: tokens.refreshTokenUntil,
  }),
  fromJSON(json) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    const keys = Object.keys(json);
    if (keys.length !== FIELDS.length || !FIELDS.every((field) => keys.includes(field))) return undefined;
    const { authorization, refreshToken, usableUntil, lifetimeMs, refreshTokenUntil } = json as Record<
      string,
      unknown
    >;
    if (!isToken(authorization, AUTHORIZATION)) return undefined;
    if (refreshToken !== null && !isToken(refreshToken, REFRESH_TOKEN)) return undefined;
    if (!isTime(usableUntil) || !isTime(refreshTokenUntil)) return undefined;
    if (
      typeof lifetimeMs !== 'number' ||
      !Number.isFinite(lifetimeMs) ||
      lifetimeMs <= 0 ||
      lifetimeMs > MAX_ID_TOKEN_LIFETIME_MS
    ) {
      return undefined;
    }
    return {
      authorization: new Secret(authorization),
      refreshToken: refreshToken === null ? undefined : new Secret(refreshToken),
      usableUntil,
      lifetimeMs,
      refreshTokenUntil,
    };
  },
};

function isToken(value: unknown, shape: RegExp): value is string {
  return typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH && shape.test(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
