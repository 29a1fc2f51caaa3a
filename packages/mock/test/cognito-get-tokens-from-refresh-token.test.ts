import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, jwtPayload, type RawResponse, useCloudMock } from './cognito-helpers.js';

// GetTokensFromRefreshToken, raw over HTTP: the refresh current AWS clients send, with and without
// refresh token rotation, on the mock clock.
const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const getTokens = (input: Record<string, unknown>) => mock.cognito('GetTokensFromRefreshToken', input);
const refreshWith = (token: string, clientId = CLIENT_ID) =>
  getTokens({ ClientId: clientId, RefreshToken: token });
const refreshTokenAuth = (token: string, flow = 'REFRESH_TOKEN_AUTH') =>
  mock.cognito('InitiateAuth', {
    AuthFlow: flow,
    ClientId: CLIENT_ID,
    AuthParameters: { REFRESH_TOKEN: token },
  });
const rotation = (feature: 'ENABLED' | 'DISABLED', retryGracePeriodSeconds?: number) =>
  mock.options({ cognito: { refreshTokenRotation: { feature, retryGracePeriodSeconds } } });
const advanceSeconds = (seconds: number) => mock.control('POST', '/clock', { advanceSeconds: seconds });

function expectError(res: RawResponse, type: string, message?: string) {
  expect(res.status).toBe(400);
  expect(res.json.__type).toBe(type);
  expect(res.headers['x-amzn-errortype']).toBe(`${type}:`);
  if (message !== undefined) expect(res.json.message).toBe(message);
}

describe('GetTokensFromRefreshToken without rotation (the default)', () => {
  it('answers new ID and access tokens of the same sign-in and no refresh token, as REFRESH_TOKEN_AUTH does', async () => {
    const tokens = await mock.tokens();
    await advanceSeconds(59 * 60);
    const res = await refreshWith(tokens.RefreshToken);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(Object.keys(res.json)).toEqual(['AuthenticationResult']);
    const result = res.json.AuthenticationResult;
    expect(Object.keys(result).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    expect(result.TokenType).toBe('Bearer');
    expect(result.ExpiresIn).toBe(3600);
    const before = jwtPayload(tokens.IdToken);
    const after = jwtPayload(result.IdToken);
    expect(after.iat as number).toBeGreaterThanOrEqual((before.iat as number) + 59 * 60);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.jti).not.toBe(before.jti);
    const access = jwtPayload(result.AccessToken);
    expect(access.origin_jti).toBe(before.origin_jti);
    expect(access.token_use).toBe('access');
    expect(mock.stats()).toMatchObject({ refreshes: 1, rotatedRefreshTokens: 0, failedRefreshes: 0 });
  });

  it('keeps the refresh token usable, by both ways of refreshing', async () => {
    const tokens = await mock.tokens();
    expect((await refreshWith(tokens.RefreshToken)).status).toBe(200);
    expect((await refreshWith(tokens.RefreshToken)).status).toBe(200);
    expect((await refreshTokenAuth(tokens.RefreshToken)).status).toBe(200);
    expect(mock.stats().refreshes).toBe(3);
  });

  it('gives an ID token that FileMaker Cloud accepts as FMID, after the first one expired', async () => {
    const tokens = await mock.tokens();
    await advanceSeconds(61 * 60);
    expect((await mock.cloudLogin(`FMID ${tokens.IdToken}`)).status).toBe(401);
    const res = await refreshWith(tokens.RefreshToken);
    const login = await mock.cloudLogin(`FMID ${res.json.AuthenticationResult.IdToken}`);
    expect(login.status).toBe(200);
    expect(login.json.response.token).toEqual(expect.any(String));
  });

  it('accepts the optional members ClientSecret, DeviceKey and ClientMetadata', async () => {
    const tokens = await mock.tokens();
    const res = await getTokens({
      ClientId: CLIENT_ID,
      RefreshToken: tokens.RefreshToken,
      DeviceKey: 'us-west-2_00000000-0000-0000-0000-000000000000',
      ClientMetadata: { app: 'ci' },
    });
    expect(res.status).toBe(200);
  });
});

