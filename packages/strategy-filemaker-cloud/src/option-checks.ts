import { InvalidArgumentError } from '@fmauth/core';

/** `undefined`, or a number of milliseconds above zero (or zero itself with `allowZero`); else a TypeError. */
export function optionalMilliseconds(value: unknown, name: string, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new InvalidArgumentError(
      `"${name}" must be a ${allowZero ? 'non-negative' : 'positive'} number of milliseconds, got ${String(value)}`,
    );
  }
  return value;
}
