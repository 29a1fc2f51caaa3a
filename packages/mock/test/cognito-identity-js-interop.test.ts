import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  DEV,
  jwtPayload,
  MFA,
  NEW,
  POOL_ID,
  RESET,
  totpCode,
  useCloudMock,
} from './cognito-helpers.js';

// The real amazon-cognito-identity-js client (global fetch) against the mock's Cognito: proves the
// mock speaks Cognito's USER_SRP_AUTH as AWS's own SDK does.
const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

function userOf(email: string): CognitoUser {
  const pool = new CognitoUserPool({
    UserPoolId: POOL_ID,
    ClientId: CLIENT_ID,
    endpoint: `${mock.cognitoUrl}/`,
  });
  return new CognitoUser({ Username: email, Pool: pool });
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; error: Error & { code?: string } }
  | { kind: 'totp' }
  | { kind: 'newPassword'; userAttributes: Record<string, unknown>; requiredAttributes: unknown[] };

/** authenticateUser (or a follow-up call) as a promise of whichever callback fired. */
function callbacks(resolve: (outcome: Outcome) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (error: Error & { code?: string }) => resolve({ kind: 'failure', error }),
    totpRequired: () => resolve({ kind: 'totp' }),
    newPasswordRequired: (userAttributes: Record<string, unknown>, requiredAttributes: unknown[]) =>
      resolve({ kind: 'newPassword', userAttributes, requiredAttributes }),
  };
}

function authenticate(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve) =>
    user.authenticateUser(
      new AuthenticationDetails({ Username: user.getUsername(), Password: password }),
      callbacks(resolve),
    ),
  );
}

describe('amazon-cognito-identity-js against the mock Cognito', () => {
  it('signs in with the right password and gets valid tokens', async () => {
    const outcome = await authenticate(userOf(DEV.email), DEV.password);
    expect(outcome.kind).toBe('success');
    if (outcome.kind !== 'success') return;
    expect(outcome.session.isValid()).toBe(true);
    const id = outcome.session.getIdToken();
    expect(id.payload.email).toBe(DEV.email);
    expect(id.payload.aud).toBe(CLIENT_ID);
    expect(outcome.session.getRefreshToken().getToken().length).toBeGreaterThan(100);
  });

  it('reports NotAuthorizedException for a wrong password', async () => {
    const outcome = await authenticate(userOf(NEW.email), 'Wrong-pass-9');
    expect(outcome.kind).toBe('failure');
    if (outcome.kind !== 'failure') return;
    expect(outcome.error.code).toBe('NotAuthorizedException');
    expect(outcome.error.message).toBe('Incorrect username or password.');
  });

  it('refreshes the session with the refresh token', async () => {
    const user = userOf(DEV.email);
    const outcome = await authenticate(user, DEV.password);
    if (outcome.kind !== 'success') throw new Error(`sign-in failed: ${outcome.kind}`);
    await mock.control('POST', '/clock', { advanceMinutes: 2 });
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(
        new CognitoRefreshToken({ RefreshToken: outcome.session.getRefreshToken().getToken() }),
        (error, session) => (error ? reject(error) : resolve(session)),
      ),
    );
    const before = jwtPayload(outcome.session.getIdToken().getJwtToken());
    const after = jwtPayload(refreshed.getIdToken().getJwtToken());
    expect(after.iat as number).toBeGreaterThanOrEqual((before.iat as number) + 120);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    // No rotation: identity-js keeps the refresh token it had.
    expect(refreshed.getRefreshToken().getToken()).toBe(outcome.session.getRefreshToken().getToken());
  });

  it('completes SOFTWARE_TOKEN_MFA through totpRequired and sendMFACode', async () => {
    const user = userOf(MFA.email);
    expect((await authenticate(user, MFA.password)).kind).toBe('totp');
    const clock = await mock.control('GET', '/clock');
    const outcome = await new Promise<Outcome>((resolve) =>
      user.sendMFACode(totpCode(MFA.totpSecret, clock.json.now), callbacks(resolve), 'SOFTWARE_TOKEN_MFA'),
    );
    expect(outcome.kind).toBe('success');
  });

  it('completes NEW_PASSWORD_REQUIRED through newPasswordRequired', async () => {
    const user = userOf(RESET.email);
    const first = await authenticate(user, RESET.password);
    expect(first.kind).toBe('newPassword');
    if (first.kind !== 'newPassword') return;
    expect(first.userAttributes.email).toBe(RESET.email);
    expect(first.requiredAttributes).toEqual([]);
    const { email_verified: _verified, ...attributes } = first.userAttributes;
    const outcome = await new Promise<Outcome>((resolve) =>
      user.completeNewPasswordChallenge('Chosen-pass-5', attributes, callbacks(resolve)),
    );
    expect(outcome.kind).toBe('success');
    // The new password works for a fresh sign-in; the old one no longer does.
    expect((await authenticate(userOf(RESET.email), 'Chosen-pass-5')).kind).toBe('success');
    expect((await authenticate(userOf(RESET.email), RESET.password)).kind).toBe('failure');
    await mock.control('POST', '/reset');
  });
});
