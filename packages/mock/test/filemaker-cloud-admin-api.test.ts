import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV, NEW, rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const adminLogin = (authorization?: string) =>
  rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/user/auth`, 'POST', {
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: '{}',
  });

describe('FileMaker Cloud Admin API login with FMID', () => {
  it('returns a token in the body, with messages keyed "text", and logs out with the token in the path', async () => {
    const { IdToken } = await mock.tokens();
    const res = await adminLogin(`FMID ${IdToken}`);
    expect(res.status).toBe(200);
    expect(res.json.messages).toEqual([{ code: '0', text: 'OK' }]);
    const token = res.json.response.token;
    expect(typeof token).toBe('string');
    expect(mock.stats('filemakerCloud')).toMatchObject({ adminLogins: 1, adminActiveSessions: 1 });

    const out = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/user/auth/${token}`, 'DELETE');
    expect(out.status).toBe(200);
    const again = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/user/auth/${token}`, 'DELETE');
    expect(again.status).toBe(401);
  });

  it('rejects Basic and a missing header in the Admin API envelope', async () => {
    const basic = await adminLogin(`Basic ${Buffer.from(`${DEV.email}:${DEV.password}`).toString('base64')}`);
    expect(basic.status).toBe(401);
    expect(basic.json.messages[0]).toMatchObject({ code: '212' });
    const none = await adminLogin();
    expect(none.status).toBe(401);
    expect(none.json.messages[0].code).toBe('1702');
    expect(mock.stats('filemakerCloud').adminFailedLogins).toBe(2);
  });

  it('answers an expired FMID like the Data API does (HTML 401, or JSON with the switch)', async () => {
    const { IdToken } = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    const html = await adminLogin(`FMID ${IdToken}`);
    expect(html.status).toBe(401);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    await mock.options({ filemakerCloud: { rejectedFmidResponse: 'json' } });
    const json = await adminLogin(`FMID ${IdToken}`);
    expect(json.status).toBe(401);
    expect(json.json.messages[0]).toEqual({
      code: '212',
      text: 'Invalid user account and/or password; please try again',
    });
  });

  it('limits the Admin API to the Claris IDs in adminAccess', async () => {
    await mock.options({ filemakerCloud: { adminAccess: [NEW.email] } });
    const dev = await mock.tokens();
    const denied = await adminLogin(`FMID ${dev.IdToken}`);
    expect(denied.status).toBe(401);
    expect(denied.json.messages[0].code).toBe('9');
    const other = await mock.tokens(NEW.email, NEW.password);
    expect((await adminLogin(`FMID ${other.IdToken}`)).status).toBe(200);
  });

  it('serves server/status, databases and schedules; FMID on a call opens a session (X-FM-Access-Token)', async () => {
    const { IdToken } = await mock.tokens();
    const status = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/server/status`, 'GET', {
      headers: { authorization: `FMID ${IdToken}` },
    });
    expect(status.status).toBe(200);
    expect(status.json.response).toEqual({ status: 'RUNNING' });
    const issued = status.headers['x-fm-access-token'] as string;
    expect(issued).toBeTruthy();
    const bearer = { authorization: `Bearer ${issued}` };
    const files = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/databases`, 'GET', { headers: bearer });
    expect(files.json.response.files.files.map((file: { filename: string }) => file.filename)).toEqual([
      'Contacts.fmp12',
    ]);
    const schedules = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/schedules`, 'GET', {
      headers: bearer,
    });
    expect(schedules.json.response).toEqual({ schedules: [] });
    expect(mock.stats('filemakerCloud')).toMatchObject({ adminLogins: 1, adminRequests: 3 });
  });

  it('refuses a token after /sessions/expire with 9, or 1703 under adminApi.rejectedTokenCode', async () => {
    const { IdToken } = await mock.tokens();
    const token = (await adminLogin(`FMID ${IdToken}`)).json.response.token as string;
    await mock.control('POST', '/sessions/expire');
    const call = () =>
      rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/server/status`, 'GET', {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await call()).json.messages[0].code).toBe('9');
    await mock.options({ adminApi: { rejectedTokenCode: '1703' } });
    const refused = await call();
    expect(refused.status).toBe(401);
    expect(refused.json.messages[0].code).toBe('1703');
  });

  it('answers unknown Admin API paths with 1700', async () => {
    const res = await rawCall(`${mock.cloudUrl}/fmi/admin/api/v2/nothing`, 'GET');
    expect(res.status).toBe(404);
    expect(res.json.messages[0].code).toBe('1700');
  });
});
