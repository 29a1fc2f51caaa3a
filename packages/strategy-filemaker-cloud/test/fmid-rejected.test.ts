import type { SessionEvent } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent } from '../src/index.js';
import { authContext, useCloudMock } from './support/cloud-mock.js';

// The strategy's clock stays put while the mock's moves past the ID token's expiry: FileMaker Cloud
// then refuses a token the strategy still believes fresh, as after clock drift or a server-side revocation.
describe('FileMaker Cloud refuses the FMID token: invalidate, refresh, one retry', () => {
  const mock = useCloudMock();

  for (const rejectedFmidResponse of ['html', 'json'] as const) {
    it(`recovers from a ${rejectedFmidResponse === 'html' ? 'text/html' : 'JSON 212'} 401 at login`, async () => {
      await mock.control.setOptions({ filemakerCloud: { rejectedFmidResponse } });
      const strategyEvents: FileMakerCloudEvent[] = [];
      const sessionEvents: SessionEvent[] = [];
      const strategy = mock.strategy({ onEvent: (e) => strategyEvents.push(e) });
      await strategy.authenticate(authContext());
      await mock.control.advanceClock({ minutes: 61 });

      const session = mock.session(strategy, { onEvent: (e) => sessionEvents.push(e) });
      const { data } = await session.getRecords('Contacts', { limit: 1 });
      expect(data).toHaveLength(1);
      expect(await mock.cloudStats()).toMatchObject({ failedLogins: 1, successfulLogins: 1 });
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
      expect(strategyEvents.map((e) => (e.type === 'signed-in' ? `signed-in:${e.method}` : e.type))).toEqual([
        'signed-in:srp',
        'invalidated',
        'signed-in:refresh',
      ]);
      expect(sessionEvents).toEqual([expect.objectContaining({ type: 'login', reason: 'initial' })]);
    });
  }

  it('recovers when a running session hits the expired token on a call', async () => {
    const strategyEvents: FileMakerCloudEvent[] = [];
    const sessionEvents: SessionEvent[] = [];
    const strategy = mock.strategy({ onEvent: (e) => strategyEvents.push(e) });
    const session = mock.session(strategy, { onEvent: (e) => sessionEvents.push(e) });
    await session.getRecords('Contacts', { limit: 1 });
    // Keep the Data API session from idling out so that only the FMID expiry ends it.
    for (let i = 0; i < 6; i++) {
      await mock.control.advanceClock({ minutes: 10 });
      if (i < 5) await session.getRecords('Contacts', { limit: 1 });
    }
    await mock.control.advanceClock({ minutes: 1 });
    await expect(session.getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({ data: [{}] });

    expect(sessionEvents.map((e) => e.type)).toEqual(['login', 'session-rejected', 'login']);
    expect(sessionEvents[1]).toMatchObject({ status: 401 });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 2, failedLogins: 1 });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
    expect(strategyEvents.filter((e) => e.type === 'invalidated')).toHaveLength(1);
  });

  it('invalidate() without a cached token is a no-op, and the next call signs in normally', async () => {
    const strategy = mock.strategy();
    strategy.invalidate();
    await strategy.authenticate(authContext());
    strategy.invalidate();
    // No refresh token problem: invalidation keeps the refresh token, so this is a refresh.
    await strategy.authenticate(authContext({ reason: 'rejected' }));
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });
});
