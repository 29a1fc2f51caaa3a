import { randomUUID } from 'node:crypto';
import type { MockResponse } from '../../core/mock-http.js';

/** The error types the simulated pool answers with (the `__type` of the body). */
export type CognitoErrorType =
  | 'NotAuthorizedException'
  | 'UserNotFoundException'
  | 'UserNotConfirmedException'
  | 'PasswordResetRequiredException'
  | 'CodeMismatchException'
  | 'InvalidPasswordException'
  | 'TooManyRequestsException'
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'UnknownOperationException';

/** Messages of the real service (protocol/cognito-srp.md §3), word for word. */
export const COGNITO_MESSAGES = {
  incorrectPassword: 'Incorrect username or password.',
  userNotFound: 'User does not exist.',
  userDisabled: 'User is disabled.',
  lockedOut: 'Password attempts exceeded',
  userNotConfirmed: 'User is not confirmed.',
  passwordResetRequired: 'Password reset required for the user',
  invalidRefreshToken: 'Invalid Refresh Token.',
  refreshTokenRevoked: 'Refresh Token has been revoked',
  refreshTokenExpired: 'Refresh Token has expired',
  invalidAccessToken: 'Invalid Access Token',
  accessTokenExpired: 'Access Token has expired',
  accessTokenRevoked: 'Access Token has been revoked',
  codeMismatch: 'Invalid code received for user',
  invalidSession: 'Invalid session for the user.',
  sessionExpired: 'Invalid session for the user, session is expired.',
  rateExceeded: 'Rate exceeded',
} as const;

/**
 * A Cognito service error. Operations throw it; the service turns it into the wire answer. Messages
 * never contain a password, code or token.
 */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  readonly type: CognitoErrorType;
  readonly status: number;

  constructor(type: CognitoErrorType, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export const notAuthorized = (message: string = COGNITO_MESSAGES.incorrectPassword) =>
  new CognitoError('NotAuthorizedException', message);

export const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

/** Content type of every Cognito answer, success or error. */
export const AMZ_JSON = 'application/x-amz-json-1.1';

/**
 * The wire form of an error: HTTP 400, `{"__type", "message"}` in the body (SDK v3 and identity-js
 * read `__type`) and the same in `x-amzn-ErrorType` / `x-amzn-ErrorMessage`.
 */
export function cognitoErrorResponse(error: CognitoError): MockResponse {
  return {
    status: error.status,
    headers: {
      'content-type': AMZ_JSON,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': `${error.type}:`,
      // Header values must be latin-1 without line breaks; our messages are plain ASCII already.
      'x-amzn-errormessage': error.message.replace(/[^\x20-\x7e]/g, ' '),
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}

export function cognitoOkResponse(body: unknown): MockResponse {
  return {
    status: 200,
    headers: { 'content-type': AMZ_JSON, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}
