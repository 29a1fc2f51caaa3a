import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const SESSIONS = '/fmi/data/vLatest/databases/Contacts/sessions';
const json = (authorization?: string) => ({
  ...(authorization ? { authorization } : {}),
  'content-type': 'application/json',
});

describe('FileMaker Server login', () => {
  it('returns the token in the X-FM-Data-Access-Token header and in response.token', async () => {
    const res = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'admin-pass')),
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.json.messages).toEqual([{ code: '0', message: 'OK' }]);
    expect(res.json.response.token).toMatch(/^[0-9a-f]{52}$/);
    expect(res.headers['x-fm-data-access-token']).toBe(res.json.response.token);
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, failedLogins: 0, activeSessions: 1 });
  });

  it('creates a new session on every login', async () => {
    const a = await mock.login();
    const b = await mock.login();
    expect(a).not.toBe(b);
    expect(mock.stats().activeSessions).toBe(2);
  });

  it.each(['v1', 'v2', 'vLatest'])('accepts the %s version segment', async (version) => {
    await expect(mock.login('admin', 'admin-pass', 'Contacts', version)).resolves.toMatch(/^[0-9a-f]+$/);
  });

  it('matches account names case-insensitively but passwords exactly', async () => {
    await expect(mock.login('ADMIN', 'admin-pass')).resolves.toBeTruthy();
    const res = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'ADMIN-PASS')),
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('matches the database name case-insensitively at login', async () => {
    await expect(mock.login('admin', 'admin-pass', 'contacts')).resolves.toBeTruthy();
  });

  it('answers a wrong password with 401 / 212 and counts a failed login', async () => {
    const res = await mock.call('POST', SESSIONS, { headers: json(basic('admin', 'nope')), body: '{}' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      response: {},
      messages: [{ code: '212', message: 'Invalid user account and/or password; please try again' }],
    });
    expect(mock.stats()).toMatchObject({ successfulLogins: 0, failedLogins: 1, activeSessions: 0 });
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const unknown = await mock.call('POST', SESSIONS, { headers: json(basic('ghost', 'x')), body: '{}' });
    const wrong = await mock.call('POST', SESSIONS, { headers: json(basic('admin', 'x')), body: '{}' });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('answers a login without Authorization with 401 / 10', async () => {
    const res = await mock.call('POST', SESSIONS, { headers: json(), body: '{}' });
    expect(res.status).toBe(401);
    expect(res.json.messages[0]).toEqual({
      code: '10',
      message: 'HTTP Authorization header or OAuth headers are missing.',
    });
  });

  it.each([
    ['bad base64', 'Basic !!!not-base64!!!'],
    ['no colon', `Basic ${Buffer.from('admin').toString('base64')}`],
    ['empty credentials', 'Basic '],
  ])('answers a malformed Basic header (%s) with 401 / 212', async (_name, authorization) => {
    const res = await mock.call('POST', SESSIONS, { headers: json(authorization), body: '{}' });
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('212');
  });

  it('refuses an inactive account with 210 by default, 212 when switched', async () => {
    const first = await mock.call('POST', SESSIONS, {
      headers: json(basic('inactive', 'inactive-pass')),
      body: '{}',
    });
    expect(first.status).toBe(401);
    expect(first.json.messages[0]).toEqual({ code: '210', message: 'User account is inactive' });
    mock.server.mock.options.dataApi.inactiveAccountCode = '212';
    const second = await mock.call('POST', SESSIONS, {
      headers: json(basic('inactive', 'inactive-pass')),
      body: '{}',
    });
    expect(second.json.messages[0].code).toBe('212');
  });

  it('does not reveal an inactive account to a wrong password', async () => {
    const res = await mock.call('POST', SESSIONS, { headers: json(basic('inactive', 'wrong')), body: '{}' });
    expect(res.json.messages[0].code).toBe('212');
  });

  it('refuses an account without the fmrest privilege (212 by default, 9 when switched)', async () => {
    const first = await mock.call('POST', SESSIONS, {
      headers: json(basic('no-api', 'no-api-pass')),
      body: '{}',
    });
    expect(first.status).toBe(401);
    expect(first.json.messages[0].code).toBe('212');
    mock.server.mock.options.dataApi.missingPrivilegeCode = '9';
    const second = await mock.call('POST', SESSIONS, {
      headers: json(basic('no-api', 'no-api-pass')),
      body: '{}',
    });
    expect(second.json.messages[0]).toEqual({ code: '9', message: 'Insufficient privileges' });
  });

  it('refuses a database that is not hosted with 802', async () => {
    const res = await mock.call('POST', '/fmi/data/vLatest/databases/Nope/sessions', {
      headers: json(basic('admin', 'admin-pass')),
      body: '{}',
    });
    expect(res.status).toBe(500);
    expect(res.json.messages[0]).toEqual({ code: '802', message: 'Unable to open file' });
  });

  it('accepts fmDataSource entries in the login body and rejects malformed ones', async () => {
    const good = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'admin-pass')),
      body: JSON.stringify({ fmDataSource: [{ database: 'Other', username: 'u', password: 'p' }] }),
    });
    expect(good.status).toBe(200);
    const bad = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'admin-pass')),
      body: JSON.stringify({ fmDataSource: [{ database: 'Other' }] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.messages[0].code).toBe('960');
  });

  it('treats OAuth headers as an invalid login (no identity provider is configured)', async () => {
    const res = await mock.call('POST', SESSIONS, {
      headers: { ...json(), 'x-fm-data-oauth-request-id': 'r', 'x-fm-data-oauth-identifier': 'i' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('212');
  });

  it('answers 956 once maxSessions sessions are open (812 when switched)', async () => {
    mock.server.mock.options.dataApi.maxSessions = 2;
    await mock.login();
    await mock.login();
    const third = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'admin-pass')),
      body: '{}',
    });
    expect(third.status).toBe(500);
    expect(third.json.messages[0]).toEqual({
      code: '956',
      message: 'Maximum number of database sessions exceeded (*)',
    });
    mock.server.mock.options.dataApi.sessionLimitCode = '812';
    const fourth = await mock.call('POST', SESSIONS, {
      headers: json(basic('admin', 'admin-pass')),
      body: '{}',
    });
    expect(fourth.json.messages[0].code).toBe('812');
  });

  it('frees a session slot when a session expires', async () => {
    mock.server.mock.options.dataApi.maxSessions = 1;
    await mock.login();
    mock.server.mock.clock.advance(15 * 60_000);
    await expect(mock.login()).resolves.toBeTruthy();
  });
});
