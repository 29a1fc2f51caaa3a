import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockControl, mockControl } from '../src/index.js';
import { basic, useMock } from './helpers.js';

const mock = useMock();
let control: MockControl;
beforeAll(async () => {
  await mock.start();
  control = mockControl(mock.server.endpoints.control as string);
});
afterAll(() => mock.stop());
beforeEach(() => control.reset());

const ADMIN = '/fmi/admin/api/v2';
const CONSOLE = basic('admin', 'admin-pass');
const JSON_TYPE = { 'content-type': 'application/json' };

async function login(authorization = CONSOLE) {
  return mock.call('POST', `${ADMIN}/user/auth`, { headers: { authorization, ...JSON_TYPE }, body: '{}' });
}

async function token(): Promise<string> {
  const res = await login();
  expect(res.status).toBe(200);
  return res.json.response.token as string;
}

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

function scheduleBody(account: string, password: string) {
  return {
    name: 'Nightly export',
    enabled: true,
    filemakerScriptType: {
      resource: 'file:Contacts',
      fmScriptName: 'Export',
      fmScriptAccount: account,
      fmScriptPassword: password,
    },
    dailyType: { startTimeStamp: '2026-01-01T02:00:00' },
  };
}

describe('FileMaker Server Admin API: login and logout', () => {
  it('logs the Admin Console account in with Basic: token in the body, messages keyed text', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response: { token: expect.any(String) },
      messages: [{ code: '0', text: 'OK' }],
    });
    expect(mock.stats()).toMatchObject({ adminLogins: 1, adminFailedLogins: 0, adminActiveSessions: 1 });
  });

  it('takes the console name in any case, and never a database account with another password', async () => {
    expect((await login(basic('ADMIN', 'admin-pass'))).status).toBe(200);
    expect((await login(basic('no-api', 'no-api-pass'))).status).toBe(401);
  });

  it('logs out with the token in the path and no Authorization header; a second logout is refused', async () => {
    const value = await token();
    const out = await mock.call('DELETE', `${ADMIN}/user/auth/${value}`);
    expect(out.status).toBe(200);
    expect(out.json.messages).toEqual([{ code: '0', text: 'OK' }]);
    const again = await mock.call('DELETE', `${ADMIN}/user/auth/${value}`);
    expect(again.status).toBe(401);
    expect(again.json.messages[0].code).toBe('9');
    expect(mock.stats()).toMatchObject({ adminLogouts: 1, adminActiveSessions: 0 });
  });

  it('refuses a wrong password with 401 / 212, or 1703 when adminApi.invalidLoginCode says so', async () => {
    const wrong = await login(basic('admin', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.messages).toEqual([
      { code: '212', text: 'Invalid user account and/or password; please try again' },
    ]);
    await control.setOptions({ adminApi: { invalidLoginCode: '1703' } });
    const other = await login(basic('admin', 'nope'));
    expect(other.status).toBe(401);
    expect(other.json.messages[0].code).toBe('1703');
    expect(mock.stats()).toMatchObject({ adminLogins: 0, adminFailedLogins: 2 });
  });

  it('logs in with the console account the fixture options name', async () => {
    await control.setOptions({ adminApi: { adminUsername: 'root', adminPassword: 'S3cret!' } });
    expect((await login()).status).toBe(401);
    expect((await login(basic('root', 'S3cret!'))).status).toBe(200);
  });

  it('answers a malformed Basic header, another scheme or no header with 1702', async () => {
    for (const authorization of [
      'Basic !!!not-base64',
      'Basic ' + Buffer.from('no-colon').toString('base64'),
      'PKI abc',
    ]) {
      const res = await login(authorization);
      expect(res.status).toBe(401);
      expect(res.json.messages[0].code).toBe('1702');
    }
    const none = await mock.call('POST', `${ADMIN}/user/auth`, { headers: JSON_TYPE, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json.messages[0].code).toBe('1702');
  });

  it('caps open sessions with 956 (HTTP 500)', async () => {
    await control.setOptions({ adminApi: { maxSessions: 2 } });
    await token();
    await token();
    const third = await login();
    expect(third.status).toBe(500);
    expect(third.json.messages).toEqual([
      { code: '956', text: 'Maximum number of Admin API sessions exceeded' },
    ]);
  });
});

