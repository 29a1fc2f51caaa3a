import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { Secret } from '@fmauth/core';
import { isRefreshFlowDisabled, isUnknownOperation } from './cognito-errors.js';
import type { CognitoTransport } from './cognito-transport.js';

/** The refresh current AWS clients send (Amplify v6): serves every app client, rotating or not. */
export const GET_TOKENS_OPERATION = 'GetTokensFromRefreshToken';
/** The older refresh: refused on an app client with refresh token rotation. */
export const REFRESH_TOKEN_AUTH_OPERATION = 'InitiateAuth (REFRESH_TOKEN_AUTH)';

export type RefreshOperation = typeof GET_TOKENS_OPERATION | typeof REFRESH_TOKEN_AUTH_OPERATION;

/** What a refresh brought, and which operation got it (to word later errors). */
export interface Refreshed {
  readonly result: AuthenticationResultType | undefined;
  readonly operation: RefreshOperation;
}

/**
 * Swaps a refresh token for a new ID token: one request, no password, no SRP. With refresh token
 * rotation on, the answer also carries a new refresh token, and the one sent dies after the app
 * client's grace period, so the caller must keep (and share) the new one.
 *
 * `GetTokensFromRefreshToken` first. An endpoint that does not know it (`UnknownOperationException`:
 * an older Cognito-compatible server or emulator) gets `REFRESH_TOKEN_AUTH` instead, and keeps getting
 * it for this refresher's life, so the unknown call is paid once. If that one later says the flow is
 * disabled (the endpoint rotates now), the refresher goes back to `GetTokensFromRefreshToken`. At most
 * two calls per refresh: when neither operation is served, the second one's error is thrown, and the
 * caller falls back to a full sign-in (see `isRefreshUnavailable`).
 */
export class TokenRefresher {
  readonly #transport: CognitoTransport;
  readonly #onSwitch: (to: RefreshOperation, reason: string) => void;
  #operation: RefreshOperation = GET_TOKENS_OPERATION;

  /** `onSwitch` hears each change of operation, with the error message that caused it. */
  constructor(transport: CognitoTransport, onSwitch: (to: RefreshOperation, reason: string) => void) {
    this.#transport = transport;
    this.#onSwitch = onSwitch;
  }

  /** The operation the next refresh tries first. */
  get operation(): RefreshOperation {
    return this.#operation;
  }

  async refresh(clientId: string, refreshToken: Secret<string>, signal: AbortSignal): Promise<Refreshed> {
    const first = this.#operation;
    try {
      return await this.#send(first, clientId, refreshToken, signal);
    } catch (error) {
      if (!isUnserved(first, error)) throw error;
      const other = first === GET_TOKENS_OPERATION ? REFRESH_TOKEN_AUTH_OPERATION : GET_TOKENS_OPERATION;
      this.#operation = other;
      this.#onSwitch(other, (error as Error).message);
      return await this.#send(other, clientId, refreshToken, signal);
    }
  }

  async #send(
    operation: RefreshOperation,
    clientId: string,
    refreshToken: Secret<string>,
    signal: AbortSignal,
  ): Promise<Refreshed> {
    if (operation === GET_TOKENS_OPERATION) {
      const answer = await this.#transport.getTokensFromRefreshToken(
        { ClientId: clientId, RefreshToken: refreshToken.reveal() },
        operation,
        signal,
      );
      return { result: answer.AuthenticationResult, operation };
    }
    const answer = await this.#transport.initiateAuth(
      {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken.reveal() },
      },
      operation,
      signal,
    );
    return { result: answer.AuthenticationResult, operation };
  }
}

/** The endpoint does not serve `operation` (as opposed to refusing the token or failing). */
function isUnserved(operation: RefreshOperation, error: unknown): boolean {
  return operation === GET_TOKENS_OPERATION ? isUnknownOperation(error) : isRefreshFlowDisabled(error);
}
