import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV, NEW, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const LOCKED = { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' };

async function fail(times: number, email = DEV.email) {
  for (let i = 0; i < times; i++) {
    const res = await mock.signIn(email, `wrong-${i}`);
    expect(res.json.message).toBe('Incorrect username or password.');
  }
}

describe('Cognito lockout after repeated failures', () => {
  it('locks the user after 5 failures, even for the right password, until the lockout passes', async () => {
    // Long enough that real time cannot end it during the test.
    await mock.options({ cognito: { lockoutBaseSeconds: 60 } });
    await fail(5);
    expect((await mock.initiate(DEV.email)).res.json).toEqual(LOCKED);
    expect(mock.stats().lockedOutAttempts).toBe(1);
    // Other users are not affected.
    expect((await mock.signIn(NEW.email, NEW.password)).status).toBe(200);
    await mock.control('POST', '/clock', { advanceSeconds: 61 });
    expect((await mock.signIn(DEV.email, DEV.password)).status).toBe(200);
  });

  it('doubles the lockout with each further failure, up to the maximum', async () => {
    await mock.options({ cognito: { lockoutBaseSeconds: 60, lockoutMaxSeconds: 100 } });
    await fail(5);
    await mock.control('POST', '/clock', { advanceSeconds: 61 });
    await fail(1); // 6th failure: 120 s, capped at 100 s
    await mock.control('POST', '/clock', { advanceSeconds: 90 });
    expect((await mock.initiate(DEV.email)).res.json).toEqual(LOCKED);
    await mock.control('POST', '/clock', { advanceSeconds: 11 });
    expect((await mock.signIn(DEV.email, DEV.password)).status).toBe(200);
  });

  it('refuses an answer whose challenge started before the lockout', async () => {
    await mock.options({ cognito: { lockoutAfterFailures: 2, lockoutBaseSeconds: 60 } });
    const pending = await mock.initiate(DEV.email);
    await fail(2);
    const answer = mock.claim(pending.srp, pending.res.json.ChallengeParameters, DEV.password);
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(LOCKED);
  });

  it('clears the failure count on a successful sign-in', async () => {
    await mock.options({ cognito: { lockoutBaseSeconds: 60 } });
    await fail(4);
    expect((await mock.signIn(DEV.email, DEV.password)).status).toBe(200);
    await fail(4);
    expect((await mock.signIn(DEV.email, DEV.password)).status).toBe(200);
  });
});
