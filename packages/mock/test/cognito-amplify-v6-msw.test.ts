import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { createMockHandlers } from '../src/msw.js';
import { CLIENT_ID, DEV, jwtPayload, POOL_ID } from './cognito-helpers.js';

// AWS Amplify v6 configured exactly as in production (no endpoint override): msw answers at
// cognito-idp.us-west-2.amazonaws.com, so the app's code runs unchanged and nothing leaves the machine.
// The fixture's app client rotates refresh tokens, with a 5-second grace period.
const { handlers, mock } = createMockHandlers({
  realHosts: true,
  fixture: {
    ...DEFAULT_FIXTURE,
    options: { cognito: { refreshTokenRotation: { feature: 'ENABLED', retryGracePeriodSeconds: 5 } } },
  },
});
const server = setupServer(...handlers);
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID } } });
});
afterAll(() => server.close());

describe('AWS Amplify v6 through the msw handlers at the real Cognito host', () => {
  it('signs in, renews through GetTokensFromRefreshToken (rotating) and signs out', async () => {
    expect(mock.options.cognito.refreshTokenRotation).toEqual({
      feature: 'ENABLED',
      retryGracePeriodSeconds: 5,
    });
    expect(await signIn({ username: DEV.email, password: DEV.password })).toMatchObject({ isSignedIn: true });
    const first = await fetchAuthSession();
    const renewed = await fetchAuthSession({ forceRefresh: true });
    const again = await fetchAuthSession({ forceRefresh: true });
    const [a, b, c] = [first, renewed, again].map((s) => jwtPayload(s.tokens?.idToken?.toString() as string));
    expect(new Set([a?.jti, b?.jti, c?.jti]).size).toBe(3);
    expect(c?.origin_jti).toBe(a?.origin_jti);
    expect(a?.iss).toBe(`https://cognito-idp.us-west-2.amazonaws.com/${POOL_ID}`);
    expect(mock.stats().cognito).toMatchObject({ srpSignIns: 1, refreshes: 2, rotatedRefreshTokens: 2 });
    await signOut();
    expect((await fetchAuthSession()).tokens).toBeUndefined();
  });
});