describe('GetTokensFromRefreshToken with refresh token rotation', () => {
  it('is off by default and switched through PATCH /options', async () => {
    expect((await mock.control('GET', '/options')).json.cognito.refreshTokenRotation).toEqual({
      feature: 'DISABLED',
      retryGracePeriodSeconds: 0,
    });
    const switched = await mock.options({ cognito: { refreshTokenRotation: { feature: 'ENABLED' } } });
    expect(switched.status).toBe(200);
    expect(switched.json.cognito.refreshTokenRotation).toEqual({
      feature: 'ENABLED',
      retryGracePeriodSeconds: 0,
    });
  });

  it('refuses grace periods outside 0..60 and unknown features, keeping the current setting', async () => {
    for (const bad of [
      { feature: 'ENABLED', retryGracePeriodSeconds: 61 },
      { feature: 'ENABLED', retryGracePeriodSeconds: -1 },
      { feature: 'ENABLED', retryGracePeriodSeconds: 1.5 },
      { feature: 'ON' },
    ]) {
      const res = await mock.options({ cognito: { refreshTokenRotation: bad } });
      expect(res.status).toBe(400);
      expect(res.json.error).toContain('refreshTokenRotation');
    }
    expect((await mock.control('GET', '/options')).json.cognito.refreshTokenRotation.feature).toBe(
      'DISABLED',
    );
  });

  it('issues a new refresh token of the same sign-in and, with no grace period, ends the submitted one at once', async () => {
    await rotation('ENABLED', 0);
    const tokens = await mock.tokens();
    const first = await refreshWith(tokens.RefreshToken);
    expect(first.status).toBe(200);
    const rotated = first.json.AuthenticationResult.RefreshToken as string;
    expect(rotated).toEqual(expect.any(String));
    expect(rotated).not.toBe(tokens.RefreshToken);
    expect(rotated.split('.')).toHaveLength(5);

    expectError(await refreshWith(tokens.RefreshToken), 'NotAuthorizedException', 'Invalid Refresh Token.');

    const second = await refreshWith(rotated);
    expect(second.status).toBe(200);
    const third = second.json.AuthenticationResult;
    expect(third.RefreshToken).not.toBe(rotated);
    const id = jwtPayload(third.IdToken);
    expect(id.auth_time).toBe(jwtPayload(tokens.IdToken).auth_time);
    expect(id.origin_jti).toBe(jwtPayload(tokens.IdToken).origin_jti);
    expect(mock.stats()).toMatchObject({ refreshes: 2, rotatedRefreshTokens: 2, failedRefreshes: 1 });
  });

  it('keeps the submitted token for retryGracePeriodSeconds on the mock clock, without extending it', async () => {
    await rotation('ENABLED', 30);
    const tokens = await mock.tokens();
    expect((await refreshWith(tokens.RefreshToken)).status).toBe(200);
    await advanceSeconds(20);
    // A retry inside the grace period works (and rotates again), but the first deadline stands.
    const retry = await refreshWith(tokens.RefreshToken);
    expect(retry.status).toBe(200);
    expect(retry.json.AuthenticationResult.RefreshToken).toEqual(expect.any(String));
    await advanceSeconds(9);
    expect((await refreshWith(tokens.RefreshToken)).status).toBe(200);
    await advanceSeconds(1);
    expectError(await refreshWith(tokens.RefreshToken), 'NotAuthorizedException', 'Invalid Refresh Token.');
    expect((await refreshWith(retry.json.AuthenticationResult.RefreshToken)).status).toBe(200);
  });

  it('ends a rotated token when the sign-in’s first refresh token would have ended', async () => {
    await mock.options({ cognito: { refreshTokenDays: 1, refreshTokenRotation: { feature: 'ENABLED' } } });
    const tokens = await mock.tokens();
    await advanceSeconds(23 * 3600);
    const rotated = (await refreshWith(tokens.RefreshToken)).json.AuthenticationResult.RefreshToken;
    await advanceSeconds(3600);
    expectError(await refreshWith(rotated), 'NotAuthorizedException', 'Refresh Token has expired');
  });

  it('makes REFRESH_TOKEN_AUTH unavailable on the client, by either flow name', async () => {
    await rotation('ENABLED');
    const tokens = await mock.tokens();
    for (const flow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']) {
      expectError(
        await refreshTokenAuth(tokens.RefreshToken, flow),
        'InvalidParameterException',
        `${flow} flow not enabled for this client`,
      );
    }
    // The refusal did not use the token up.
    expect((await refreshWith(tokens.RefreshToken)).status).toBe(200);
    await rotation('DISABLED');
    const again = await mock.tokens();
    expect((await refreshTokenAuth(again.RefreshToken)).status).toBe(200);
  });

  it('revokes the whole rotation chain with RevokeToken on its newest token', async () => {
    await rotation('ENABLED', 60);
    const tokens = await mock.tokens();
    const rotated = (await refreshWith(tokens.RefreshToken)).json.AuthenticationResult;
    const revoked = await mock.cognito('RevokeToken', { Token: rotated.RefreshToken, ClientId: CLIENT_ID });
    expect(revoked.status).toBe(200);
    expectError(
      await refreshWith(rotated.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    // The submitted one is still inside its grace period, but belongs to the revoked sign-in.
    expectError(
      await refreshWith(tokens.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    expectError(
      await mock.cognito('GetUser', { AccessToken: rotated.AccessToken }),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
  });
});

describe('GetTokensFromRefreshToken bad input', () => {
  it('refuses a refresh token of another app client', async () => {
    const tokens = await mock.tokens();
    await mock.options({ cognito: { clientId: 'secondclient' } });
    expectError(
      await refreshWith(tokens.RefreshToken, 'secondclient'),
      'NotAuthorizedException',
      'Invalid Refresh Token.',
    );
  });

  it('refuses a ClientId the pool does not have', async () => {
    const tokens = await mock.tokens();
    expectError(
      await refreshWith(tokens.RefreshToken, 'unknownclient'),
      'ResourceNotFoundException',
      'User pool client unknownclient does not exist.',
    );
  });

  it('refuses a token revoked by RevokeToken, by GlobalSignOut or through the control API', async () => {
    const a = await mock.tokens();
    await mock.cognito('RevokeToken', { Token: a.RefreshToken, ClientId: CLIENT_ID });
    expectError(
      await refreshWith(a.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );

    const b = await mock.tokens();
    expect((await mock.cognito('GlobalSignOut', { AccessToken: b.AccessToken })).status).toBe(200);
    expectError(
      await refreshWith(b.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );

    const c = await mock.tokens();
    await mock.control('POST', '/cognito/revoke-refresh-tokens', { email: DEV.email });
    expectError(
      await refreshWith(c.RefreshToken),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
  });

  it('refuses malformed tokens with "Invalid Refresh Token." and wrongly typed members with InvalidParameterException', async () => {
    for (const token of ['', 'not-a-token', 'eyJ.a.b.c.d', 'x'.repeat(20_000), '\u0000\u{1F600}']) {
      expectError(await refreshWith(token), 'NotAuthorizedException', 'Invalid Refresh Token.');
    }
    expectError(await getTokens({ ClientId: CLIENT_ID, RefreshToken: 42 }), 'InvalidParameterException');
    expectError(
      await getTokens({ ClientId: CLIENT_ID, RefreshToken: 'x', DeviceKey: 7 }),
      'InvalidParameterException',
    );
    expectError(
      await getTokens({ ClientId: CLIENT_ID, RefreshToken: 'x', ClientMetadata: ['a'] }),
      'InvalidParameterException',
    );
    expectError(await mock.cognito('GetTokensFromRefreshToken', '{"ClientId":'), 'SerializationException');
  });

  it('names a missing ClientId or RefreshToken with the service wording', async () => {
    const noClient = await getTokens({ RefreshToken: 'x' });
    expectError(noClient, 'InvalidParameterException');
    expect(noClient.json.message).toContain("Value null at 'clientId'");
    const noToken = await getTokens({ ClientId: CLIENT_ID });
    expectError(noToken, 'InvalidParameterException');
    expect(noToken.json.message).toContain("Value null at 'refreshToken'");
  });

  it('never puts a token in an answer, and keeps serving after every refusal', async () => {
    await rotation('ENABLED', 0);
    const tokens = await mock.tokens();
    await refreshWith(tokens.RefreshToken);
    const refused = await refreshWith(tokens.RefreshToken);
    expectError(refused, 'NotAuthorizedException');
    expect(refused.text).not.toContain(tokens.RefreshToken);
    expect(JSON.stringify(refused.headers)).not.toContain(tokens.RefreshToken.split('.')[1]);
    const foreign = await refreshWith(tokens.RefreshToken, 'unknownclient');
    expect(foreign.text).not.toContain(tokens.RefreshToken);
    const fresh = await mock.tokens();
    expect((await refreshWith(fresh.RefreshToken)).status).toBe(200);
  });
});
