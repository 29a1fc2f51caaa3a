import { COGNITO_MESSAGES, notAuthorized } from './cognito-errors.js';
import type { PoolState } from './pool-state.js';
import type { RefreshTokenRecord } from './refresh-tokens.js';
import { type AuthenticationResult, signTokens } from './tokens.js';
import { assertCanSignIn } from './user-lookup.js';

/** How a refresh was asked for: only `GetTokensFromRefreshToken` may rotate the refresh token. */
export interface RefreshRequest {
  readonly token: string;
  readonly clientId: string;
  readonly issuer: string;
  /** Issue a new refresh token and retire the submitted one (a rotating client's GetTokensFromRefreshToken). */
  readonly rotate: boolean;
}

/**
 * New ID and access tokens of the sign-in a refresh token belongs to (same `auth_time` and
 * `origin_jti`), shared by REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken. With `rotate`, the answer
 * also carries a new refresh token. Failures count in `failedRefreshes`; the messages never contain
 * the token.
 */
export async function redeemRefreshToken(
  state: PoolState,
  request: RefreshRequest,
): Promise<AuthenticationResult> {
  const record = usableRecord(state, request);
  const user = state.users.find(record.email);
  if (!user) throw failed(state, COGNITO_MESSAGES.invalidRefreshToken);
  try {
    assertCanSignIn(user);
  } catch (error) {
    state.counters.failedRefreshes++;
    throw error;
  }
  const result = await signTokens(state, {
    user,
    clientId: request.clientId,
    issuer: request.issuer,
    authTime: record.authTime,
    originJti: record.originJti,
  });
  if (request.rotate) {
    // The new token belongs to the same sign-in and ends when the first one would have: rotation
    // renews the token, not the session (reported for Cognito's rotating clients, authts/oidc-client-ts#2039).
    result.RefreshToken = state.refreshTokens.issue({
      email: record.email,
      clientId: record.clientId,
      userPoolId: record.userPoolId,
      authTime: record.authTime,
      originJti: record.originJti,
      expiresAt: record.expiresAt,
    });
    const graceSeconds = state.options().refreshTokenRotation.retryGracePeriodSeconds;
    state.refreshTokens.retire(record, state.clock.now() + graceSeconds * 1000);
    state.counters.rotatedRefreshTokens++;
  }
  state.counters.refreshes++;
  return result;
}

/** The token's record if this client may use it now, else NotAuthorizedException as Cognito words it. */
function usableRecord(state: PoolState, request: RefreshRequest): RefreshTokenRecord {
  const record = state.refreshTokens.find(request.token);
  if (!record || record.clientId !== request.clientId || record.userPoolId !== state.options().userPoolId) {
    throw failed(state, COGNITO_MESSAGES.invalidRefreshToken);
  }
  if (state.refreshTokens.isRevoked(record)) throw failed(state, COGNITO_MESSAGES.refreshTokenRevoked);
  const now = state.clock.now();
  // [guess] Cognito's text for a token rotated away past its grace period is not documented.
  if (record.retiresAt !== undefined && now >= record.retiresAt) {
    throw failed(state, COGNITO_MESSAGES.invalidRefreshToken);
  }
  if (now >= record.expiresAt) throw failed(state, COGNITO_MESSAGES.refreshTokenExpired);
  return record;
}

function failed(state: PoolState, message: string) {
  state.counters.failedRefreshes++;
  return notAuthorized(message);
}
