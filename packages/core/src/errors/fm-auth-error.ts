import type { FmAuthErrorCode } from './codes.js';

// A Symbol.for brand keeps `instanceof` working when a third-party strategy pulls in a second copy of core.
const ERROR_BRAND = Symbol.for('fmauth.error');

/** What an {@link FmAuthError} can carry besides its message. None of these fields ever holds a secret. */
export interface FmAuthErrorOptions {
  /** FileMaker error code exactly as on the wire, a string (`"212"`, `"952"`). */
  readonly fmCode?: string | undefined;
  /** FileMaker's own message text for `fmCode`. */
  readonly fmMessage?: string | undefined;
  /** HTTP status of the response that caused the error. */
  readonly status?: number | undefined;
  /** `METHOD /path` of the failing call; a session token in the path is shown as `[redacted]`. */
  readonly endpoint?: string | undefined;
  /** `id` of the strategy that produced the credentials. */
  readonly strategyId?: string | undefined;
  /** Advice from the strategy for this situation; also appended to the message. */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Base class of every error @fmauth throws on purpose. Branch on {@link FmAuthError.code}: it is a
 * stable string (see `FmAuthErrorCode`), while messages may be reworded in any release.
 *
 * @example
 * try { await session.request(…) } catch (error) {
 *   if (error instanceof InvalidCredentialsError) …
 *   if (error instanceof FmAuthError && error.code === 'FMAUTH_TIMEOUT') …
 * }
 */
export abstract class FmAuthError extends Error {
  abstract readonly code: FmAuthErrorCode;
  // `declare`: no class-field initialisers, so absent details are absent, not `undefined` properties.
  declare readonly fmCode?: string;
  declare readonly fmMessage?: string;
  declare readonly status?: number;
  declare readonly endpoint?: string;
  declare readonly strategyId?: string;
  declare readonly hint?: string;

  constructor(message: string, options: FmAuthErrorOptions = {}) {
    const { cause, hint } = options;
    super(hint ? `${message} Hint: ${hint}` : message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    // Only defined fields become properties, so JSON.stringify and util.inspect stay short and readable.
    for (const key of ['fmCode', 'fmMessage', 'status', 'endpoint', 'strategyId', 'hint'] as const) {
      if (options[key] !== undefined)
        Object.defineProperty(this, key, { value: options[key], enumerable: true });
    }
    Object.defineProperty(this, ERROR_BRAND, { value: true });
    Error.captureStackTrace?.(this, new.target);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (
      typeof value !== 'object' ||
      value === null ||
      (value as Record<symbol, unknown>)[ERROR_BRAND] !== true
    ) {
      return false;
    }
    // On a subclass, match by its code so copies of the class from another core install still match.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass `instanceof` was called on.
    const code = (this as unknown as { readonly code?: string }).code;
    return code === undefined || (value as { code?: unknown }).code === code;
  }
}

/** True for any error thrown by an @fmauth package, whichever copy of core created it. */
export function isFmAuthError(value: unknown): value is FmAuthError {
  return value instanceof FmAuthError;
}
