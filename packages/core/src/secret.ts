import { inspect } from 'node:util';

const REDACTED = '[redacted]';
// Brand instead of `instanceof`: a strategy built against another copy of @fmauth/core must still be recognised.
const SECRET_BRAND = Symbol.for('fmauth.secret');

/**
 * A value that must never be printed: passwords, Authorization header values, session tokens,
 * Cognito ID and refresh tokens. `String()`, template literals, `JSON.stringify` and `util.inspect`
 * all show `[redacted]`; only {@link Secret.reveal} gives the value back, which makes every use of a
 * secret easy to find in review.
 *
 * @example
 * const authorization = new Secret(`Basic ${base64}`);
 * `${authorization}` // '[redacted]'
 * authorization.reveal() // 'Basic …'
 */
export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
    Object.defineProperty(this, SECRET_BRAND, { value: true });
  }

  /** The secret value itself. Call it only where the value goes on the wire. */
  reveal(): T {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return isSecret(value);
  }
}

/** True for a {@link Secret} from any copy of @fmauth/core. */
export function isSecret(value: unknown): value is Secret<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_BRAND] === true
  );
}

/** Wraps a value in a {@link Secret}, or returns it unchanged when it already is one. */
export function toSecret<T>(value: T | Secret<T>): Secret<T> {
  return isSecret(value) ? (value as Secret<T>) : new Secret(value as T);
}
