import type { SessionEvent } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent } from '../src/index.js';
import { authContext, DEV, TestClock, useCloudMock } from './support/cloud-mock.js';

describe('ID token lifecycle: refresh before expiry, full sign-in only when the refresh token is refused', () => {
  const mock = useCloudMock();

  it('renews the ID token with REFRESH_TOKEN_AUTH before it expires, without a failed call', async () => {
    const clock = new TestClock();
    const events: SessionEvent[] = [];
    const strategy = mock.strategy({ clock: clock.now });
    const session = mock.session(strategy, { clock: clock.now, onEvent: (event) => events.push(event) });
    await session.getRecords('Contacts', { limit: 1 });
    // A call every 10 minutes keeps the Data API session alive; at 60 minutes the ID token is gone.
    for (let minute = 10; minute <= 60; minute += 10) {
      await mock.advance(clock, 10);
      await session.getRecords('Contacts', { limit: 1 });
    }
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1, failedRefreshes: 0 });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 2, failedLogins: 0 });
    // Core logged in again on its own (validUntil), so FileMaker Cloud never had to refuse a call.
    expect(events.filter((event) => event.type === 'session-rejected')).toEqual([]);
    expect(events.filter((event) => event.type === 'login').map((event) => event.reason)).toEqual([
      'initial',
      'expired',
    ]);
  });

  it('hands out the cached token until expiry less the skew, then refreshes once', async () => {
    const clock = new TestClock();
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({
      clock: clock.now,
      expirySkewMs: 2 * 60_000,
      onEvent: (e) => events.push(e),
    });
    const first = await strategy.authenticate(authContext());
    await mock.advance(clock, 57);
    const same = await strategy.authenticate(authContext());
    expect(same.authorization).toBe(first.authorization);
    await mock.advance(clock, 1.5);
    const renewed = await strategy.authenticate(authContext());
    expect(renewed.authorization?.reveal()).not.toBe(first.authorization?.reveal());
    expect(renewed.validUntil).toBe(clock.now() + 58 * 60_000);
    expect(events.map((e) => (e.type === 'signed-in' ? e.method : e.type))).toEqual(['srp', 'refresh']);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('signs in with SRP again when Cognito says the refresh token was revoked', async () => {
    const clock = new TestClock();
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({ clock: clock.now, onEvent: (e) => events.push(e) });
    await strategy.authenticate(authContext());
    await mock.control.call('POST', '/cognito/revoke-refresh-tokens', { email: DEV.clarisId });
    await mock.advance(clock, 56);
    await expect(strategy.authenticate(authContext())).resolves.toHaveProperty('authorization');
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 0, failedRefreshes: 1 });
    expect(events).toContainEqual({ type: 'refresh-rejected', reason: expect.stringContaining('revoked') });
    // The new sign-in brought a new refresh token: the next renewal is a refresh again.
    await mock.advance(clock, 56);
    await strategy.authenticate(authContext());
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 1 });
  });

  it('signs in with SRP again when the refresh token has expired', async () => {
    // 0.03 days = 43 minutes: the refresh token dies before the ID token needs renewing.
    await mock.control.setOptions({ cognito: { refreshTokenDays: 0.03 } });
    const clock = new TestClock();
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({ clock: clock.now, onEvent: (e) => events.push(e) });
    const session = mock.session(strategy, { clock: clock.now });
    await session.getRecords('Contacts', { limit: 1 });
    await mock.advance(clock, 56);
    await session.getRecords('Contacts', { limit: 1 });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 0, failedRefreshes: 1 });
    expect(events).toContainEqual({ type: 'refresh-rejected', reason: expect.stringContaining('expired') });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 2, failedLogins: 0 });
  });

  it('uses short-lived tokens for three quarters of their life even with a larger skew', async () => {
    await mock.control.setOptions({ cognito: { idTokenMinutes: 8 } });
    const clock = new TestClock();
    const strategy = mock.strategy({ clock: clock.now });
    const credentials = await strategy.authenticate(authContext());
    // Skew capped at a quarter of 8 minutes.
    expect(credentials.validUntil).toBe(clock.now() + 6 * 60_000);
  });
});
