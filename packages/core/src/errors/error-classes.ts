import {
  FMAUTH_ACCOUNT_UNAVAILABLE,
  FMAUTH_CHALLENGE_REQUIRED,
  FMAUTH_FILEMAKER_ERROR,
  FMAUTH_INSUFFICIENT_PRIVILEGES,
  FMAUTH_INVALID_CREDENTIALS,
  FMAUTH_NETWORK,
  FMAUTH_NOT_SUPPORTED,
  FMAUTH_RATE_LIMITED,
  FMAUTH_SESSION_CLOSED,
  FMAUTH_SESSION_EXPIRED,
  FMAUTH_SESSION_LIMIT,
  FMAUTH_TIMEOUT,
  FMAUTH_TLS,
  FMAUTH_UNEXPECTED_RESPONSE,
} from './codes.js';
import { FmAuthError, type FmAuthErrorOptions } from './fm-auth-error.js';

/** Login rejected: HTTP 401 with FileMaker 212, an HTML 401 (FileMaker Cloud), or Cognito `NotAuthorizedException`. */
export class InvalidCredentialsError extends FmAuthError {
  static readonly code = FMAUTH_INVALID_CREDENTIALS;
  readonly code = FMAUTH_INVALID_CREDENTIALS;
}

/** Why an account cannot log in right now. Open-ended so strategies can add their own reasons. */
export type AccountUnavailableReason =
  | 'inactive'
  | 'password-expired'
  | 'locked-out'
  | 'password-reset-required'
  | 'not-confirmed'
  | 'disabled'
  | (string & {});

/** The account exists but may not log in: inactive (210), password expired (211), locked out (214), … */
export class AccountUnavailableError extends FmAuthError {
  static readonly code = FMAUTH_ACCOUNT_UNAVAILABLE;
  readonly code = FMAUTH_ACCOUNT_UNAVAILABLE;
  readonly reason: AccountUnavailableReason;
  constructor(message: string, options: FmAuthErrorOptions & { readonly reason: AccountUnavailableReason }) {
    super(message, options);
    this.reason = options.reason;
  }
}

/** The account's privilege set does not allow this (FileMaker 9, or the `fmrest` extended privilege is missing). */
export class InsufficientPrivilegesError extends FmAuthError {
  static readonly code = FMAUTH_INSUFFICIENT_PRIVILEGES;
  readonly code = FMAUTH_INSUFFICIENT_PRIVILEGES;
}

/** The identity provider wants more than a password, e.g. `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `NEW_PASSWORD_REQUIRED`. */
export class ChallengeRequiredError extends FmAuthError {
  static readonly code = FMAUTH_CHALLENGE_REQUIRED;
  readonly code = FMAUTH_CHALLENGE_REQUIRED;
  readonly challengeName: string;
  constructor(message: string, options: FmAuthErrorOptions & { readonly challengeName: string }) {
    super(message, options);
    this.challengeName = options.challengeName;
  }
}

/** The session token was rejected again right after a fresh login; something is wrong with the server or account. */
export class SessionExpiredError extends FmAuthError {
  static readonly code = FMAUTH_SESSION_EXPIRED;
  readonly code = FMAUTH_SESSION_EXPIRED;
}

/** No room for another session on the server (956 "Maximum number of database sessions exceeded", 812). */
export class SessionLimitError extends FmAuthError {
  static readonly code = FMAUTH_SESSION_LIMIT;
  readonly code = FMAUTH_SESSION_LIMIT;
}

/** The session was closed with `close()`; open a new one. */
export class SessionClosedError extends FmAuthError {
  static readonly code = FMAUTH_SESSION_CLOSED;
  readonly code = FMAUTH_SESSION_CLOSED;
}

/** A FileMaker error that is not about authentication, e.g. 105 "Layout is missing" or 401 "No records match". */
export class FileMakerError extends FmAuthError {
  static readonly code = FMAUTH_FILEMAKER_ERROR;
  readonly code = FMAUTH_FILEMAKER_ERROR;
}

/**
 * The answer was not a Data API response: a web server's HTML error page (502 when the Data API is
 * disabled or its engine is down), truncated or non-JSON text, or a login without a token.
 * The first bytes of the body are kept in the non-enumerable `bodyPreview` for debugging.
 */
export class UnexpectedResponseError extends FmAuthError {
  static readonly code = FMAUTH_UNEXPECTED_RESPONSE;
  readonly code = FMAUTH_UNEXPECTED_RESPONSE;
  declare readonly contentType?: string;
  declare readonly bodyPreview?: string;
  constructor(
    message: string,
    options: FmAuthErrorOptions & { readonly contentType?: string; readonly bodyPreview?: string },
  ) {
    super(message, options);
    if (options.contentType !== undefined) {
      Object.defineProperty(this, 'contentType', { value: options.contentType, enumerable: true });
    }
    // Non-enumerable: readable on purpose, invisible to JSON.stringify and loggers.
    Object.defineProperty(this, 'bodyPreview', { value: options.bodyPreview, enumerable: false });
  }
}

/** Throttled by the identity provider or a proxy (Cognito `TooManyRequestsException`, HTTP 429). */
export class RateLimitedError extends FmAuthError {
  static readonly code = FMAUTH_RATE_LIMITED;
  readonly code = FMAUTH_RATE_LIMITED;
}

/** Which step ran out of time. */
export type TimeoutPhase = 'connect' | 'login' | 'request' | 'logout' | 'upstream' | 'store';

/** A network step took longer than its timeout (`timeouts` option of the session or strategy). */
export class TimeoutError extends FmAuthError {
  static readonly code = FMAUTH_TIMEOUT;
  readonly code = FMAUTH_TIMEOUT;
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;
  constructor(
    message: string,
    options: FmAuthErrorOptions & { readonly phase: TimeoutPhase; readonly timeoutMs: number },
  ) {
    super(message, options);
    this.phase = options.phase;
    this.timeoutMs = options.timeoutMs;
  }
}

/** The server could not be reached (DNS failure, connection refused or reset). `cause` holds the socket error. */
export class NetworkError extends FmAuthError {
  static readonly code = FMAUTH_NETWORK;
  readonly code = FMAUTH_NETWORK;
}

/** The TLS handshake failed: self-signed or unknown CA, expired certificate, or a host name mismatch. */
export class TlsError extends FmAuthError {
  static readonly code = FMAUTH_TLS;
  readonly code = FMAUTH_TLS;
}

/** The caller asked for something this strategy or server flavor does not do. */
export class UnsupportedError extends FmAuthError {
  static readonly code = FMAUTH_NOT_SUPPORTED;
  readonly code = FMAUTH_NOT_SUPPORTED;
}

/** Every concrete @fmauth error; `switch (error.code)` narrows to the right class. */
export type AnyFmAuthError =
  | InvalidCredentialsError
  | AccountUnavailableError
  | InsufficientPrivilegesError
  | ChallengeRequiredError
  | SessionExpiredError
  | SessionLimitError
  | SessionClosedError
  | FileMakerError
  | UnexpectedResponseError
  | RateLimitedError
  | TimeoutError
  | NetworkError
  | TlsError
  | UnsupportedError;
