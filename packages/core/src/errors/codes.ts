/** The server rejected the login: wrong account name or password, or a token the server does not accept. */
export const FMAUTH_INVALID_CREDENTIALS = 'FMAUTH_INVALID_CREDENTIALS';
/** The account exists but cannot log in now: inactive, password expired, locked out, reset required. */
export const FMAUTH_ACCOUNT_UNAVAILABLE = 'FMAUTH_ACCOUNT_UNAVAILABLE';
/** The account lacks a privilege the call needs (FileMaker code 9, or no `fmrest` extended privilege). */
export const FMAUTH_INSUFFICIENT_PRIVILEGES = 'FMAUTH_INSUFFICIENT_PRIVILEGES';
/** The identity provider asks for more than a password: an MFA code or a new password. */
export const FMAUTH_CHALLENGE_REQUIRED = 'FMAUTH_CHALLENGE_REQUIRED';
/** The Data API session token was still rejected (952 / 401) after one fresh login. */
export const FMAUTH_SESSION_EXPIRED = 'FMAUTH_SESSION_EXPIRED';
/** The server has no room for another session (FileMaker 956, or 812 "Exceeded host's capacity"). */
export const FMAUTH_SESSION_LIMIT = 'FMAUTH_SESSION_LIMIT';
/** The session was closed; create a new one. */
export const FMAUTH_SESSION_CLOSED = 'FMAUTH_SESSION_CLOSED';
/** FileMaker answered with an error code that is not about authentication (e.g. 401 "No records match"). */
export const FMAUTH_FILEMAKER_ERROR = 'FMAUTH_FILEMAKER_ERROR';
/** The server answered something that is not a Data API response: an HTML page, truncated JSON, no token. */
export const FMAUTH_UNEXPECTED_RESPONSE = 'FMAUTH_UNEXPECTED_RESPONSE';
/** Too many requests: the identity provider (or a proxy) throttled the login. */
export const FMAUTH_RATE_LIMITED = 'FMAUTH_RATE_LIMITED';
/** A connect, request, login or logout took longer than its timeout. */
export const FMAUTH_TIMEOUT = 'FMAUTH_TIMEOUT';
/** The server could not be reached: DNS, refused connection, reset socket. */
export const FMAUTH_NETWORK = 'FMAUTH_NETWORK';
/** The TLS handshake failed, usually an untrusted (self-signed) or expired certificate or a wrong host name. */
export const FMAUTH_TLS = 'FMAUTH_TLS';
/** The caller asked a strategy or server for something it does not support. */
export const FMAUTH_NOT_SUPPORTED = 'FMAUTH_NOT_SUPPORTED';

/**
 * Every error code @fmauth packages throw. Codes are stable across major versions; messages are not,
 * so branch on `error.code` (or `instanceof`), never on the text.
 */
export type FmAuthErrorCode =
  | typeof FMAUTH_INVALID_CREDENTIALS
  | typeof FMAUTH_ACCOUNT_UNAVAILABLE
  | typeof FMAUTH_INSUFFICIENT_PRIVILEGES
  | typeof FMAUTH_CHALLENGE_REQUIRED
  | typeof FMAUTH_SESSION_EXPIRED
  | typeof FMAUTH_SESSION_LIMIT
  | typeof FMAUTH_SESSION_CLOSED
  | typeof FMAUTH_FILEMAKER_ERROR
  | typeof FMAUTH_UNEXPECTED_RESPONSE
  | typeof FMAUTH_RATE_LIMITED
  | typeof FMAUTH_TIMEOUT
  | typeof FMAUTH_NETWORK
  | typeof FMAUTH_TLS
  | typeof FMAUTH_NOT_SUPPORTED;
