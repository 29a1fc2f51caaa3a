import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, jwtPayload, NEW, POOL_ID, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('Cognito USER_SRP_AUTH', () => {
  it('answers InitiateAuth with a PASSWORD_VERIFIER challenge and no Session', async () => {
    const { res } = await mock.initiate(DEV.email);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(res.json.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(res.json.Session).toBeUndefined();
    const p = res.json.ChallengeParameters;
    expect(Object.keys(p).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    // Minimal hex: no redundant leading zero bytes, lower case.
    expect(p.SALT).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(p.SRP_B).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(Buffer.from(p.SECRET_BLOCK, 'base64').length).toBeGreaterThanOrEqual(64);
    // Email alias in, the internal username (a UUID-shaped sub) out.
    expect(p.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.USERNAME).toBe(p.USER_ID_FOR_SRP);
  });

  it('keeps the salt of a user stable and draws a new B each time', async () => {
    const first = (await mock.initiate(DEV.email)).res.json.ChallengeParameters;
    const second = (await mock.initiate(DEV.email.toUpperCase())).res.json.ChallengeParameters;
    expect(second.SALT).toBe(first.SALT);
    expect(second.SRP_B).not.toBe(first.SRP_B);
    expect(second.SECRET_BLOCK).not.toBe(first.SECRET_BLOCK);
  });

  it('issues RS256 ID, access and refresh tokens for the right password', async () => {
    const res = await mock.signIn(DEV.email, DEV.password);
    expect(res.status).toBe(200);
    expect(res.json.ChallengeParameters).toEqual({});
    const result = res.json.AuthenticationResult;
    expect(result.TokenType).toBe('Bearer');
    expect(result.ExpiresIn).toBe(3600);
    expect(typeof result.RefreshToken).toBe('string');
    const header = JSON.parse(Buffer.from(result.IdToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');

    const id = jwtPayload(result.IdToken);
    expect(id).toMatchObject({
      aud: CLIENT_ID,
      token_use: 'id',
      email: DEV.email,
      email_verified: true,
      iss: `${mock.cognitoUrl}/${POOL_ID}`,
    });
    expect(id['cognito:username']).toBe(id.sub);
    for (const claim of ['sub', 'event_id', 'auth_time', 'exp', 'iat', 'origin_jti', 'jti']) {
      expect(id).toHaveProperty(claim);
    }
    expect((id.exp as number) - (id.iat as number)).toBe(3600);

    const access = jwtPayload(result.AccessToken);
    expect(access).toMatchObject({
      client_id: CLIENT_ID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      sub: id.sub,
      username: id['cognito:username'],
      origin_jti: id.origin_jti,
    });
    expect(access.aud).toBeUndefined();
  });

  it('refuses a wrong password with NotAuthorizedException, in the body and the headers', async () => {
    const res = await mock.signIn(NEW.email, 'not-the-password');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(res.headers['x-amzn-errortype']).toBe('NotAuthorizedException:');
    expect(res.headers['x-amzn-errormessage']).toBe('Incorrect username or password.');
    expect(res.headers['x-amzn-requestid']).toBeTruthy();
  });

  it('counts sign-ins and failures in /stats', async () => {
    const before = mock.stats();
    await mock.signIn(NEW.email, NEW.password);
    await mock.signIn(NEW.email, 'wrong');
    const after = mock.stats();
    expect(after.srpSignIns).toBe(before.srpSignIns! + 1);
    expect(after.failedSignIns).toBe(before.failedSignIns! + 1);
    expect(after.requests).toBe(before.requests! + 4);
  });
});
