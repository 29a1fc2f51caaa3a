import { InvalidCredentialsError } from '@fmauth/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../harness.js';
import { contractTest, requiresInvalidate } from './contract-test.js';
import { observedStrategy } from './observed-strategy.js';

/**
 * `invalidate()`: after a refused login, core calls it and asks once more with reason `rejected`.
 * Runs only for strategies that have it (without it, a refusal is final and the login suite covers it).
 */
export function invalidateSuite(h: ContractHarness): void {
  contractTest(
    h,
    'when the server refuses its credentials once, invalidate() and one retry with reason "rejected" log in',
    async () => {
      const { strategy, seen } = observedStrategy(h.validStrategy(), { refuseFirst: true });
      const { session } = h.session(strategy);
      await expect(session.getRecords(h.layout, { limit: 1 })).resolves.toMatchObject({ data: [{}] });
      expect(seen.reasons).toEqual(['initial', 'rejected']);
      expect(seen.invalidatedWith).toEqual(['FMAUTH_INVALID_CREDENTIALS']);
      const stats = await h.stats();
      expect(stats.failedLogins).toBe(1);
      expect(stats.successfulLogins).toBe(1);
    },
    requiresInvalidate,
  );

  for (const [name, make] of Object.entries(h.options.rejectedStrategies)) {
    contractTest(
      h,
      `${name}: invalidate() once, one retry with reason "rejected", then InvalidCredentialsError`,
      async (test) => {
        const inner = make(h.env);
        if (typeof inner.invalidate !== 'function') test.skip('this rejected strategy has no invalidate()');
        const { strategy, seen } = observedStrategy(inner);
        const { session } = h.session(strategy);
        const error = await session.login().then(
          () => expect.fail('the login should have been rejected'),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidCredentialsError);
        expect(seen.reasons).toEqual(['initial', 'rejected']);
        expect(seen.invalidatedWith).toEqual(['FMAUTH_INVALID_CREDENTIALS']);
        expect((await h.stats()).successfulLogins).toBe(0);
      },
      requiresInvalidate,
    );
  }
}
