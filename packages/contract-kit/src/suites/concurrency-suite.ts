import { expect } from 'vitest';
import type { ContractHarness } from '../harness.js';
import { contractTest } from './contract-test.js';

const CALLERS = 50;

/** Single-flight: many callers at once share one login, cold or after expiry. */
export function concurrencySuite(h: ContractHarness): void {
  contractTest(h, `${CALLERS} concurrent callers on a cold session cause exactly one login`, async () => {
    const { session } = h.session(h.validStrategy());
    const results = await Promise.all(
      Array.from({ length: CALLERS }, () => session.getRecords(h.layout, { limit: 1 })),
    );
    expect(results.every((r) => r.data.length === 1)).toBe(true);
    const stats = await h.stats();
    expect(stats.successfulLogins).toBe(1);
    expect(stats.activeSessions).toBe(1);
  });

  contractTest(
    h,
    `${CALLERS} concurrent callers after a server-side expiry cause exactly one re-login`,
    async () => {
      const { session } = h.session(h.validStrategy());
      await session.getRecords(h.layout, { limit: 1 });
      await h.env.control.expireSessions();
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () => session.getRecords(h.layout, { limit: 1 })),
      );
      expect(results.every((r) => r.data.length === 1)).toBe(true);
      expect((await h.stats()).successfulLogins).toBe(2);
    },
  );
}
