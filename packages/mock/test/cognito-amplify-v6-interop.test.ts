import { Amplify } from 'aws-amplify';
import { fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, jwtPayload, POOL_ID, useCloudMock } from './cognito-helpers.js';

// AWS Amplify v6, unchanged, in Node against the mock's Cognito: it signs in with USER_SRP_AUTH and
// renews only through GetTokensFromRefreshToken, so this is what an app on Amplify meets after the hour.
const mock = useCloudMock();

/** Amplify's token store, kept in a Map so the test can read the refresh token Amplify holds. */
const storage = new Map<string, string>();
const keyValueStorage = {
  setItem: async (key: string, value: string) => void storage.set(key, value),
  getItem: async (key: string) => storage.get(key) ?? null,
  removeItem: async (key: string) => void storage.delete(key),
  clear: async () => storage.clear(),
};
const storedRefreshToken = () =>
  [...storage.entries()].find(([key]) => key.endsWith('.refreshToken'))?.[1] as string | undefined;

/** The `X-Amz-Target` operations Amplify sent, with their HTTP status, in order. */
const sent: Array<{ operation: string; status: number }> = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  await mock.start();
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target) sent.push({ operation: target.split('.').pop() as string, status: response.status });
    return response;
  };
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: mock.cognitoUrl },
    },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(keyValueStorage);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await mock.stop();
});
beforeEach(async () => {
  await mock.control('POST', '/reset');
  sent.length = 0;
});
afterEach(async () => {
  // Local sign-out only clears Amplify's store, whatever the mock answers.
  await signOut().catch(() => undefined);
});

const cognitoStats = async () => (await mock.control('GET', '/stats')).json.cognito as Record<string, number>;
const operations = () => sent.map((call) => `${call.operation} ${call.status}`);

describe('AWS Amplify v6 against the mock Cognito', () => {
  it('signs in with USER_SRP_AUTH, knows the user and reads the attributes with GetUser', async () => {
    const result = await signIn({ username: DEV.email, password: DEV.password });
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const user = await getCurrentUser();
    expect(user.signInDetails).toEqual({ loginId: DEV.email, authFlowType: 'USER_SRP_AUTH' });
    expect(user.userId).toMatch(/^[0-9a-f-]{36}$/);
    const attributes = await fetchUserAttributes();
    expect(attributes).toMatchObject({ email: DEV.email, email_verified: 'true', sub: user.userId });
    expect(operations()).toEqual(['InitiateAuth 200', 'RespondToAuthChallenge 200', 'GetUser 200']);
  });

  it('renews with fetchAuthSession({ forceRefresh: true }) through GetTokensFromRefreshToken, and FileMaker Cloud takes the new ID token', async () => {
    await signIn({ username: DEV.email, password: DEV.password });
    const before = await fetchAuthSession();
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    const oldIdToken = before.tokens?.idToken?.toString() as string;
    expect((await mock.cloudLogin(`FMID ${oldIdToken}`)).status).toBe(401);

    sent.length = 0;
    const after = await fetchAuthSession({ forceRefresh: true });
    expect(operations()).toEqual(['GetTokensFromRefreshToken 200']);
    expect(await cognitoStats()).toMatchObject({ refreshes: 1, failedRefreshes: 0, srpSignIns: 1 });

    const idToken = after.tokens?.idToken?.toString() as string;
    expect(idToken).not.toBe(oldIdToken);
    expect(jwtPayload(idToken).origin_jti).toBe(jwtPayload(oldIdToken).origin_jti);
    const login = await mock.cloudLogin(`FMID ${idToken}`);
    expect(login.status).toBe(200);
    expect(login.json.response.token).toEqual(expect.any(String));
  });

  it('follows refresh token rotation: stores each new refresh token and keeps renewing', async () => {
    await mock.options({
      cognito: { refreshTokenRotation: { feature: 'ENABLED', retryGracePeriodSeconds: 0 } },
    });
    await signIn({ username: DEV.email, password: DEV.password });
    const first = storedRefreshToken();
    expect(first).toEqual(expect.any(String));
    await fetchAuthSession({ forceRefresh: true });
    const second = storedRefreshToken();
    expect(second).not.toBe(first);
    // The first token is gone (no grace period), so this renewal only works with the stored new one.
    const session = await fetchAuthSession({ forceRefresh: true });
    expect(session.tokens?.idToken).toBeDefined();
    expect(await cognitoStats()).toMatchObject({ refreshes: 2, rotatedRefreshTokens: 2, failedRefreshes: 0 });
    const replay = await mock.cognito('GetTokensFromRefreshToken', {
      ClientId: CLIENT_ID,
      RefreshToken: first,
    });
    expect(replay.json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token.' });
  });

  it('signOut() revokes its refresh token with RevokeToken', async () => {
    await signIn({ username: DEV.email, password: DEV.password });
    const refreshToken = storedRefreshToken() as string;
    sent.length = 0;
    await signOut();
    expect(operations()).toEqual(['RevokeToken 200']);
    expect(storedRefreshToken()).toBeUndefined();
    const later = await mock.cognito('GetTokensFromRefreshToken', {
      ClientId: CLIENT_ID,
      RefreshToken: refreshToken,
    });
    expect(later.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });

  it('signOut({ global: true }) revokes every sign-in of the user with GlobalSignOut', async () => {
    // Another device of the same user, signed in without Amplify.
    const otherDevice = await mock.tokens();
    await signIn({ username: DEV.email, password: DEV.password });
    const refreshToken = storedRefreshToken() as string;
    sent.length = 0;
    await signOut({ global: true });
    expect(operations()).toEqual(['GlobalSignOut 200']);
    for (const token of [refreshToken, otherDevice.RefreshToken]) {
      const later = await mock.cognito('GetTokensFromRefreshToken', {
        ClientId: CLIENT_ID,
        RefreshToken: token,
      });
      expect(later.json).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
      });
    }
    expect(await cognitoStats()).toMatchObject({ failedRefreshes: 2 });
  });

  it('ends the session when the renewal is refused (a revoked refresh token): Amplify clears its tokens', async () => {
    await signIn({ username: DEV.email, password: DEV.password });
    await mock.control('POST', '/cognito/revoke-refresh-tokens', { email: DEV.email });
    sent.length = 0;
    // Amplify 6 treats NotAuthorizedException from the refresh as "signed out": no tokens, no throw.
    const session = await fetchAuthSession({ forceRefresh: true });
    expect(session.tokens).toBeUndefined();
    expect(storedRefreshToken()).toBeUndefined();
    expect(operations()).toEqual(['GetTokensFromRefreshToken 400']);
    expect(await cognitoStats()).toMatchObject({ refreshes: 0, failedRefreshes: 1 });
  });
});
