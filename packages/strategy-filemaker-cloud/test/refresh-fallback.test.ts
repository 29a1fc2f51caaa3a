import { inspect } from 'node:util';
import { memoryTokenStore, RateLimitedError } from '@fmauth/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent, FileMakerCloudOptions } from '../src/index.js';
import { authContext, DEV, rejectionOf, TestClock, useCloudMock } from './support/cloud-mock.js';
import { type CognitoRecorder, startCognitoRecorder } from './support/cognito-recorder.js';
import { clarisIdKey, storedData } from './support/token-stores.js';

// The first test of a file loads the AWS SDK; on a busy 2-core machine that alone can pass 5 s.
const TEST_OPTIONS = { timeout: 30_000 };

const RENEW_AFTER_MINUTES = 56;
const GET_TOKENS = 'GetTokensFromRefreshToken';

describe(
  'refresh fallbacks: REFRESH_TOKEN_AUTH where GetTokensFromRefreshToken is unknown, SRP when no refresh works',
  TEST_OPTIONS,
  () => {
    const mock = useCloudMock();
    let recorder: CognitoRecorder;

    beforeEach(async () => {
      recorder = await startCognitoRecorder(mock.endpoints.cognito as string);
    });
    afterEach(() => recorder.close());

    const strategy = (clock: TestClock, options: Partial<FileMakerCloudOptions> = {}) =>
      mock.strategy({ clock: clock.now, ...options, cognito: { endpoint: recorder.endpoint } });
    const rotation = (feature: 'ENABLED' | 'DISABLED') =>
      mock.control.setOptions({ cognito: { refreshTokenRotation: { feature, retryGracePeriodSeconds: 0 } } });

    it('an endpoint without GetTokensFromRefreshToken gets REFRESH_TOKEN_AUTH, and keeps getting it', async () => {
      recorder.unknown.add(GET_TOKENS);
      const clock = new TestClock();
      const events: FileMakerCloudEvent[] = [];
      const cloud = strategy(clock, { onEvent: (event) => events.push(event) });
      await cloud.authenticate(authContext());
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await cloud.authenticate(authContext());
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await cloud.authenticate(authContext());

      // The unknown operation is tried once only: the choice is remembered for the strategy's life.
      expect(recorder.operations).toEqual([
        'InitiateAuth',
        'RespondToAuthChallenge',
        GET_TOKENS,
        'InitiateAuth',
        'InitiateAuth',
      ]);
      expect(recorder.authFlows).toEqual(['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH']);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 2, failedRefreshes: 0 });
      expect(events.filter((event) => event.type === 'refresh-operation-changed')).toEqual([
        {
          type: 'refresh-operation-changed',
          operation: 'InitiateAuth (REFRESH_TOKEN_AUTH)',
          reason: expect.stringContaining('UnknownOperationException'),
        },
      ]);
      expect(
        events.filter((event) => event.type === 'sign-in-failed' || event.type === 'refresh-rejected'),
      ).toEqual([]);
    });

    it('goes back to GetTokensFromRefreshToken when the endpoint later disables REFRESH_TOKEN_AUTH (rotation)', async () => {
      recorder.unknown.add(GET_TOKENS);
      const clock = new TestClock();
      const events: FileMakerCloudEvent[] = [];
      const cloud = strategy(clock, { onEvent: (event) => events.push(event) });
      await cloud.authenticate(authContext());
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await cloud.authenticate(authContext());
      // The endpoint is upgraded: it now serves GetTokensFromRefreshToken and rotates.
      recorder.unknown.clear();
      await rotation('ENABLED');
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await cloud.authenticate(authContext());

      expect(recorder.operations.slice(2)).toEqual([GET_TOKENS, 'InitiateAuth', 'InitiateAuth', GET_TOKENS]);
      expect(await mock.cognitoStats()).toMatchObject({
        srpSignIns: 1,
        refreshes: 2,
        rotatedRefreshTokens: 1,
      });
      expect(
        events.flatMap((event) => (event.type === 'refresh-operation-changed' ? [event.operation] : [])),
      ).toEqual(['InitiateAuth (REFRESH_TOKEN_AUTH)', GET_TOKENS]);
    });

    it('signs in with SRP once when the endpoint serves neither refresh operation', async () => {
      recorder.unknown.add(GET_TOKENS);
      await rotation('ENABLED'); // REFRESH_TOKEN_AUTH is then refused as a disabled flow
      const clock = new TestClock();
      const events: FileMakerCloudEvent[] = [];
      const cloud = strategy(clock, { onEvent: (event) => events.push(event) });
      await cloud.authenticate(authContext());
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      await expect(cloud.authenticate(authContext())).resolves.toHaveProperty('authorization');

      expect(recorder.operations.slice(2)).toEqual([
        GET_TOKENS,
        'InitiateAuth',
        'InitiateAuth',
        'RespondToAuthChallenge',
      ]);
      expect(recorder.authFlows).toEqual(['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'USER_SRP_AUTH']);
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, refreshes: 0 });
      expect(events).toContainEqual({
        type: 'refresh-rejected',
        reason: expect.stringContaining('REFRESH_TOKEN_AUTH flow not enabled'),
      });
    });

    it('a refresh that fails otherwise (throttled) is a typed error without the refresh token, and no SRP sign-in', async () => {
      const clock = new TestClock();
      const tokenStore = memoryTokenStore();
      const events: FileMakerCloudEvent[] = [];
      const cloud = strategy(clock, { tokenStore, onEvent: (event) => events.push(event) });
      await cloud.authenticate(authContext());
      const raw = await tokenStore.get(clarisIdKey(mock.pool, DEV.clarisId), {
        signal: AbortSignal.timeout(1000),
      });
      const refreshToken = storedData(raw).refreshToken as string;
      expect(refreshToken.length).toBeGreaterThan(20);

      await mock.control.setOptions({ cognito: { throttle: true } });
      await mock.advance(clock, RENEW_AFTER_MINUTES);
      const error = await rejectionOf(cloud.authenticate(authContext()));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as Error).message).toContain(GET_TOKENS);
      for (const text of [
        inspect(error, { depth: 8 }),
        JSON.stringify(error),
        inspect(events, { depth: 8 }),
      ]) {
        expect(text).not.toContain(refreshToken);
      }
      expect(recorder.operations.slice(2)).toEqual([GET_TOKENS]);
      expect(events.filter((event) => event.type === 'sign-in-failed')).toMatchObject([
        { method: 'refresh' },
      ]);

      // Throttling over: the same refresh token still renews, no password needed.
      await mock.control.setOptions({ cognito: { throttle: false } });
      await cloud.authenticate(authContext());
      expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
    });
  },
);
