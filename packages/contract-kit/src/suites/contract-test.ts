import { it, type TestContext } from 'vitest';
import type { ContractHarness, DeclaredCapabilities } from '../harness.js';

/** Why a test does not apply to what the strategy declares, or `undefined` when it does. */
export type StrategyRequirement = (declared: DeclaredCapabilities) => string | undefined;

export const requiresInvalidate: StrategyRequirement = (declared) =>
  declared.invalidate ? undefined : 'the strategy has no invalidate()';

export const requiresIdentity: StrategyRequirement = (declared) =>
  declared.identity === undefined ? 'the strategy declares no identity' : undefined;

/**
 * `it`, honouring the suite's `skip` map (a test named there is skipped with its reason in the name),
 * and skipped at run time when the strategy does not declare this server's flavor or a capability
 * the test needs.
 */
export function contractTest(
  h: ContractHarness,
  name: string,
  body: (test: TestContext) => Promise<void>,
  requires?: StrategyRequirement,
  timeoutMs?: number,
): void {
  const reason = h.options.skip?.[name];
  if (reason !== undefined) {
    it.skip(`${name} (skipped: ${reason})`, body, timeoutMs);
    return;
  }
  it(
    name,
    async (ctx) => {
      const notApplicable = h.notForThisServer ?? requires?.(h.declared);
      if (notApplicable !== undefined) ctx.skip(notApplicable);
      await body(ctx);
    },
    timeoutMs,
  );
}