describe('FileMaker Server Admin API: tokens on calls', () => {
  it('accepts Basic on any call, answering with a new session token in X-FM-Access-Token', async () => {
    const res = await mock.call('GET', `${ADMIN}/server/status`, { headers: { authorization: CONSOLE } });
    expect(res.status).toBe(200);
    expect(res.json.response).toEqual({ status: 'RUNNING' });
    const issued = res.headers['x-fm-access-token'] as string;
    expect(issued).toMatch(/^\S{20,}$/);
    const next = await mock.call('GET', `${ADMIN}/server/status`, { headers: bearer(issued) });
    expect(next.status).toBe(200);
    expect(next.headers['x-fm-access-token']).toBeUndefined();
    expect(mock.stats()).toMatchObject({ adminLogins: 1 });
  });

  it('refuses an unknown or idle bearer token with 401 / 9, or 1703 under rejectedTokenCode', async () => {
    const value = await token();
    mock.server.mock.clock.advance(14 * 60_000 + 59_000);
    expect((await mock.call('GET', `${ADMIN}/server/status`, { headers: bearer(value) })).status).toBe(200);
    mock.server.mock.clock.advance(15 * 60_000);
    const idle = await mock.call('GET', `${ADMIN}/server/status`, { headers: bearer(value) });
    expect(idle.status).toBe(401);
    expect(idle.json.messages).toEqual([{ code: '9', text: 'Access denied' }]);
    await control.setOptions({ adminApi: { rejectedTokenCode: '1703' } });
    const unknown = await mock.call('GET', `${ADMIN}/databases`, { headers: bearer('nope') });
    expect(unknown.status).toBe(401);
    expect(unknown.json.messages[0].code).toBe('1703');
  });

  it('ends Admin API sessions on POST /sessions/expire and on reset', async () => {
    const first = await token();
    await control.expireSessions();
    expect((await mock.call('GET', `${ADMIN}/server/status`, { headers: bearer(first) })).status).toBe(401);
    const second = await token();
    await control.reset();
    expect((await mock.call('GET', `${ADMIN}/server/status`, { headers: bearer(second) })).status).toBe(401);
  });

  it('answers a call without any Authorization header with 1702', async () => {
    const res = await mock.call('GET', `${ADMIN}/databases`);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('1702');
  });
});

describe('FileMaker Server Admin API: calls', () => {
  it('lists the files FileMaker Server hosts', async () => {
    const res = await mock.call('GET', `${ADMIN}/databases`, { headers: bearer(await token()) });
    expect(res.status).toBe(200);
    expect(res.json.response).toMatchObject({
      totalDBCount: 1,
      files: { files: [{ filename: 'Contacts.fmp12', status: 'NORMAL' }] },
    });
  });

  it('creates, lists, runs and deletes a script schedule checked against the file accounts', async () => {
    const auth = { ...bearer(await token()), ...JSON_TYPE };
    const created = await mock.call('POST', `${ADMIN}/schedules/filemakerscript`, {
      headers: auth,
      body: JSON.stringify(scheduleBody('admin', 'admin-pass')),
    });
    expect(created.status).toBe(200);
    const id = created.json.response.id as string;
    const listed = await mock.call('GET', `${ADMIN}/schedules`, { headers: auth });
    expect(listed.json.response.schedules).toHaveLength(1);
    expect(listed.text).not.toContain('admin-pass');
    const run = await mock.call('PATCH', `${ADMIN}/schedules/${id}`, {
      headers: auth,
      body: JSON.stringify({ status: 'RUNNING' }),
    });
    expect(run.status).toBe(200);
    expect(run.json.response.schedule.lastResult).toEqual({ code: '0', text: 'OK' });
    expect((await mock.call('DELETE', `${ADMIN}/schedules/${id}`, { headers: auth })).status).toBe(200);
    expect(mock.stats()).toMatchObject({ schedulesCreated: 1, scheduleRuns: 1, scheduleRunsFailed: 0 });
  });

  it('records a run with a wrong script password as a failed run (212 in lastResult)', async () => {
    const auth = { ...bearer(await token()), ...JSON_TYPE };
    const created = await mock.call('POST', `${ADMIN}/schedules/filemakerscript`, {
      headers: auth,
      body: JSON.stringify(scheduleBody('admin', 'wrong')),
    });
    const id = created.json.response.id as string;
    const run = await mock.call('PATCH', `${ADMIN}/schedules/${id}`, {
      headers: auth,
      body: JSON.stringify({ status: 'RUNNING' }),
    });
    expect(run.json.response.schedule.lastResult.code).toBe('212');
    expect(mock.stats()).toMatchObject({ scheduleRunsFailed: 1 });
  });
});

describe('FileMaker Server Admin API: bad input', () => {
  it('answers an unknown path with 404 / 1700, before any credential check', async () => {
    for (const path of [
      `${ADMIN}/nothing`,
      `${ADMIN}/server/status/extra`,
      '/fmi/admin/api/v9/server/status',
    ]) {
      const res = await mock.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.json.messages).toEqual([{ code: '1700', text: "Resource doesn't exist" }]);
    }
  });

  it('answers the v1 API with its non-envelope body', async () => {
    const res = await mock.call('POST', '/fmi/admin/api/v1/user/login', {
      headers: { authorization: CONSOLE },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ result: -1 });
  });

  it('answers a wrong method on a known path with 405 / 1700', async () => {
    const res = await mock.call('PUT', `${ADMIN}/server/status`, { headers: { authorization: CONSOLE } });
    expect(res.status).toBe(405);
    expect(res.json.messages[0].code).toBe('1700');
    expect(mock.stats().adminLogins).toBe(0);
  });

  it('answers a body that is not JSON, or not a schedule, with 400 / 1708', async () => {
    const auth = { ...bearer(await token()), ...JSON_TYPE };
    for (const body of ['{"name":', '[]', JSON.stringify({ name: 'x' })]) {
      const res = await mock.call('POST', `${ADMIN}/schedules/filemakerscript`, { headers: auth, body });
      expect(res.status).toBe(400);
      expect(res.json.messages[0].code).toBe('1708');
    }
  });

  it('keeps the console password out of every answer', async () => {
    const answers = [
      await login(basic('admin', 'admin-pass')),
      await login(basic('admin', 'admin-pass-typo')),
    ];
    for (const res of answers) expect(res.text).not.toContain('admin-pass');
  });
});
