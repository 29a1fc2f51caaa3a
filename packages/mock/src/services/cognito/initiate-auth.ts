import { invalidParameter } from './cognito-errors.js';
import { readStringMap, requireMember, requireParameter } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { redeemRefreshToken } from './refresh-grant.js';
import { startSrpSignIn } from './srp-sign-in.js';
import type { AuthenticationResult } from './tokens.js';

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
      return refresh(state, clientId, flow, parameters, issuer);
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
 * never a new refresh token. A client with refresh token rotation has this flow disabled (AWS:
 * rotation "isn't compatible with" it), so it gets the answer of any disabled flow.
 */
async function refresh(
  state: PoolState,
  clientId: string,
  flow: string,
  parameters: Readonly<Record<string, string>>,
  issuer: string,
): Promise<{ ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult }> {
  if (state.options().refreshTokenRotation.feature === 'ENABLED') {
    state.counters.failedRefreshes++;
    throw invalidParameter(`${flow} flow not enabled for this client`);
  }
  const token = requireParameter(parameters, 'REFRESH_TOKEN');
  const result = await redeemRefreshToken(state, { token, clientId, issuer, rotate: false });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
