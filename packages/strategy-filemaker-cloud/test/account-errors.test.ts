import {
  AccountUnavailableError,
  InvalidCredentialsError,
  RateLimitedError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { DEFAULT_FIXTURE, type FixtureInput } from '@fmauth/mock';
import { describe, expect, it } from 'vitest';
import { authContext, DEV, rejectionOf, TestClock, useCloudMock } from './support/cloud-mock.js';

const user = (email: string, flags: Record<string, boolean>) => ({
  email,
  password: 'ClarisID-pass-x',
  ...flags,
});
const fixture: FixtureInput = {
  ...DEFAULT_FIXTURE,
  clarisIdUsers: [
    ...(DEFAULT_FIXTURE.clarisIdUsers ?? []),
    user('disabled@example.com', { enabled: false }),
    user('unconfirmed@example.com', { confirmed: false }),
    user('was-reset@example.com', { passwordResetRequired: true }),
  ],
};

describe('Cognito account states and throttling map to typed errors with advice', () => {
  const mock = useCloudMock(fixture);
  const signIn = (clarisId: string, password = 'ClarisID-pass-x', extra = {}) =>
    rejectionOf(mock.strategy({ clarisId, password, ...extra }).authenticate(authContext()));

  it.each([
    ['disabled@example.com', 'disabled', /disabled/],
    ['unconfirmed@example.com', 'not-confirmed', /not been confirmed/],
    ['was-reset@example.com', 'password-reset-required', /reset by an administrator/],
  ])('%s → AccountUnavailableError (%s)', async (clarisId, reason, advice) => {
    const error = await signIn(clarisId);
    expect(error).toBeInstanceOf(AccountUnavailableError);
    expect(error).toMatchObject({ reason, status: 400, strategyId: 'filemaker-cloud' });
    expect((error as Error).message).toMatch(advice);
  });

  it('locks the Claris ID out after repeated wrong passwords ("Password attempts exceeded")', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await signIn(DEV.clarisId, `wrong-${i}`)).toBeInstanceOf(InvalidCredentialsError);
    }
    // Even the right password is refused while locked.
    const locked = await signIn(DEV.clarisId, DEV.password);
    expect(locked).toBeInstanceOf(AccountUnavailableError);
    expect(locked).toMatchObject({ reason: 'locked-out' });
    expect((locked as Error).message).toMatch(/locked this Claris ID out.*Wait/s);
    expect(await mock.cognitoStats()).toMatchObject({ lockedOutAttempts: 1 });
    await mock.control.advanceClock({ seconds: 5 });
    await expect(mock.strategy().authenticate(authContext())).resolves.toHaveProperty('authorization');
  });

  it('surfaces throttling as RateLimitedError at once with one attempt', async () => {
    await mock.control.setOptions({ cognito: { throttle: true } });
    const started = performance.now();
    const error = await signIn(DEV.clarisId, DEV.password);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toMatch(/reuse one strategy/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await mock.cognitoStats()).toMatchObject({ throttledRequests: 1 });
  });

  it('retries a throttled call only once by default (maxAttempts 2), so the error comes quickly', async () => {
    await mock.control.setOptions({ cognito: { throttle: true } });
    const started = performance.now();
    const error = await signIn(DEV.clarisId, DEV.password, { cognito: { maxAttempts: undefined } });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(await mock.cognitoStats()).toMatchObject({ throttledRequests: 2 });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('a throttled refresh is not mistaken for a refused refresh token (no SRP fallback)', async () => {
    const clock = new TestClock();
    const strategy = mock.strategy({ clock: clock.now });
    await strategy.authenticate(authContext());
    await mock.control.setOptions({ cognito: { throttle: true } });
    await mock.advance(clock, 56);
    expect(await rejectionOf(strategy.authenticate(authContext()))).toBeInstanceOf(RateLimitedError);
    await mock.control.setOptions({ cognito: { throttle: false } });
    await strategy.authenticate(authContext());
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('a pool client Cognito does not know is a configuration error, not bad credentials', async () => {
    const error = await rejectionOf(
      mock.strategy({ pool: { ...mock.pool, clientId: 'unknownclient1' } }).authenticate(authContext()),
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/ResourceNotFoundException.*pool\.clientId/s);
  });

  it('a cognito.endpoint that is not Cognito is an UnexpectedResponseError naming the option', async () => {
    const error = await rejectionOf(
      mock.strategy({ cognito: { endpoint: mock.endpoints.filemakerCloud } }).authenticate(authContext()),
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toMatch(/Check cognito\.endpoint/);
  });
});
