import { untilAborted } from './abortable.js';
import type { AuthenticateContext, AuthStrategy, LoginCredentials } from './strategy.js';

/**
 * Asks a strategy for credentials within the login time budget: `ctx.signal` aborts when `timeoutMs`
 * has passed, and a strategy that ignores it still cannot hang the caller (its promise is raced).
 */
export function strategyCredentials(
  strategy: AuthStrategy,
  ctx: Omit<AuthenticateContext, 'signal'>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<LoginCredentials> {
  return untilAborted(strategy.authenticate({ ...ctx, signal }), signal, {
    phase: 'login',
    timeoutMs,
    what: `The "${strategy.id}" strategy's sign-in`,
  });
}
