import { type LoginCredentials, memoryTokenStore, type TokenStore } from '@fmauth/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent, FileMakerCloudOptions } from '../src/index.js';
import { authContext, DEV, TestClock, useCloudMock } from './support/cloud-mock.js';
import { type CognitoRecorder, startCognitoRecorder } from './support/cognito-recorder.js';
import { clarisIdKey, storedData } from './support/token-stores.js';

// The first test of a file loads the AWS SDK; on a busy 2-core machine that alone can pass 5 s.
const TEST_OPTIONS = { timeout: 30_000 };

// The ID token lives 60 minutes; 56 minutes on, the strategy renews it.
const RENEW_AFTER_MINUTES = 56;
const authorizationOf = (credentials: LoginCredentials) => credentials.authorization?.reveal();
const storeCall = () => ({ signal: AbortSignal.timeout(1000) });
const count = (list: readonly string[], item: string) => list.filter((entry) => entry === item).length;

describe(
  'refresh with GetTokensFromRefreshToken, with and without refresh token rotation',
  TEST_OPTIONS,
  () => {
    const mock = useCloudMock();
    let recorder: CognitoRecorder;

    beforeEach(async () => {
      recorder = await startCognitoRecorder(mock.endpoints.cognito as string);
    });
    afterEach(() => recorder.close());

    const rotation = (feature: 'ENABLED' | 'DISABLED', retryGracePeriodSeconds = 0) =>
      mock.control.setOptions({ cognito: { refreshTokenRotation: { feature, retryGracePeriodSeconds } } });

    /** A strategy whose Cognito calls go through the recorder. */
    const strategy = (clock: TestClock, options: Partial<FileMakerCloudOptions> = {}) =>
      mock.strategy({ clock: clock.now, ...options, cognito: { endpoint: recorder.endpoint } });

    /** The refresh token in `store`'s entry for DEV. */
    const storedRefreshToken = async (store: TokenStore) =>
      storedData(await store.get(clarisIdKey(mock.pool, DEV.clarisId), storeCall())).refreshToken;

    it('rotation off: refreshes with GetTokensFromRefreshToken, never REFRESH_TOKEN_AUTH, and keeps the refresh token', async () => {
      const clock = new TestClock();
      const events: FileMakerCloudEvent[] = [];
      const tokenStore = memoryTokenStore();
      const cloud = strategy(clock, { tokenStore, onEvent: (event) => events.push(event) });
      const first = await cloud.authenticate(authContext());
      const signInRefreshToken = await storedRefreshToken(tokenStore);
      for (let round = 1; round <= 2; round++) {
        await mock.advance(clock, RENEW_AFTER_MINUTES);
        const renewed = await cloud.authenticate(authContext());
        expect(authorizationOf(renewed)).not.toBe(authorizationOf(first));
      }
      expect(recorder.operations).toEqual([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'GetTokensFromRefreshToken',
        'GetTokensFromRefreshToken',
      ]);
      expect(recorder.authFlows).toEqual(['USER_SRP_AUTH']);
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 1,
        refreshes: 2,
        failedRefreshes: 0,
        rotatedRefreshTokens: 0,
      });
      // No new refresh token came back: the sign-in's one is still the stored one.
      expect(await storedRefreshToken(tokenStore)).toBe(signInRefreshToken);
      expect(events.map((event) => (event.type === 'signed-in' ? event.method : event.type))).toEqual([
        'srp',
        'refresh',
        'refresh',
      ]);
    });

    it('rotation on (no grace period): every refresh uses the token the previous one rotated in', async () => {
      await rotation('ENABLED', 0);
      const clock = new TestClock();
      const tokenStore = memoryTokenStore();
      const cloud = strategy(clock, { tokenStore });
      await cloud.authenticate(authContext());
      const seen = [await storedRefreshToken(tokenStore)];
      for (let round = 1; round <= 3; round++) {
        await mock.advance(clock, RENEW_AFTER_MINUTES);
        await cloud.authenticate(authContext());
        seen.push(await storedRefreshToken(tokenStore));
      }
      // Reusing a rotated-away token would have been refused at once (grace 0) and cost a sign-in.
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 1,
        refreshes: 3,
        rotatedRefreshTokens: 3,
        failedRefreshes: 0,
      });
      expect(new Set(seen).size).toBe(4);
      expect(count(recorder.operations, 'GetTokensFromRefreshToken')).toBe(3);
      expect(recorder.authFlows).toEqual(['USER_SRP_AUTH']);
    });

    it('rotation on: a second strategy sharing the store takes the rotated token and refreshes with it', async () => {
      await rotation('ENABLED', 0);
      const clock = new TestClock();
      const tokenStore = memoryTokenStore();
      const eventsB: FileMakerCloudEvent[] = [];
      const a = strategy(clock, { tokenStore });
      const b = strategy(clock, { tokenStore, onEvent: (event) => eventsB.push(event) });
      await a.authenticate(authContext());
      await b.authenticate(authContext());
      const signInToken = await storedRefreshToken(tokenStore);

      await mock.advance(clock, RENEW_AFTER_MINUTES);
      const renewedByA = await a.authenticate(authContext());
      const rotated = await storedRefreshToken(tokenStore);
      expect(rotated).not.toBe(signInToken);
      // B finds A's renewal in the store: same ID token, no Cognito call of its own.
      expect(authorizationOf(await b.authenticate(authContext()))).toBe(authorizationOf(renewedByA));
      expect(eventsB.filter((event) => event.type === 'signed-in')).toEqual([]);

      // Next renewal by B: it must send the rotated token (the sign-in's one is dead, grace 0).
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await b.authenticate(authContext());
      expect(eventsB.filter((event) => event.type === 'signed-in')).toMatchObject([{ method: 'refresh' }]);
      expect(await storedRefreshToken(tokenStore)).not.toBe(rotated);
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 1,
        refreshes: 2,
        rotatedRefreshTokens: 2,
        failedRefreshes: 0,
      });
    });

    it('rotation on: concurrent callers in two strategies sharing a store cause exactly one refresh', async () => {
      await rotation('ENABLED', 0);
      const clock = new TestClock();
      const tokenStore = memoryTokenStore();
      const strategies = [strategy(clock, { tokenStore }), strategy(clock, { tokenStore })];
      await Promise.all(strategies.map((s) => s.authenticate(authContext())));
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      const renewed = await Promise.all(
        strategies.flatMap((s) => Array.from({ length: 10 }, () => s.authenticate(authContext()))),
      );
      expect(new Set(renewed.map(authorizationOf)).size).toBe(1);
      expect(count(recorder.operations, 'GetTokensFromRefreshToken')).toBe(1);
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 1,
        refreshes: 1,
        rotatedRefreshTokens: 1,
        failedRefreshes: 0,
      });
    });

    it('concurrent callers of one strategy without a store cause exactly one refresh', async () => {
      const clock = new TestClock();
      const cloud = strategy(clock);
      await cloud.authenticate(authContext());
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      const renewed = await Promise.all(Array.from({ length: 20 }, () => cloud.authenticate(authContext())));
      expect(new Set(renewed.map(authorizationOf)).size).toBe(1);
      expect(recorder.operations).toEqual([
        'InitiateAuth',
        'RespondToAuthChallenge',
        'GetTokensFromRefreshToken',
      ]);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
    });

    it('rotation on: a replaced token still refreshes within the grace period (mock clock), and after it costs one SRP sign-in', async () => {
      await rotation('ENABLED', 30);
      const clock = new TestClock();
      const key = clarisIdKey(mock.pool, DEV.clarisId);
      const current = memoryTokenStore();
      const a = strategy(clock, { tokenStore: current });
      await a.authenticate(authContext());
      // Two stores left with the sign-in's entry: processes that missed the rotation (say, a store
      // write that failed). They hold the token A is about to rotate away.
      const raw = await current.get(key, storeCall());
      const [withinGrace, afterGrace] = [memoryTokenStore(), memoryTokenStore()];
      for (const store of [withinGrace, afterGrace])
        await store.set(key, raw as string, { ttlMs: 86_400_000 }, storeCall());

      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await a.authenticate(authContext());
      expect(await mock.cognitoStats()).toMatchObject({ refreshes: 1, rotatedRefreshTokens: 1 });

      await mock.advance(clock, 20 / 60); // 20 s: inside the 30-second grace period
      const eventsB: FileMakerCloudEvent[] = [];
      await strategy(clock, { tokenStore: withinGrace, onEvent: (e) => eventsB.push(e) }).authenticate(
        authContext(),
      );
      expect(eventsB.filter((event) => event.type === 'signed-in')).toMatchObject([{ method: 'refresh' }]);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 2, failedRefreshes: 0 });

      await mock.advance(clock, 15 / 60); // 35 s after the rotation: the old token is dead
      const eventsC: FileMakerCloudEvent[] = [];
      await strategy(clock, { tokenStore: afterGrace, onEvent: (e) => eventsC.push(e) }).authenticate(
        authContext(),
      );
      expect(eventsC).toContainEqual({
        type: 'refresh-rejected',
        reason: expect.stringContaining('Invalid Refresh Token'),
      });
      expect(eventsC.filter((event) => event.type === 'signed-in')).toMatchObject([{ method: 'srp' }]);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 2, failedRefreshes: 1 });
    });

    it('rotation on: a revoked refresh token leads to exactly one SRP sign-in for all callers sharing the store', async () => {
      await rotation('ENABLED', 0);
      const clock = new TestClock();
      const tokenStore = memoryTokenStore();
      const strategies = [strategy(clock, { tokenStore }), strategy(clock, { tokenStore })];
      await Promise.all(strategies.map((s) => s.authenticate(authContext())));
      await mock.control.call('POST', '/cognito/revoke-refresh-tokens', { email: DEV.clarisId });
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      const renewed = await Promise.all(
        strategies.flatMap((s) => Array.from({ length: 5 }, () => s.authenticate(authContext()))),
      );
      expect(new Set(renewed.map(authorizationOf)).size).toBe(1);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 0, failedRefreshes: 1 });
      expect(recorder.operations.slice(2)).toEqual([
        'GetTokensFromRefreshToken',
        'InitiateAuth',
        'RespondToAuthChallenge',
      ]);
      // The new sign-in's refresh token renews the next time, rotating again.
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await strategies[0]?.authenticate(authContext());
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 2,
        refreshes: 1,
        rotatedRefreshTokens: 1,
      });
    });
  },
);
