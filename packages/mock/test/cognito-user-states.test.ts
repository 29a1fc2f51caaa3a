import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { useCloudMock } from './cognito-helpers.js';

const PASSWORD = 'State-pass-1';
const mock = useCloudMock({
  fixture: {
    ...DEFAULT_FIXTURE,
    clarisIdUsers: [
      { email: 'disabled@example.com', password: PASSWORD, enabled: false },
      { email: 'unconfirmed@example.com', password: PASSWORD, confirmed: false },
      { email: 'resetting@example.com', password: PASSWORD, passwordResetRequired: true },
      { email: 'fine@example.com', password: PASSWORD },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const INCORRECT = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('Cognito user states, LEGACY user-existence errors (the default)', () => {
  it('answers an unknown user with UserNotFoundException at InitiateAuth', async () => {
    const { res } = await mock.initiate('nobody@example.com');
    expect(res.json).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
    expect(res.headers['x-amzn-errormessage']).toBe('User does not exist.');
  });

  it('refuses a disabled user with "User is disabled."', async () => {
    const { res } = await mock.initiate('disabled@example.com');
    expect(res.json).toEqual({ __type: 'NotAuthorizedException', message: 'User is disabled.' });
  });

  it('answers UserNotConfirmedException for an unconfirmed user', async () => {
    const { res } = await mock.initiate('unconfirmed@example.com');
    expect(res.json).toEqual({ __type: 'UserNotConfirmedException', message: 'User is not confirmed.' });
  });

  it('answers PasswordResetRequiredException after an administrator reset', async () => {
    const { res } = await mock.initiate('resetting@example.com');
    expect(res.json).toEqual({
      __type: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    });
  });
});

describe('Cognito user states with PreventUserExistenceErrors', () => {
  beforeEach(() => mock.options({ cognito: { preventUserExistenceErrors: true } }));

  it('gives an unknown user a plausible, stable challenge, then "Incorrect username or password."', async () => {
    const first = await mock.initiate('nobody@example.com');
    const second = await mock.initiate('NOBODY@example.com');
    expect(first.res.json.ChallengeName).toBe('PASSWORD_VERIFIER');
    const p = first.res.json.ChallengeParameters;
    expect(second.res.json.ChallengeParameters.SALT).toBe(p.SALT);
    expect(second.res.json.ChallengeParameters.USER_ID_FOR_SRP).toBe(p.USER_ID_FOR_SRP);
    expect(p.USER_ID_FOR_SRP).toMatch(/^[0-9a-f-]{36}$/);
    const answer = mock.claim(first.srp, p, 'any-password');
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
  });

  it('reveals account states only after the right password', async () => {
    expect((await mock.signIn('unconfirmed@example.com', 'wrong')).json).toEqual(INCORRECT);
    expect((await mock.signIn('unconfirmed@example.com', PASSWORD)).json.__type).toBe(
      'UserNotConfirmedException',
    );
    expect((await mock.signIn('resetting@example.com', PASSWORD)).json.__type).toBe(
      'PasswordResetRequiredException',
    );
    expect((await mock.signIn('disabled@example.com', PASSWORD)).json.message).toBe('User is disabled.');
    expect((await mock.signIn('fine@example.com', PASSWORD)).status).toBe(200);
  });
});
