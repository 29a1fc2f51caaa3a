import { InvalidCredentialsError } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { authContext, TestClock, useCloudMock } from './support/cloud-mock.js';

const CALLERS = 25;

describe('single-flight: concurrent callers share one Cognito sign-in or refresh', () => {
  const mock = useCloudMock();

  it(`${CALLERS} concurrent authenticate() calls cause one SRP sign-in`, async () => {
    const strategy = mock.strategy();
    const all = await Promise.all(
      Array.from({ length: CALLERS }, () => strategy.authenticate(authContext())),
    );
    expect(new Set(all.map((c) => c.authorization?.reveal())).size).toBe(1);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, requests: 2 });
  });

  it('concurrent sessions sharing one strategy share its sign-in', async () => {
    const strategy = mock.strategy();
    const sessions = Array.from({ length: 5 }, () => mock.session(strategy));
    const results = await Promise.all(
      sessions.flatMap((session) => [1, 2, 3].map(() => session.getRecords('Contacts', { limit: 1 }))),
    );
    expect(results).toHaveLength(15);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
    // Each session opens its own Data API session, all with the same FMID token.
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 5, activeSessions: 5 });
  });

  it(`${CALLERS} concurrent callers after expiry cause one refresh`, async () => {
    const clock = new TestClock();
    const strategy = mock.strategy({ clock: clock.now });
    await strategy.authenticate(authContext());
    await mock.advance(clock, 56);
    await Promise.all(Array.from({ length: CALLERS }, () => strategy.authenticate(authContext())));
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('a failed sign-in is shared too, and the next call tries again', async () => {
    const strategy = mock.strategy({ password: 'wrong-password-1' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => strategy.authenticate(authContext())),
    );
    expect(
      outcomes.every((o) => o.status === 'rejected' && o.reason instanceof InvalidCredentialsError),
    ).toBe(true);
    expect(await mock.cognitoStats()).toMatchObject({ failedSignIns: 1 });
    await strategy.authenticate(authContext()).catch(() => undefined);
    expect(await mock.cognitoStats()).toMatchObject({ failedSignIns: 2 });
  });

  it('one caller giving up (its signal) does not cancel the sign-in the others wait for', async () => {
    const strategy = mock.strategy();
    const impatient = new AbortController();
    const first = strategy.authenticate(authContext({ signal: impatient.signal }));
    const second = strategy.authenticate(authContext());
    impatient.abort(new Error('caller gave up'));
    await expect(first).rejects.toThrow('caller gave up');
    await expect(second).resolves.toHaveProperty('authorization');
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
  });
});
