import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { Secret } from '@fmauth/core';
import type { CognitoTransport } from './cognito-transport.js';

export const REFRESH_OPERATION = 'InitiateAuth (REFRESH_TOKEN_AUTH)';

/**
 * Swaps the refresh token for a new ID token (REFRESH_TOKEN_AUTH): one request, no password, no SRP.
 * Cognito returns no new refresh token unless rotation is on; the caller keeps the old one then.
 */
export async function refreshIdToken(
  transport: CognitoTransport,
  clientId: string,
  refreshToken: Secret<string>,
  signal: AbortSignal,
): Promise<AuthenticationResultType | undefined> {
  const answer = await transport.initiateAuth(
    {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken.reveal() },
    },
    REFRESH_OPERATION,
    signal,
  );
  return answer.AuthenticationResult;
}
