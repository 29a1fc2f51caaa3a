import { SessionClosedError } from '@fmauth/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../harness.js';
import { contractTest } from './contract-test.js';

/** Logging out and disposing. */
export function logoutSuite(h: ContractHarness): void {
  contractTest(h, 'close() logs out and later calls throw SessionClosedError', async () => {
    const { session } = h.session(h.validStrategy());
    await session.getRecords(h.layout, { limit: 1 });
    expect((await h.stats()).activeSessions).toBe(1);
    await session.close();
    const stats = await h.stats();
    expect(stats.activeSessions).toBe(0);
    expect(stats.logouts).toBe(1);
    await expect(session.getRecords(h.layout)).rejects.toBeInstanceOf(SessionClosedError);
  });

  contractTest(h, 'closing a session that never logged in sends no request', async () => {
    const { session } = h.session(h.validStrategy());
    await session.close();
    expect((await h.stats()).requests).toBe(0);
  });

  contractTest(h, 'await using disposes the session with a logout', async () => {
    {
      await using scoped = h.session(h.validStrategy()).session;
      await scoped.getRecords(h.layout, { limit: 1 });
    }
    const stats = await h.stats();
    expect(stats.logouts).toBe(1);
    expect(stats.activeSessions).toBe(0);
  });

  contractTest(h, 'close() succeeds when the server already expired the session', async () => {
    const { session, events } = h.session(h.validStrategy());
    await session.getRecords(h.layout, { limit: 1 });
    await h.env.control.expireSessions();
    await session.close();
    expect(events.some((e) => e.type === 'logout-failed')).toBe(false);
  });
}
