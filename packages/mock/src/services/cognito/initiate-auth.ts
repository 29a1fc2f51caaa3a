import { COGNITO_MESSAGES, invalidParameter, notAuthorized } from './cognito-errors.js';
import { readStringMap, requireMember, requireParameter } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { startSrpSignIn } from './srp-sign-in.js';
import { type AuthenticationResult, signTokens } from './tokens.js';
import { assertCanSignIn } from './user-lookup.js';

const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

/** InitiateAuth: USER_SRP_AUTH, or REFRESH_TOKEN_AUTH (alias REFRESH_TOKEN). Other flows are off for the client. */
export async function initiateAuth(
  state: PoolState,
  input: Readonly<Record<string, unknown>>,
  clientId: string,
  issuer: string,
): Promise<object> {
  const flow = requireMember(input, 'AuthFlow');
  const parameters = readStringMap(input.AuthParameters, 'AuthParameters');
  switch (flow) {
    case 'USER_SRP_AUTH':
      return startSrpSignIn(state, clientId, parameters);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refresh(state, clientId, parameters, issuer);
    default:
      if (!AUTH_FLOWS.includes(flow)) {
        throw invalidParameter(
          `1 validation error detected: Value '${flow.slice(0, 64)}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]`,
        );
      }
      // Like Claris's app client, the mock's client allows only SRP and refresh.
      throw invalidParameter(`${flow} flow not enabled for this client`);
  }
}

/**
 * REFRESH_TOKEN_AUTH: new ID and access tokens of the same sign-in (same auth_time and origin_jti),
 * no new refresh token (rotation is off, as in most pools).
 */
async function refresh(
  state: PoolState,
  clientId: string,
  parameters: Readonly<Record<string, string>>,
  issuer: string,
): Promise<{ ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult }> {
  const token = requireParameter(parameters, 'REFRESH_TOKEN');
  const fail = (message: string) => {
    state.counters.failedRefreshes++;
    return notAuthorized(message);
  };
  const record = state.refreshTokens.find(token);
  if (!record || record.clientId !== clientId || record.userPoolId !== state.options().userPoolId) {
    throw fail(COGNITO_MESSAGES.invalidRefreshToken);
  }
  if (record.revoked) throw fail(COGNITO_MESSAGES.refreshTokenRevoked);
  if (state.clock.now() >= record.expiresAt) throw fail(COGNITO_MESSAGES.refreshTokenExpired);
  const user = state.users.find(record.email);
  if (!user) throw fail(COGNITO_MESSAGES.invalidRefreshToken);
  try {
    assertCanSignIn(user);
  } catch (error) {
    state.counters.failedRefreshes++;
    throw error;
  }
  const result = await signTokens(state, {
    user,
    clientId,
    issuer,
    authTime: record.authTime,
    originJti: record.originJti,
  });
  state.counters.refreshes++;
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
