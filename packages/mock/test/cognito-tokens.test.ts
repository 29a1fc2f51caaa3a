import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, jwtPayload, POOL_ID, rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const jwksUrl = () => `${mock.cognitoUrl}/${POOL_ID}/.well-known/jwks.json`;

describe('Cognito tokens and JWKS', () => {
  it("serves a JWKS in Cognito's shape that verifies the ID and access tokens", async () => {
    const jwks = await rawCall(jwksUrl(), 'GET');
    expect(jwks.status).toBe(200);
    expect(jwks.json.keys).toHaveLength(1);
    const [key] = jwks.json.keys;
    expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });

    const tokens = await mock.tokens();
    const keySet = createLocalJWKSet(jwks.json);
    const issuer = `${mock.cognitoUrl}/${POOL_ID}`;
    const id = await jwtVerify(tokens.IdToken, keySet, {
      issuer,
      audience: CLIENT_ID,
      currentDate: new Date(),
    });
    expect(id.protectedHeader.kid).toBe(key.kid);
    const access = await jwtVerify(tokens.AccessToken, keySet, { issuer });
    expect(access.payload.token_use).toBe('access');
  });

  it('keeps the signing key across a reset, so earlier tokens still verify', async () => {
    const before = (await rawCall(jwksUrl(), 'GET')).json;
    await mock.control('POST', '/reset');
    expect((await rawCall(jwksUrl(), 'GET')).json).toEqual(before);
  });

  it('serves an OpenID configuration and 404 for another pool', async () => {
    const config = await rawCall(`${mock.cognitoUrl}/${POOL_ID}/.well-known/openid-configuration`, 'GET');
    expect(config.json).toMatchObject({ issuer: `${mock.cognitoUrl}/${POOL_ID}`, jwks_uri: jwksUrl() });
    expect((await rawCall(`${mock.cognitoUrl}/us-east-1_Other/.well-known/jwks.json`, 'GET')).status).toBe(
      404,
    );
    expect((await rawCall(`${mock.cognitoUrl}/nothing/here`, 'GET')).status).toBe(404);
  });

  it('dates iat and exp by the mock clock', async () => {
    await mock.control('POST', '/clock', { advanceMinutes: 600 });
    const { IdToken } = await mock.tokens();
    const claims = jwtPayload(IdToken);
    const expected = Math.floor((await mock.control('GET', '/clock')).json.now / 1000);
    expect(Math.abs((claims.iat as number) - expected)).toBeLessThanOrEqual(2);
    expect(claims.auth_time).toBe(claims.iat);
  });

  it("uses the issuer option when set (e.g. the real pool's URL)", async () => {
    const issuer = `https://cognito-idp.us-west-2.amazonaws.com/${POOL_ID}`;
    await mock.options({ cognito: { issuer } });
    const { IdToken } = await mock.tokens();
    expect(jwtPayload(IdToken).iss).toBe(issuer);
  });

  it('answers GetUser for a live access token, and refuses ID tokens and expired access tokens', async () => {
    const { AccessToken, IdToken } = await mock.tokens();
    const user = await mock.cognito('GetUser', { AccessToken });
    expect(user.status).toBe(200);
    expect(user.json.Username).toBe(jwtPayload(IdToken)['cognito:username']);
    expect(user.json.UserAttributes).toContainEqual({ Name: 'email', Value: DEV.email });

    const withId = await mock.cognito('GetUser', { AccessToken: IdToken });
    expect(withId.json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    const expired = await mock.cognito('GetUser', { AccessToken });
    expect(expired.json).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has expired' });
  });
});
