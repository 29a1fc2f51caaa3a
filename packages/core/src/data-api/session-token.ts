import { Secret } from '../secret.js';
import type { TokenCodec } from '../token-store/shared-token-cache.js';

/** A Data API session token with what we know about its lifetime. */
export interface SessionToken {
  /** `Bearer <token>`, kept ready so the hot path does no string work. */
  readonly bearer: Secret<string>;
  readonly token: Secret<string>;
  /** From the strategy: the session ends when the credentials that opened it expire (FileMaker Cloud). */
  readonly validUntil: number;
}

export function sessionToken(token: string, validUntil: number): SessionToken {
  return { token: new Secret(token), bearer: new Secret(`Bearer ${token}`), validUntil };
}

// Data API tokens are short opaque strings; anything else in a store is not one of ours.
const TOKEN_SHAPE = /^[\x21-\x7e]{1,4096}$/;

/** How a session token is kept in a token store: `{ "token": "…", "validUntil": epoch ms | null }`. */
export const sessionTokenCodec: TokenCodec<SessionToken> = {
  toJSON: (token) => ({
    token: token.token.reveal(),
    validUntil: Number.isFinite(token.validUntil) ? token.validUntil : null,
  }),
  fromJSON(json) {
    if (typeof json !== 'object' || json === null) return undefined;
    const { token, validUntil } = json as { token?: unknown; validUntil?: unknown };
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return undefined;
    if (validUntil !== null && (typeof validUntil !== 'number' || !Number.isFinite(validUntil))) {
      return undefined;
    }
    return sessionToken(token, validUntil ?? Number.POSITIVE_INFINITY);
  },
};
