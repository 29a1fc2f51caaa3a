import { type LoginCredentials, memoryTokenStore, type TokenStore } from '@fmauth/core';
import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent, FileMakerCloudStrategy } from '../src/index.js';
import { authContext, DEV, MFA, NEW_USER, TestClock, useCloudMock } from './support/cloud-mock.js';
import { clarisIdKey, storedData } from './support/token-stores.js';

// Several strategies sharing one memoryTokenStore stand for several processes sharing Redis: each has
// its own in-process cache, flight and sign-in lock attempts, and they meet only in the store.
const PROCESSES = 5;
const CALLS_PER_PROCESS = 10;

const authenticator = new TOTP({ secret: MFA.totpSecret });
const authorizationOf = (credentials: LoginCredentials) => credentials.authorization?.reveal();

describe('one Claris ID sign-in shared by every process through a tokenStore', () => {
  const mock = useCloudMock();

  /** `count` strategies for the MFA user sharing `tokenStore`, one clock, and one counted TOTP app. */
  function mfaProcesses(tokenStore: TokenStore, clock: TestClock, count = PROCESSES) {
    const prompts = { count: 0 };
    const events: FileMakerCloudEvent[][] = [];
    const strategies = Array.from({ length: count }, (_, index) => {
      events[index] = [];
      return mock.strategy({
        clarisId: MFA.clarisId,
        password: MFA.password,
        tokenStore,
        clock: clock.now,
        onEvent: (event) => events[index]?.push(event),
        mfa: {
          totp: () => {
            prompts.count++;
            return authenticator.generate({ timestamp: clock.now() });
          },
        },
      });
    });
    return { strategies, prompts, events };
  }

  const authenticateAll = (strategies: readonly FileMakerCloudStrategy[]) =>
    Promise.all(
      strategies.flatMap((strategy) =>
        Array.from({ length: CALLS_PER_PROCESS }, () => strategy.authenticate(authContext())),
      ),
    );

  it(`${PROCESSES} processes × ${CALLS_PER_PROCESS} concurrent calls: one SRP sign-in, one MFA prompt`, async () => {
    const clock = new TestClock();
    const { strategies, prompts, events } = mfaProcesses(memoryTokenStore(), clock);
    const all = await authenticateAll(strategies);

    expect(new Set(all.map(authorizationOf)).size).toBe(1);
    expect(prompts.count).toBe(1);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, mfaChallenges: 1, refreshes: 0 });
    // `signed-in` means "this process talked to Cognito": exactly one did; the others took the store's.
    const signedIn = events.filter((list) => list.some((event) => event.type === 'signed-in'));
    expect(signedIn).toHaveLength(1);
    const shared = events.flat().filter((event) => event.type === 'shared-token');
    expect(shared).toHaveLength(PROCESSES - 1);
  });

  it('after the ID token expires: one refresh for all, no second MFA prompt, no second SRP', async () => {
    const tokenStore = memoryTokenStore();
    const clock = new TestClock();
    const { strategies, prompts } = mfaProcesses(tokenStore, clock);
    const [first] = await authenticateAll(strategies);
    const key = clarisIdKey(mock.pool, MFA.clarisId);
    const before = storedData(await tokenStore.get(key, { signal: AbortSignal.timeout(1000) }));

    await mock.advance(clock, 56);
    const renewed = await authenticateAll(strategies);

    expect(new Set(renewed.map(authorizationOf)).size).toBe(1);
    expect(authorizationOf(renewed[0] as LoginCredentials)).not.toBe(
      authorizationOf(first as LoginCredentials),
    );
    expect(prompts.count).toBe(1);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1, mfaChallenges: 1 });
    // The mock's refresh returns no new refresh token (rotation off): the entry keeps the old one,
    // with its original expiry, and the new ID token.
    const after = storedData(await tokenStore.get(key, { signal: AbortSignal.timeout(1000) }));
    expect(after.refreshToken).toEqual(expect.any(String));
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.refreshTokenUntil).toBe(before.refreshTokenUntil);
    expect(after.authorization).toBe(authorizationOf(renewed[0] as LoginCredentials));

    // And the next expiry is again one refresh with that same refresh token.
    await mock.advance(clock, 56);
    await authenticateAll(strategies);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 2, failedRefreshes: 0 });
  });

  it('FileMaker Cloud refuses the token everywhere: one refresh, and every process takes its result', async () => {
    const clock = new TestClock();
    const { strategies } = mfaProcesses(memoryTokenStore(), clock);
    const [refusedToken] = await authenticateAll(strategies);
    for (const strategy of strategies) strategy.invalidate();

    const renewed = await Promise.all(
      strategies.map((strategy) => strategy.authenticate(authContext({ reason: 'rejected' }))),
    );
    expect(new Set(renewed.map(authorizationOf)).size).toBe(1);
    expect(authorizationOf(renewed[0] as LoginCredentials)).not.toBe(
      authorizationOf(refusedToken as LoginCredentials),
    );
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('invalidate() on one process: it refreshes once, and the others pick up its token when refused', async () => {
    const clock = new TestClock();
    const { strategies, events } = mfaProcesses(memoryTokenStore(), clock, 3);
    const [a, b, c] = strategies as [FileMakerCloudStrategy, FileMakerCloudStrategy, FileMakerCloudStrategy];
    const [refused] = await authenticateAll(strategies);

    a.invalidate();
    const renewed = authorizationOf(await a.authenticate(authContext({ reason: 'rejected' })));
    expect(renewed).not.toBe(authorizationOf(refused as LoginCredentials));
    expect(await mock.cognitoStats()).toMatchObject({ refreshes: 1 });
    // The others still trust their own fresh copy until FileMaker Cloud refuses it to them too…
    expect(authorizationOf(await b.authenticate(authContext()))).toBe(
      authorizationOf(refused as LoginCredentials),
    );
    b.invalidate();
    c.invalidate();
    // …and then take the store's newer token instead of refreshing once more.
    const picked = await Promise.all([b, c].map((s) => s.authenticate(authContext({ reason: 'rejected' }))));
    expect(picked.map(authorizationOf)).toEqual([renewed, renewed]);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
    expect(events[1]?.filter((event) => event.type === 'signed-in')).toEqual([]);
  });

  it('a refresh token Cognito refuses leads to one SRP sign-in across all processes', async () => {
    const clock = new TestClock();
    const { strategies, prompts, events } = mfaProcesses(memoryTokenStore(), clock);
    await authenticateAll(strategies);
    await mock.control.call('POST', '/cognito/revoke-refresh-tokens', { email: MFA.clarisId });
    await mock.advance(clock, 56);
    await authenticateAll(strategies);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, failedRefreshes: 1, refreshes: 0 });
    expect(prompts.count).toBe(2);
    expect(events.flat().filter((event) => event.type === 'refresh-rejected')).toHaveLength(1);
  });

  it('a new process finds the fresh entry and signs in without Cognito; close() leaves the entry', async () => {
    const tokenStore = memoryTokenStore();
    const first = mock.strategy({ tokenStore });
    const credentials = await first.authenticate(authContext());
    await first.close();

    const events: FileMakerCloudEvent[] = [];
    const later = mock.strategy({ tokenStore, onEvent: (event) => events.push(event) });
    const statsBefore = await mock.cognitoStats();
    expect(authorizationOf(await later.authenticate(authContext()))).toBe(authorizationOf(credentials));
    expect(await mock.cognitoStats()).toEqual(statsBefore);
    expect(events).toEqual([{ type: 'shared-token', store: 'memory', waitedMs: 0 }]);
  });

  it('keys by the Claris ID without regard to case, and never shares between two Claris IDs', async () => {
    const tokenStore = memoryTokenStore();
    const lower = mock.strategy({ tokenStore });
    const upper = mock.strategy({ tokenStore, clarisId: DEV.clarisId.toUpperCase() });
    expect(upper.identity).toBe(DEV.clarisId);
    const other = mock.strategy({ tokenStore, ...NEW_USER });
    const [a, b, c] = await Promise.all([lower, upper, other].map((s) => s.authenticate(authContext())));
    expect(authorizationOf(b as LoginCredentials)).toBe(authorizationOf(a as LoginCredentials));
    expect(authorizationOf(c as LoginCredentials)).not.toBe(authorizationOf(a as LoginCredentials));
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2 });
  });

  it('processes with a strategy and a Data API session on one store: a later login needs no Claris ID sign-in', async () => {
    const tokenStore = memoryTokenStore();
    const clock = new TestClock();
    const strategies = Array.from({ length: 3 }, () => mock.strategy({ tokenStore, clock: clock.now }));
    const sessions = strategies.map((strategy) => mock.session(strategy, { tokenStore, clock: clock.now }));
    await sessions[0]?.getRecords('Contacts', { limit: 1 });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 1 });
    // The Data API session idles out (15 minutes) long before the ID token (1 hour): the next login
    // happens in another process, whose strategy has never signed in, and takes the stored ID token.
    await mock.advance(clock, 20);
    await Promise.all(sessions.slice(1).map((session) => session.getRecords('Contacts', { limit: 1 })));
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 2 });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 0 });
  });
});
