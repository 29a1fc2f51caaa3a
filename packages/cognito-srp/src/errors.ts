/**
 * What went wrong with a protocol value received from the other side. A server maps these to a
 * Cognito error (for example NotAuthorizedException); a client reports that the server misbehaved.
 */
export type SrpErrorCode =
  /** SRP_A, SRP_B or SALT is not 1 to {@link SRP_MAX_HEX_LENGTH} hexadecimal digits. */
  | 'SRP_INVALID_HEX'
  /** A mod N is 0: a client that sends it could sign in without the password. */
  | 'SRP_INVALID_A'
  /** B mod N is 0 (the mirror attack on the client). */
  | 'SRP_INVALID_B'
  /** u = H(A ‖ B) is 0, which would remove the password from the shared secret. */
  | 'SRP_INVALID_U'
  /** The base of the final exponentiation is 0, 1 or N − 1, so the shared secret would be guessable. */
  | 'SRP_DEGENERATE_SECRET';

/**
 * A protocol value from the wire is unusable. Messages name the field, never its value, and never
 * a password or private exponent.
 */
export class SrpProtocolError extends Error {
  override readonly name = 'SrpProtocolError';
  /** Stable, machine-readable reason. */
  readonly code: SrpErrorCode;

  constructor(code: SrpErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A TypeError shaped like Node's own argument errors, so callers can branch on `code`. */
export type ArgumentError = TypeError & { code: 'ERR_INVALID_ARG_VALUE' | 'ERR_INVALID_ARG_TYPE' };

/** @internal */
export function invalidArgValue(message: string): ArgumentError {
  return Object.assign(new TypeError(message), { code: 'ERR_INVALID_ARG_VALUE' as const });
}

/**
 * Throws unless `value` is a string. The message names the argument only: it may be a password.
 * @internal
 */
export function requireString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw Object.assign(new TypeError(`${name} must be a string`), { code: 'ERR_INVALID_ARG_TYPE' as const });
  }
}
