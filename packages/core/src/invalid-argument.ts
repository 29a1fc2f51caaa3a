/**
 * Programmer mistakes (a missing option, a colon in an account name) are `TypeError`s with Node's own
 * codes, thrown synchronously where the options are given, so they never surface as login failures.
 */
export class InvalidArgumentError extends TypeError {
  readonly code: 'ERR_INVALID_ARG_TYPE' | 'ERR_INVALID_ARG_VALUE';
  constructor(
    message: string,
    code: 'ERR_INVALID_ARG_TYPE' | 'ERR_INVALID_ARG_VALUE' = 'ERR_INVALID_ARG_VALUE',
  ) {
    super(message);
    this.name = 'TypeError';
    this.code = code;
  }
}

/** Throws unless `value` is a string with at least one character. `name` is quoted in the message. */
export function assertNonEmptyString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(
      `"${name}" must be a string, got ${describeType(value)}`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  if (value.length === 0) throw new InvalidArgumentError(`"${name}" must be a non-empty string`);
}

/** Throws unless `value` is undefined or a finite number greater than zero. */
export function assertOptionalPositiveNumber(
  value: unknown,
  name: string,
): asserts value is number | undefined {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      `"${name}" must be a positive number of milliseconds, got ${String(value)}`,
    );
  }
}

/** Names a value's type for a message without printing the value itself (it might be a secret). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
