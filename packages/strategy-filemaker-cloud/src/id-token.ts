import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { Secret, UnexpectedResponseError } from '@fmauth/core';
import { decodeJwt } from 'jose';
import { STRATEGY_ID } from './hints.js';

/** The tokens of one sign-in, ready to hand out. */
export interface IssuedTokens {
  /** `FMID <ID token>`, the whole Authorization header value for FileMaker Cloud. */
  readonly authorization: Secret<string>;
  /** Present after a full sign-in; a refresh usually returns none (the old one stays valid). */
  readonly refreshToken: Secret<string> | undefined;
  /** The ID token's lifetime as Cognito issued it (`exp − iat`), in milliseconds. */
  readonly lifetimeMs: number;
  /** Strategy-clock time after which the ID token is no longer handed out. */
  readonly usableUntil: number;
}

/**
 * Reads what the strategy needs from a Cognito AuthenticationResult. The lifetime is taken from the
 * token (`exp − iat`) and counted from the moment it arrived on the strategy's clock, so a client
 * clock that is off by minutes (or a test's moved clock) cannot make a fresh token look expired;
 * amazon-cognito-identity-js corrects for clock drift the same way.
 *
 * The token is decoded, not verified: it came straight from Cognito over TLS, and FileMaker Cloud
 * verifies it.
 */
export function readIssuedTokens(
  result: AuthenticationResultType | undefined,
  receivedAt: number,
  expirySkewMs: number,
  operation: string,
): IssuedTokens {
  const idToken = result?.IdToken;
  if (typeof idToken !== 'string' || idToken.length === 0) {
    throw unexpected(`Cognito's answer to ${operation} has no IdToken.`);
  }
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(idToken);
  } catch (error) {
    throw unexpected(`Cognito's IdToken from ${operation} is not a readable JWT.`, error);
  }
  if (claims.token_use !== undefined && claims.token_use !== 'id') {
    throw unexpected(
      `Cognito's IdToken from ${operation} has token_use "${String(claims.token_use)}", not "id".`,
    );
  }
  const lifetimeMs = lifetimeOf(claims, result?.ExpiresIn);
  if (lifetimeMs === undefined) {
    throw unexpected(
      `Cognito's IdToken from ${operation} says neither when it expires (exp, iat) nor ExpiresIn.`,
    );
  }
  // Never more than a quarter of the lifetime, so short-lived tokens are still used for a while.
  const skew = Math.min(expirySkewMs, lifetimeMs / 4);
  const refreshToken = result?.RefreshToken;
  return {
    authorization: new Secret(`FMID ${idToken}`),
    refreshToken: typeof refreshToken === 'string' && refreshToken ? new Secret(refreshToken) : undefined,
    lifetimeMs,
    usableUntil: receivedAt + lifetimeMs - skew,
  };
}

function lifetimeOf(
  claims: { exp?: number; iat?: number },
  expiresIn: number | undefined,
): number | undefined {
  if (typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat) {
    return (claims.exp - claims.iat) * 1000;
  }
  if (typeof expiresIn === 'number' && expiresIn > 0) return expiresIn * 1000;
  return undefined;
}

function unexpected(message: string, cause?: unknown): UnexpectedResponseError {
  return new UnexpectedResponseError(
    `${message} Check cognito.endpoint: it must be a Cognito user-pool endpoint.`,
    {
      strategyId: STRATEGY_ID,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
