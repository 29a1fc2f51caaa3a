import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { DEV, NEW, rawCall, useCloudMock } from './cognito-helpers.js';

// A second file only NEW may open, to show the per-file access check on both Claris ID flavors.
const mock = useCloudMock({
  fixture: {
    ...DEFAULT_FIXTURE,
    databases: [
      ...DEFAULT_FIXTURE.databases,
      {
        name: 'Private',
        hostedOn: ['filemaker-cloud', 'claris-server'],
        clarisIdAccess: [NEW.email],
        tables: [{ name: 'Notes', fields: [{ name: 'text' }], records: [{ text: 'hello' }] }],
        layouts: [{ name: 'Notes' }],
      },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const odataUrl = (base: string, path: string) => `${base}/fmi/odata/v4${path}`;

describe('FileMaker Cloud OData: FMID <Claris ID token> on every request', () => {
  const cloud = (path: string, authorization?: string, method = 'GET', body?: string) =>
    rawCall(odataUrl(mock.cloudUrl, path), method, {
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body } : {}),
    });

  it('serves records, writes and scripts to a Claris ID token, with no session', async () => {
    const { IdToken } = await mock.tokens();
    const fmid = `FMID ${IdToken}`;
    const list = await cloud('/Contacts/Contacts?$top=2', fmid);
    expect(list.status).toBe(200);
    expect(list.json['@context']).toBe(`${mock.cloudUrl}/fmi/odata/v4/Contacts/$metadata#Contacts`);
    expect(list.json.value).toHaveLength(2);
    const created = await cloud('/Contacts/Contacts', fmid, 'POST', '{"name":"Cloud Person"}');
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${mock.cloudUrl}/fmi/odata/v4/Contacts/Contacts(ROWID=7)`);
    const script = await cloud('/Contacts/Script.Echo', fmid, 'POST', '{"scriptParameterValue":"cloud"}');
    expect(script.json).toEqual({ scriptResult: { code: 0, resultParameter: 'cloud' } });
    expect(mock.stats('filemakerCloud')).toMatchObject({
      odataRequests: 3,
      successfulLogins: 0,
      activeSessions: 0,
    });
  });

  it('lists only the files the Claris ID may open', async () => {
    const dev = await cloud('', `FMID ${(await mock.tokens()).IdToken}`);
    expect(dev.json.value.map((db: { name: string }) => db.name)).toEqual(['Contacts']);
    const other = await cloud('', `FMID ${(await mock.tokens(NEW.email, NEW.password)).IdToken}`);
    expect(other.json.value.map((db: { name: string }) => db.name)).toEqual(['Contacts', 'Private']);
    expect((await cloud('/Private/Notes', `FMID ${(await mock.tokens()).IdToken}`)).status).toBe(401);
  });

  it('refuses Basic (even the right Claris ID password), a forged token and an expired one', async () => {
    const withBasic = await cloud('/Contacts/Contacts', basic(DEV.email, DEV.password));
    expect(withBasic.status).toBe(401);
    expect(withBasic.text).toContain('(212): Invalid account/password');
    const forged = await cloud('/Contacts/Contacts', 'FMID not.a.token');
    expect(forged.status).toBe(401);
    expect(forged.headers['content-type']).toMatch(/^text\/html/);
    const { IdToken } = await mock.tokens();
    await mock.control('POST', '/clock', { advanceMinutes: 61 });
    const expired = await cloud('/Contacts/Contacts', `FMID ${IdToken}`);
    expect(expired.status).toBe(401);
    expect(expired.text).not.toContain(IdToken);
    expect(mock.stats('filemakerCloud').odataFailedAuth).toBe(3);
  });
});

describe('Claris Server OData: Claris ID email + extended password', () => {
  const clarisUrl = () => mock.server.endpoints.clarisServer as string;
  const claris = (path: string, authorization?: string) =>
    rawCall(odataUrl(clarisUrl(), path), 'GET', { headers: authorization ? { authorization } : {} });

  it('serves a Claris ID email with its extended account password', async () => {
    const res = await claris('/Contacts/Contacts/$count', basic(DEV.email, 'Extended-pass-1'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('6');
  });

  it('refuses the plain Claris ID password and counts it where the Data API does', async () => {
    const res = await claris('/Contacts/Contacts', basic(DEV.email, DEV.password));
    expect(res.status).toBe(401);
    expect(res.text).toContain('<m:code>212</m:code>');
    expect(mock.server.mock.stats().clarisServer).toMatchObject({
      rejectedClarisIdPasswords: 1,
      odataFailedAuth: 1,
    });
  });

  it('lists the files a Claris ID may open, and counts a plain-password refusal at the root once', async () => {
    const dev = await claris('', basic(DEV.email, 'Extended-pass-1'));
    expect(dev.json.value.map((db: { name: string }) => db.name)).toEqual(['Contacts']);
    const refused = await claris('', basic(DEV.email, DEV.password));
    expect(refused.status).toBe(401);
    expect(mock.server.mock.stats().clarisServer).toMatchObject({
      rejectedClarisIdPasswords: 1,
      odataFailedAuth: 1,
    });
  });

  it('refuses a user who never set an extended password, and a file outside the access list', async () => {
    expect((await claris('/Contacts/Contacts', basic(NEW.email, NEW.password))).status).toBe(401);
    expect((await claris('/Private/Notes', basic(DEV.email, 'Extended-pass-1'))).status).toBe(401);
  });
});
