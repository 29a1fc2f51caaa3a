import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('FileMaker Cloud Data API login with FMID', () => {
  it('opens a session for a Claris ID token and serves records with the session token', async () => {
    const { IdToken } = await mock.tokens();
    const res = await mock.cloudLogin(`FMID ${IdToken}`);
    expect(res.status).toBe(200);
    const token = res.json.response.token;
    expect(res.headers['x-fm-data-access-token']).toBe(token);
    expect(res.json.messages).toEqual([{ code: '0', message: 'OK' }]);

    const records = await rawCall(
      `${mock.cloudUrl}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records`,
      'GET',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(records.status).toBe(200);
    expect(records.json.response.data.length).toBeGreaterThan(0);
  });

  it('rejects Basic credentials, even a correct Claris ID password', async () => {
    const basic = `Basic ${Buffer.from(`${DEV.email}:${DEV.password}`).toString('base64')}`;
    const res = await mock.cloudLogin(basic);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('212');
  });

  it('refuses the access token (token_use "access") with a 401 HTML page', async () => {
    const { AccessToken } = await mock.tokens();
    const res = await mock.cloudLogin(`FMID ${AccessToken}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('refuses a token with a tampered signature', async () => {
    const { IdToken } = await mock.tokens();
    const [header, payload, signature] = IdToken.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const res = await mock.cloudLogin(`FMID ${header}.${payload}.${flipped}`);
    expect(res.status).toBe(401);
    expect(res.text).toContain('401');
  });

  it('answers a login without Authorization with code 10', async () => {
    const res = await mock.cloudLogin(undefined);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('10');
  });
});
