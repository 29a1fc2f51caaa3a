import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { DEV, NEW, rawCall, useCloudMock } from './cognito-helpers.js';

const DISABLED = { email: 'gone@example.com', password: 'Gone-pass-1' };
const mock = useCloudMock({
  fixture: {
    ...DEFAULT_FIXTURE,
    databases: [
      ...DEFAULT_FIXTURE.databases,
      {
        name: 'Private',
        hostedOn: ['filemaker-cloud'],
        clarisIdAccess: [NEW.email.toUpperCase()],
        tables: [{ name: 'Notes', fields: [{ name: 'text' }], records: [{ text: 'hello' }] }],
        layouts: [{ name: 'Notes' }],
      },
    ],
    clarisIdUsers: [...(DEFAULT_FIXTURE.clarisIdUsers ?? []), { ...DISABLED }],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

function expectHtml401(res: { status: number; headers: Record<string, unknown>; text: string }) {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.text).toContain('401 Authorization Required');
}

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
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(records.status).toBe(200);
    expect(records.json.response.data.length).toBeGreaterThan(0);
    expect(mock.stats('filemakerCloud')).toMatchObject({ successfulLogins: 1, activeSessions: 1 });
  });

  it('rejects Basic credentials, even a correct Claris ID password, with JSON 212', async () => {
    const basic = `Basic ${Buffer.from(`${DEV.email}:${DEV.password}`).toString('base64')}`;
    const res = await mock.cloudLogin(basic);
    expect(res.status).toBe(401);
    expect(res.json.messages[0]).toEqual({
      code: '212',
      message: 'Invalid user account and/or password; please try again',
    });
    expect(mock.stats('filemakerCloud').failedLogins).toBe(1);
  });

  it('answers a login without Authorization with code 10', async () => {
    const res = await mock.cloudLogin(undefined);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('10');
  });

  it('refuses an expired FMID with HTTP 401 and an HTML page', async () => {
    const { IdToken } = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    expectHtml401(await mock.cloudLogin(`FMID ${IdToken}`));
  });

  it('answers JSON 212 instead when rejectedFmidResponse is "json"', async () => {
    await mock.options({ filemakerCloud: { rejectedFmidResponse: 'json' } });
    const { IdToken } = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    const res = await mock.cloudLogin(`FMID ${IdToken}`);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('212');
  });

  it('refuses the access token (token_use "access"), a tampered signature and garbage', async () => {
    const { AccessToken, IdToken } = await mock.tokens();
    expectHtml401(await mock.cloudLogin(`FMID ${AccessToken}`));
    const [header, payload, signature] = IdToken.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expectHtml401(await mock.cloudLogin(`FMID ${header}.${payload}.${flipped}`));
    expectHtml401(await mock.cloudLogin('FMID not-a-jwt'));
    expectHtml401(await mock.cloudLogin(`FMID ${'a'.repeat(10_000)}`));
  });

  it('refuses a token of another client (audience) or another pool (issuer)', async () => {
    const { IdToken } = await mock.tokens();
    await mock.options({ cognito: { clientId: 'anotherclient' } });
    expectHtml401(await mock.cloudLogin(`FMID ${IdToken}`));
    await mock.control('POST', '/reset');
    const fresh = await mock.tokens();
    await mock.options({ cognito: { userPoolId: 'us-west-2_Different1' } });
    expectHtml401(await mock.cloudLogin(`FMID ${fresh.IdToken}`));
  });

  it('lets in only the Claris IDs a database lists, compared case-insensitively', async () => {
    const dev = await mock.tokens();
    const denied = await mock.cloudLogin(`FMID ${dev.IdToken}`, 'Private');
    expect(denied.status).toBe(401);
    expect(denied.json.messages[0].code).toBe('212');
    const other = await mock.tokens(NEW.email, NEW.password);
    expect((await mock.cloudLogin(`FMID ${other.IdToken}`, 'Private')).status).toBe(200);
  });

  it('answers 802 for a database FileMaker Cloud does not host', async () => {
    const { IdToken } = await mock.tokens();
    const res = await mock.cloudLogin(`FMID ${IdToken}`, 'Nowhere');
    expect(res.json.messages[0].code).toBe('802');
  });

  it('answers productInfo without auth, as a FileMaker Data API Engine', async () => {
    const res = await rawCall(`${mock.cloudUrl}/fmi/data/vLatest/productInfo`, 'GET');
    expect(res.status).toBe(200);
    expect(res.json.response.productInfo.name).toBe('FileMaker Data API Engine');
  });

  it('needs FMID for the database list when "Filter Databases" is on', async () => {
    await mock.options({ dataApi: { filterDatabases: true } });
    const anonymous = await rawCall(`${mock.cloudUrl}/fmi/data/vLatest/databases`, 'GET');
    expect(anonymous.status).toBe(401);
    const { IdToken } = await mock.tokens();
    const listed = await rawCall(`${mock.cloudUrl}/fmi/data/vLatest/databases`, 'GET', {
      headers: { authorization: `FMID ${IdToken}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.json.response.databases.map((db: { name: string }) => db.name)).toContain('Contacts');
  });
});
