import { invalidParameter } from './cognito-errors.js';
import { readStringMap, requireMember } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { redeemRefreshToken } from './refresh-grant.js';
import type { AuthenticationResult } from './tokens.js';

/**
 * GetTokensFromRefreshToken(ClientId, RefreshToken, ClientSecret?, DeviceKey?, ClientMetadata?): the
 * refresh current AWS clients send (Amplify v6 refreshes only this way). Every app client serves it;
 * a client with refresh token rotation also answers a new `RefreshToken`.
 *
 * `ClientSecret` and `DeviceKey` are checked for type and otherwise ignored: the mock's client has
 * no secret and its pool no device tracking. [guess] what Cognito does with them on such a client.
 */
export async function getTokensFromRefreshToken(
  state: PoolState,
  input: Readonly<Record<string, unknown>>,
  clientId: string,
  issuer: string,
): Promise<{ AuthenticationResult: AuthenticationResult }> {
  const token = requireMember(input, 'RefreshToken');
  optionalString(input, 'ClientSecret');
  optionalString(input, 'DeviceKey');
  readStringMap(input.ClientMetadata, 'ClientMetadata');
  const rotate = state.options().refreshTokenRotation.feature === 'ENABLED';
  return { AuthenticationResult: await redeemRefreshToken(state, { token, clientId, issuer, rotate }) };
}

function optionalString(input: Readonly<Record<string, unknown>>, name: string): void {
  const value = input[name];
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw invalidParameter(`${name} must be a string`);
  }
}
