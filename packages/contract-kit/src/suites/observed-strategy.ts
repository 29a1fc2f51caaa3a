import { type AuthStrategy, type LoginCredentials, Secret } from '@fmauth/core';

/** What a wrapped strategy was asked to do. */
export interface StrategyObservations {
  readonly reasons: string[];
  readonly invalidatedWith: string[];
}

/**
 * A strategy that forwards to `inner` and records the reasons core asked for credentials and every
 * `invalidate()`. With `refuseFirst`, the first credentials are replaced by ones no server accepts
 * (after `inner` made its real ones), as when a server refuses a cached upstream token.
 */
export function observedStrategy(
  inner: AuthStrategy,
  { refuseFirst = false } = {},
): { strategy: AuthStrategy; seen: StrategyObservations } {
  const seen: StrategyObservations = { reasons: [], invalidatedWith: [] };
  const strategy: AuthStrategy = {
    id: inner.id,
    flavors: inner.flavors,
    ...(inner.hints ? { hints: inner.hints } : {}),
    async authenticate(ctx) {
      seen.reasons.push(ctx.reason);
      const credentials = await inner.authenticate(ctx);
      return refuseFirst && seen.reasons.length === 1 ? refused(credentials) : credentials;
    },
    ...(inner.invalidate
      ? {
          async invalidate(ctx) {
            seen.invalidatedWith.push(ctx.error.code);
            await inner.invalidate?.(ctx);
          },
        }
      : {}),
  };
  return { strategy, seen };
}

/** The same kind of Authorization header (`Basic`, `FMID`, …) with a value no account has. */
function refused(credentials: LoginCredentials): LoginCredentials {
  const scheme = credentials.authorization?.reveal().split(' ')[0] ?? 'Basic';
  const value =
    scheme === 'Basic'
      ? Buffer.from('fmauth-contract-kit:not-a-password').toString('base64')
      : 'fmauth-contract-kit-not-a-token';
  return { ...credentials, authorization: new Secret(`${scheme} ${value}`) };
}
