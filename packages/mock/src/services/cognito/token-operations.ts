import { COGNITO_MESSAGES, notAuthorized } from './cognito-errors.js';
import { requireMember } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { isPoolIssuer } from './tokens.js';
import { userAttributes } from './user-lookup.js';

/** An access token's user, or NotAuthorizedException (invalid, expired or revoked). */
async function userOfAccessToken(state: PoolState, accessToken: string) {
  const check = await state.signer.verify(accessToken, {
    issuer: (iss) => isPoolIssuer(state, iss),
    tokenUse: 'access',
    now: state.clock.now(),
  });
  if (!check.ok) {
    throw notAuthorized(
      check.reason === 'expired' ? COGNITO_MESSAGES.accessTokenExpired : COGNITO_MESSAGES.invalidAccessToken,
    );
  }
  if (state.refreshTokens.isRevokedOrigin(check.claims.origin_jti)) {
    throw notAuthorized(COGNITO_MESSAGES.accessTokenRevoked);
  }
  const user = state.users.all().find((candidate) => candidate.sub === check.claims.sub);
  if (!user) throw notAuthorized(COGNITO_MESSAGES.invalidAccessToken);
  return { user, username: String(check.claims.username) };
}

/** GetUser(AccessToken): the user's attributes and MFA settings. */
export async function getUser(state: PoolState, input: Readonly<Record<string, unknown>>): Promise<object> {
  const { user, username } = await userOfAccessToken(state, requireMember(input, 'AccessToken'));
  const mfa = [
    ...(user.totpSecret === undefined ? [] : ['SOFTWARE_TOKEN_MFA']),
    ...(user.smsMfaPhone === undefined ? [] : ['SMS_MFA']),
  ];
  return {
    Username: username,
    UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })),
    ...(mfa.length === 0 ? {} : { PreferredMfaSetting: mfa[0], UserMFASettingList: mfa }),
  };
}

/** GlobalSignOut(AccessToken): revokes every refresh token of the user, and their access tokens. */
export async function globalSignOut(
  state: PoolState,
  input: Readonly<Record<string, unknown>>,
): Promise<object> {
  const { user } = await userOfAccessToken(state, requireMember(input, 'AccessToken'));
  state.refreshTokens.revokeUser(user.email);
  return {};
}

/**
 * RevokeToken(Token, ClientId): revokes a refresh token issued to that client. Unknown tokens are
 * not an error (as OAuth revocation goes), so the answer reveals nothing.
 */
export function revokeToken(
  state: PoolState,
  input: Readonly<Record<string, unknown>>,
  clientId: string,
): object {
  const record = state.refreshTokens.find(requireMember(input, 'Token'));
  if (record && record.clientId === clientId) state.refreshTokens.revoke(record);
  return {};
}
