import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { basicHeader, DEV, NEW, useClarisMock } from './claris-helpers.js';

const mock = useClarisMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const BAD_LOGIN = {
  response: {},
  messages: [{ code: '212', message: 'Invalid user account and/or password; please try again' }],
};

describe('Claris Server Data API login', () => {
  it('is announced in the readiness endpoints', () => {
    expect(mock.server.readiness.endpoints.clarisServer).toBe(`${mock.server.url}/claris-server`);
  });

  it('accepts the Claris ID email with the extended account password', async () => {
    const res = await mock.dataApiLogin(DEV.email, DEV.extended);
    expect(res.status).toBe(200);
    expect(res.json.messages).toEqual([{ code: '0', message: 'OK' }]);
    expect(res.json.response.token).toMatch(/^[0-9a-f]{52}$/);
    expect(res.headers['x-fm-data-access-token']).toBe(res.json.response.token);
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, failedLogins: 0, activeSessions: 1 });
  });

  it('matches the email case-insensitively, the password exactly', async () => {
    expect((await mock.dataApiLogin('DEV@Example.COM', DEV.extended)).status).toBe(200);
    expect((await mock.dataApiLogin(DEV.email, DEV.extended.toUpperCase())).status).toBe(401);
  });

  it('refuses the plain Claris ID password exactly like a bad login, and counts it apart', async () => {
    const plain = await mock.dataApiLogin(DEV.email, DEV.password);
    const wrong = await mock.dataApiLogin(DEV.email, 'not-the-password');
    expect(plain.status).toBe(401);
    expect(plain.json).toEqual(BAD_LOGIN);
    expect(plain.text).toBe(wrong.text);
    expect(plain.headers['content-type']).toBe(wrong.headers['content-type']);
    expect(mock.stats()).toMatchObject({
      failedLogins: 2,
      rejectedClarisIdPasswords: 1,
      successfulLogins: 0,
    });
    const viaControl = await mockControl(mock.control).stats();
    expect(viaControl.clarisServer?.rejectedClarisIdPasswords).toBe(1);
  });

  it('refuses a user who never set an extended password, whatever the password', async () => {
    const plain = await mock.dataApiLogin(NEW.email, NEW.password);
    const other = await mock.dataApiLogin(NEW.email, 'Extended-pass-1');
    expect(plain.status).toBe(401);
    expect(plain.json).toEqual(BAD_LOGIN);
    expect(other.json).toEqual(BAD_LOGIN);
    // new@ typed their correct Claris ID password: that is the counted mistake.
    expect(mock.stats().rejectedClarisIdPasswords).toBe(1);
  });

  it('refuses an unknown email like a wrong password', async () => {
    const res = await mock.dataApiLogin('ghost@example.com', DEV.extended);
    expect(res.status).toBe(401);
    expect(res.json).toEqual(BAD_LOGIN);
    expect(mock.stats().rejectedClarisIdPasswords).toBe(0);
  });

  it('refuses FileMaker accounts of the file: Claris Server knows only Claris IDs', async () => {
    const res = await mock.dataApiLogin('admin', 'admin-pass');
    expect(res.status).toBe(401);
    expect(res.json).toEqual(BAD_LOGIN);
  });

  it('answers a login without Authorization with 401 / 10', async () => {
    const res = await mock.call('POST', '/fmi/data/vLatest/databases/Contacts/sessions', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('10');
  });

  it('answers a malformed Basic header with 401 / 212 "Authorization header \'Basic\' invalid."', async () => {
    const res = await mock.call('POST', '/fmi/data/vLatest/databases/Contacts/sessions', {
      headers: { authorization: 'Basic ###', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.json.messages).toEqual([{ code: '212', message: "Authorization header 'Basic' invalid." }]);
  });

  it('answers an unknown database with 802', async () => {
    const res = await mock.dataApiLogin(DEV.email, DEV.extended, 'Nope');
    expect(res.status).toBe(500);
    expect(res.json.messages[0].code).toBe('802');
  });
});

describe('Claris Server Data API sessions and records', () => {
  it('serves the shared record operations with the session token', async () => {
    const token = (await mock.dataApiLogin(DEV.email, DEV.extended)).json.response.token as string;
    const bearer = { authorization: `Bearer ${token}` };
    const records = await mock.call('GET', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records', {
      headers: bearer,
    });
    expect(records.status).toBe(200);
    expect(records.json.response.dataInfo.foundCount).toBe(6);
    const created = await mock.call('POST', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records', {
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ fieldData: { name: 'Hedy Lamarr', city: 'Vienna' } }),
    });
    expect(created.status).toBe(200);
    const recordId = created.json.response.recordId as string;
    const read = await mock.call(
      'GET',
      `/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records/${recordId}`,
      {
        headers: bearer,
      },
    );
    expect(read.json.response.data[0].fieldData).toMatchObject({ name: 'Hedy Lamarr', city: 'Vienna' });
    const logout = await mock.call('DELETE', `/fmi/data/vLatest/databases/Contacts/sessions/${token}`);
    expect(logout.status).toBe(200);
    const after = await mock.call('GET', '/fmi/data/vLatest/validateSession', { headers: bearer });
    expect(after.status).toBe(401);
    expect(after.json.messages[0].code).toBe('952');
  });

  it('keeps its records apart from the FileMaker Server flavor', async () => {
    const token = (await mock.dataApiLogin(DEV.email, DEV.extended)).json.response.token as string;
    await mock.call('POST', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fieldData: { name: 'Only on Claris Server' } }),
    });
    const fms = mock.server.endpoints.filemakerServer as string;
    const login = await fetch(`${fms}/fmi/data/vLatest/databases/Contacts/sessions`, {
      method: 'POST',
      headers: { authorization: basicHeader('admin', 'admin-pass'), 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    const fmsToken = ((await login.json()) as { response: { token: string } }).response.token;
    const list = await fetch(`${fms}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records`, {
      headers: { authorization: `Bearer ${fmsToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await list.json()) as { response: { dataInfo: { foundCount: number } } };
    expect(body.response.dataInfo.foundCount).toBe(6);
  });
});

describe('Claris Server productInfo', () => {
  it('reports the Claris Data API Engine, version 40.x, without credentials', async () => {
    const res = await mock.call('GET', '/fmi/data/vLatest/productInfo');
    expect(res.status).toBe(200);
    expect(res.json.response.productInfo).toMatchObject({
      name: 'Claris Data API Engine',
      version: expect.stringMatching(/^40\./),
      dateFormat: 'MM/dd/yyyy',
    });
  });

  it('follows the productName / productVersion switches', async () => {
    const control = mockControl(mock.control);
    await control.setOptions({
      clarisServer: { productName: 'FileMaker Data API Engine', productVersion: '40.1.0.5' },
    });
    const res = await mock.call('GET', '/fmi/data/vLatest/productInfo');
    expect(res.json.response.productInfo).toMatchObject({
      name: 'FileMaker Data API Engine',
      version: '40.1.0.5',
    });
    await control.setOptions({ dataApi: { productInfoVersion: false } });
    const hidden = await mock.call('GET', '/fmi/data/vLatest/productInfo');
    expect(hidden.json.response.productInfo.version).toBeUndefined();
  });
});

describe('Claris Server switches', () => {
  it('clarisIdPasswordLogin: "accept" lets the plain Claris ID password in', async () => {
    await mockControl(mock.control).setOptions({ clarisServer: { clarisIdPasswordLogin: 'accept' } });
    expect((await mock.dataApiLogin(DEV.email, DEV.password)).status).toBe(200);
    expect(mock.stats().rejectedClarisIdPasswords).toBe(0);
  });
});

describe('Claris Server access rules from the fixture', () => {
  const restricted = useClarisMock({
    fixture: {
      databases: [
        {
          name: 'Team',
          clarisIdAccess: ['Dev@Example.com'],
          tables: [{ name: 'Team', fields: [{ name: 'name' }] }],
          layouts: [{ name: 'Team' }],
        },
        {
          name: 'OnlyOnFileMakerServer',
          hostedOn: ['filemaker-server'],
          tables: [{ name: 'T', fields: [{ name: 'name' }] }],
          layouts: [{ name: 'T' }],
        },
      ],
      clarisIdUsers: [
        { email: 'dev@example.com', password: 'ClarisID-pass-1', extendedPassword: 'Extended-pass-1' },
        { email: 'other@example.com', password: 'ClarisID-pass-9', extendedPassword: 'Extended-pass-9' },
        {
          email: 'off@example.com',
          password: 'ClarisID-pass-8',
          extendedPassword: 'Extended-pass-8',
          enabled: false,
        },
      ],
    },
  });
  beforeAll(() => restricted.start());
  afterAll(() => restricted.stop());
  beforeEach(() => restricted.server.mock.reset());

  it("lets in only the Claris IDs of the file's account access list (case-insensitive)", async () => {
    expect((await restricted.dataApiLogin('dev@example.com', 'Extended-pass-1', 'Team')).status).toBe(200);
    const other = await restricted.dataApiLogin('other@example.com', 'Extended-pass-9', 'Team');
    expect(other.status).toBe(401);
    expect(other.json).toEqual(BAD_LOGIN);
  });

  it('hosts only the files whose hostedOn names claris-server', async () => {
    const res = await restricted.dataApiLogin('dev@example.com', 'Extended-pass-1', 'OnlyOnFileMakerServer');
    expect(res.json.messages[0].code).toBe('802');
    const list = await restricted.call('GET', '/fmi/data/vLatest/databases');
    expect(list.json.response.databases).toEqual([{ name: 'Team' }]);
  });

  it('refuses a disabled Claris ID with 210, or 212 under inactiveAccountCode "212"', async () => {
    const inactive = await restricted.dataApiLogin('off@example.com', 'Extended-pass-8', 'Team');
    expect(inactive.status).toBe(401);
    expect(inactive.json.messages).toEqual([{ code: '210', message: 'User account is inactive' }]);
    await mockControl(restricted.control).setOptions({ dataApi: { inactiveAccountCode: '212' } });
    const off = await restricted.dataApiLogin('off@example.com', 'Extended-pass-8', 'Team');
    expect(off.json).toEqual(BAD_LOGIN);
  });

  it('asks for the extended account on the database list under filterDatabases', async () => {
    await mockControl(restricted.control).setOptions({ dataApi: { filterDatabases: true } });
    const anonymous = await restricted.call('GET', '/fmi/data/vLatest/databases');
    expect(anonymous.status).toBe(401);
    const plain = await restricted.call('GET', '/fmi/data/vLatest/databases', {
      headers: { authorization: basicHeader('dev@example.com', 'ClarisID-pass-1') },
    });
    expect(plain.status).toBe(401);
    expect(restricted.stats().rejectedClarisIdPasswords).toBe(1);
    const extended = await restricted.call('GET', '/fmi/data/vLatest/databases', {
      headers: { authorization: basicHeader('dev@example.com', 'Extended-pass-1') },
    });
    expect(extended.status).toBe(200);
    const noAccess = await restricted.call('GET', '/fmi/data/vLatest/databases', {
      headers: { authorization: basicHeader('other@example.com', 'Extended-pass-9') },
    });
    expect(noAccess.status).toBe(401);
  });
});
