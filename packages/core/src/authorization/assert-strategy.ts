import { assertNonEmptyString, InvalidArgumentError } from '../invalid-argument.js';
import type { AuthStrategy } from '../strategy.js';

/** Throws a `TypeError` naming `caller` unless `strategy` looks like an {@link AuthStrategy}. */
export function assertStrategy(strategy: unknown, caller: string): asserts strategy is AuthStrategy {
  const candidate = strategy as Partial<AuthStrategy> | undefined;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.authenticate !== 'function') {
    throw new InvalidArgumentError(
      `${caller} needs a strategy: an AuthStrategy (an object with an authenticate() method), e.g. fileMakerServer({ username, password })`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  assertNonEmptyString(candidate.id, 'strategy.id');
}
