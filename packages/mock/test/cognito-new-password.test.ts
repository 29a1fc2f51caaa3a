import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { CLIENT_ID, jwtPayload, RESET, totpCode, useCloudMock } from './cognito-helpers.js';

const BOTH = { email: 'both@example.com', password: 'Both-pass-1', totpSecret: 'KRSXG5CTMVRXEZLU' };
const mock = useCloudMock({
  fixture: {
    ...DEFAULT_FIXTURE,
    clarisIdUsers: [
      ...(DEFAULT_FIXTURE.clarisIdUsers ?? []),
      { ...BOTH, name: 'Both Flags', newPasswordRequired: true },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

function setPassword(
  session: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) {
  return mock.cognito('RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: CLIENT_ID,
    Session: session,
    ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password, ...extra },
  });
}

describe('Cognito NEW_PASSWORD_REQUIRED', () => {
  it('asks for a new password with userAttributes and requiredAttributes as JSON strings', async () => {
    const step = await mock.signIn(RESET.email, RESET.password);
    expect(step.json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const p = step.json.ChallengeParameters;
    expect(typeof p.userAttributes).toBe('string');
    expect(JSON.parse(p.userAttributes)).toMatchObject({
      email: RESET.email,
      email_verified: 'true',
      name: 'Reset User',
    });
    expect(JSON.parse(p.requiredAttributes)).toEqual([]);
    expect(p.USER_ID_FOR_SRP).toMatch(/^[0-9a-f-]{36}$/);
    expect(mock.stats().newPasswordChallenges).toBe(1);
  });

  it('refuses a password that breaks the policy and keeps the Session for another try', async () => {
    const step = await mock.signIn(RESET.email, RESET.password);
    const weak = await setPassword(step.json.Session, RESET.email, 'short');
    expect(weak.json).toEqual({
      __type: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password not long enough',
    });
    expect((await setPassword(step.json.Session, RESET.email, 'nouppercase1!')).json.message).toContain(
      'uppercase',
    );
    expect((await setPassword(step.json.Session, RESET.email, 'Chosen-pass-5')).status).toBe(200);
  });

  it('stores the new password: it signs in without a challenge and the old one fails', async () => {
    const step = await mock.signIn(RESET.email, RESET.password);
    const done = await setPassword(step.json.Session, RESET.email, 'Chosen-pass-5', {
      'userAttributes.name': 'Renamed',
    });
    expect(jwtPayload(done.json.AuthenticationResult.IdToken).name).toBe('Renamed');
    expect((await mock.signIn(RESET.email, 'Chosen-pass-5')).json.AuthenticationResult).toBeTruthy();
    expect((await mock.signIn(RESET.email, RESET.password)).json.message).toBe(
      'Incorrect username or password.',
    );
    // Back to the fixture on reset.
    await mock.control('POST', '/reset');
    expect((await mock.signIn(RESET.email, RESET.password)).json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('continues with MFA after the new password for a user that has both', async () => {
    const step = await mock.signIn(BOTH.email, BOTH.password);
    const mfa = await setPassword(
      step.json.Session,
      step.json.ChallengeParameters.USER_ID_FOR_SRP,
      'Chosen-pass-6',
    );
    expect(mfa.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(mfa.json.Session).not.toBe(step.json.Session);
    const now = (await mock.control('GET', '/clock')).json.now;
    const done = await mock.cognito('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: CLIENT_ID,
      Session: mfa.json.Session,
      ChallengeResponses: { USERNAME: BOTH.email, SOFTWARE_TOKEN_MFA_CODE: totpCode(BOTH.totpSecret, now) },
    });
    expect(done.json.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('needs NEW_PASSWORD', async () => {
    const step = await mock.signIn(RESET.email, RESET.password);
    const res = await mock.cognito('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: CLIENT_ID,
      Session: step.json.Session,
      ChallengeResponses: { USERNAME: RESET.email },
    });
    expect(res.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter NEW_PASSWORD',
    });
  });
});
