import { InvalidCredentialsError } from '@fmauth/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../harness.js';
import { contractTest } from './contract-test.js';

/** Logging in, reusing the token, and rejected credentials. */
export function loginSuite(h: ContractHarness): void {
  contractTest(h, 'logs in on the first call and reads records with the session token', async () => {
    const { session } = h.session(h.validStrategy());
    const result = await session.getRecords(h.layout, { limit: 2 });
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data[0]?.recordId).toMatch(/^\d+$/);
    expect(session.isLoggedIn).toBe(true);
    const stats = await h.stats();
    expect(stats.successfulLogins).toBe(1);
    expect(stats.failedLogins).toBe(0);
  });

  contractTest(h, 'reuses one session token for many sequential calls', async () => {
    const { session } = h.session(h.validStrategy());
    for (let i = 0; i < 5; i++) await session.getRecords(h.layout, { limit: 1 });
    expect((await h.stats()).successfulLogins).toBe(1);
  });

  contractTest(h, 'creates nothing on the server until the first call', async () => {
    h.session(h.validStrategy());
    expect((await h.stats()).requests).toBe(0);
  });

  for (const [name, make] of Object.entries(h.options.rejectedStrategies)) {
    contractTest(h, `rejects ${name} with InvalidCredentialsError (HTTP 401)`, async () => {
      const strategy = make(h.env);
      const { session } = h.session(strategy);
      const error = await session.getRecords(h.layout).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      const typed = error as InvalidCredentialsError;
      expect(typed.code).toBe('FMAUTH_INVALID_CREDENTIALS');
      expect(typed.status).toBe(401);
      expect(typed.strategyId).toBe(strategy.id);
      expect(typed.message.length).toBeGreaterThan(20);
      const stats = await h.stats();
      expect(stats.successfulLogins).toBe(0);
      expect(stats.failedLogins).toBeGreaterThanOrEqual(1);
    });
  }
}
