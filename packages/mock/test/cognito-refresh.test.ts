import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, jwtPayload, NEW, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const refresh = (token: string, flow = 'REFRESH_TOKEN_AUTH', clientId = CLIENT_ID) =>
  mock.cognito('InitiateAuth', {
    AuthFlow: flow,
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: token },
  });

const notAuthorized = (message: string) => ({ __type: 'NotAuthorizedException', message });

describe('Cognito REFRESH_TOKEN_AUTH', () => {
  it('issues new ID and access tokens of the same sign-in, on the mock clock, without a new refresh token', async () => {
    const tokens = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 59 });
    const res = await refresh(tokens.RefreshToken);
    expect(res.status).toBe(200);
    const result = res.json.AuthenticationResult;
    expect(result.RefreshToken).toBeUndefined();
    expect(result.ExpiresIn).toBe(3600);
    const before = jwtPayload(tokens.IdToken);
    const after = jwtPayload(result.IdToken);
    expect(after.iat as number).toBeGreaterThanOrEqual((before.iat as number) + 59 * 60);
    expect(after.exp).toBe((after.iat as number) + 3600);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.jti).not.toBe(before.jti);
    expect(mock.stats().refreshes).toBe(1);
  });

  it('accepts REFRESH_TOKEN as an alias of the flow name', async () => {
    const tokens = await mock.tokens();
    expect((await refresh(tokens.RefreshToken, 'REFRESH_TOKEN')).status).toBe(200);
  });

  it('refuses an unknown refresh token, or one of another client', async () => {
    expect((await refresh('eyJ.not.a.real.token')).json).toEqual(notAuthorized('Invalid Refresh Token.'));
    const tokens = await mock.tokens();
    await mock.options({ cognito: { clientId: 'secondclient' } });
    expect((await refresh(tokens.RefreshToken, 'REFRESH_TOKEN_AUTH', 'secondclient')).json).toEqual(
      notAuthorized('Invalid Refresh Token.'),
    );
    expect(mock.stats().failedRefreshes).toBe(2);
  });

  it('expires the refresh token after 365 days on the mock clock', async () => {
    const tokens = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 364 * 24 * 60 });
    expect((await refresh(tokens.RefreshToken)).status).toBe(200);
    await mock.control('POST', '/clock', { advanceMinutes: 2 * 24 * 60 });
    expect((await refresh(tokens.RefreshToken)).json).toEqual(notAuthorized('Refresh Token has expired'));
  });

  it('follows the configured lifetimes', async () => {
    await mock.options({ cognito: { refreshTokenDays: 1, idTokenMinutes: 5, accessTokenMinutes: 10 } });
    const tokens = await mock.tokens();
    expect(tokens.ExpiresIn).toBe(600);
    const id = jwtPayload(tokens.IdToken);
    expect((id.exp as number) - (id.iat as number)).toBe(300);
    await mock.control('POST', '/clock', { advanceMinutes: 24 * 60 + 1 });
    expect((await refresh(tokens.RefreshToken)).json).toEqual(notAuthorized('Refresh Token has expired'));
  });

  it('revokes with RevokeToken, and the access tokens of that sign-in with it', async () => {
    const tokens = await mock.tokens();
    const revoked = await mock.cognito('RevokeToken', { Token: tokens.RefreshToken, ClientId: CLIENT_ID });
    expect(revoked.status).toBe(200);
    expect((await refresh(tokens.RefreshToken)).json).toEqual(
      notAuthorized('Refresh Token has been revoked'),
    );
    const user = await mock.cognito('GetUser', { AccessToken: tokens.AccessToken });
    expect(user.json).toEqual(notAuthorized('Access Token has been revoked'));
  });

  it('revokes every refresh token of a user with GlobalSignOut', async () => {
    const first = await mock.tokens();
    const second = await mock.tokens();
    const other = await mock.tokens(NEW.email, NEW.password);
    expect((await mock.cognito('GlobalSignOut', { AccessToken: second.AccessToken })).status).toBe(200);
    expect((await refresh(first.RefreshToken)).json.message).toBe('Refresh Token has been revoked');
    expect((await refresh(second.RefreshToken)).json.message).toBe('Refresh Token has been revoked');
    expect((await refresh(other.RefreshToken)).status).toBe(200);
  });

  it("revokes a user's refresh tokens through the control API", async () => {
    const tokens = await mock.tokens();
    const res = await mock.control('POST', '/cognito/revoke-refresh-tokens', { email: DEV.email });
    expect(res.json).toEqual({ revoked: 1 });
    expect((await refresh(tokens.RefreshToken)).json.message).toBe('Refresh Token has been revoked');
    expect((await mock.control('POST', '/cognito/revoke-refresh-tokens', {})).status).toBe(400);
  });

  it("survives no refresh token at all with Cognito's message", async () => {
    const res = await mock.cognito('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID });
    expect(res.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter REFRESH_TOKEN',
    });
  });
});
