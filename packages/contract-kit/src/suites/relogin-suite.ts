import type { SessionEvent } from '@fmauth/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../harness.js';
import { contractTest } from './contract-test.js';

const FIFTEEN_MINUTES = 15 * 60_000;

/** Expired sessions: re-login and one replay, or a renewal before use. */
export function reloginSuite(h: ContractHarness): void {
  contractTest(
    h,
    'logs in again and replays the call once when the server expired the session (idle 15 min)',
    async () => {
      const { session, events } = h.session(h.validStrategy());
      await session.getRecords(h.layout, { limit: 1 });
      await h.env.control.advanceClock({ minutes: 16 });
      const again = await session.getRecords(h.layout, { limit: 1 });
      expect(again.data).toHaveLength(1);
      expect((await h.stats()).successfulLogins).toBe(2);
      expect(events.some((e) => e.type === 'session-rejected')).toBe(true);
    },
  );

  contractTest(h, 'logs in again after a server restart (952 on a call)', async () => {
    const { session } = h.session(h.validStrategy());
    await session.getRecords(h.layout, { limit: 1 });
    await h.env.control.expireSessions();
    await expect(session.getRecords(h.layout, { limit: 1 })).resolves.toMatchObject({ data: [{}] });
    expect((await h.stats()).successfulLogins).toBe(2);
  });

  contractTest(h, 'renews an idle session before use instead of failing a call first', async () => {
    let now = Date.now();
    const { session, events } = h.session(h.validStrategy(), { clock: () => now });
    await session.getRecords(h.layout, { limit: 1 });
    now += FIFTEEN_MINUTES;
    await h.env.control.advanceClock({ minutes: 15 });
    await session.getRecords(h.layout, { limit: 1 });
    expect(events.filter((e: SessionEvent) => e.type === 'session-rejected')).toHaveLength(0);
    expect(events.filter((e) => e.type === 'login').map((e) => (e as { reason: string }).reason)).toEqual([
      'initial',
      'expired',
    ]);
    expect((await h.stats()).successfulLogins).toBe(2);
  });

  contractTest(h, 'keeps the session alive across calls within the idle window', async () => {
    const { session } = h.session(h.validStrategy());
    await session.getRecords(h.layout, { limit: 1 });
    for (let i = 0; i < 3; i++) {
      await h.env.control.advanceClock({ minutes: 10 });
      await session.getRecords(h.layout, { limit: 1 });
    }
    expect((await h.stats()).successfulLogins).toBe(1);
  });
}
