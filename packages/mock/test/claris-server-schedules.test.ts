import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { basicHeader, DEV, NEW, useClarisMock } from './claris-helpers.js';

const mock = useClarisMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const ADMIN = '/fmi/admin/api/v2';
const BAD_LOGIN = { code: '212', text: 'Invalid user account and/or password; please try again' };

async function adminToken(): Promise<string> {
  const res = await mock.call('POST', `${ADMIN}/user/auth`, {
    headers: { authorization: basicHeader('admin', 'admin-pass'), 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
  return res.json.response.token as string;
}

function scheduleBody(account: string, password: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'Nightly sync',
    enabled: false,
    filemakerScriptType: {
      resource: 'file:Contacts',
      fmScriptName: 'Sync',
      fmScriptParam: 'all',
      fmScriptAccount: account,
      fmScriptPassword: password,
      autoAbort: false,
      timeout: 0,
    },
    everyndaysType: {
      startTimeStamp: '2024-11-16T06:00:00',
      dailyDays: 1,
      repeatTask: { repeatFrequency: 3, repeatInterval: 'HOURS', endTime: '23:01:00' },
    },
    ...extra,
  };
}

async function admin(method: string, path: string, token: string, body?: unknown) {
  return mock.call(method, `${ADMIN}/${path}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function createSchedule(token: string, account: string, password: string): Promise<string> {
  const res = await admin('POST', 'schedules/filemakerscript', token, scheduleBody(account, password));
  expect(res.status).toBe(200);
  expect(res.json.messages).toEqual([{ code: '0', text: 'OK' }]);
  return res.json.response.id as string;
}

describe('Claris Server Admin API login', () => {
  it('returns a token in the body for the console administrator, messages keyed text', async () => {
    const res = await mock.call('POST', `${ADMIN}/user/auth`, {
      headers: { authorization: basicHeader('admin', 'admin-pass'), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response: { token: expect.any(String) },
      messages: [{ code: '0', text: 'OK' }],
    });
    expect(mock.stats()).toMatchObject({ adminLogins: 1, adminFailedLogins: 0 });
  });

  it('refuses a wrong admin password with 401 / 212, or 1703 under adminInvalidLoginCode', async () => {
    const wrong = () =>
      mock.call('POST', `${ADMIN}/user/auth`, {
        headers: { authorization: basicHeader('admin', 'nope'), 'content-type': 'application/json' },
        body: '{}',
      });
    const first = await wrong();
    expect(first.status).toBe(401);
    expect(first.json.messages).toEqual([BAD_LOGIN]);
    await mockControl(mock.control).setOptions({ clarisServer: { adminInvalidLoginCode: '1703' } });
    const second = await wrong();
    expect(second.json.messages[0].code).toBe('1703');
    expect(mock.stats().adminFailedLogins).toBe(2);
  });

  it('does not take a Claris ID (not even with the extended password) as administrator', async () => {
    const res = await mock.call('POST', `${ADMIN}/user/auth`, {
      headers: { authorization: basicHeader(DEV.email, DEV.extended), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('needs the bearer token on schedule calls', async () => {
    expect((await mock.call('GET', `${ADMIN}/schedules`)).status).toBe(401);
    const res = await mock.call('GET', `${ADMIN}/schedules`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.json.messages[0]).toHaveProperty('text');
  });
});

describe('Claris Server script schedules', () => {
  it('creates, lists, runs and deletes a schedule whose script account is the extended account', async () => {
    const token = await adminToken();
    const id = await createSchedule(token, 'Dev@Example.com', DEV.extended);

    const list = await admin('GET', 'schedules', token);
    expect(list.status).toBe(200);
    expect(list.json.response.schedules).toHaveLength(1);
    const [listed] = list.json.response.schedules;
    expect(listed).toMatchObject({
      id,
      name: 'Nightly sync',
      enabled: false,
      lastRun: null,
      lastResult: null,
      filemakerScriptType: {
        resource: 'file:Contacts',
        fmScriptName: 'Sync',
        fmScriptAccount: 'Dev@Example.com',
      },
      everyndaysType: { dailyDays: 1 },
    });
    expect(list.text).not.toContain(DEV.extended);

    const run = await admin('PATCH', `schedules/${id}`, token, { status: 'RUNNING' });
    expect(run.status).toBe(200);
    expect(run.json.messages).toEqual([{ code: '0', text: 'OK' }]);
    expect(run.json.response.schedule.lastResult).toEqual({ code: '0', text: 'OK' });
    expect(run.json.response.schedule.lastRun).toMatch(/^\d{4}-\d\d-\d\dT/);

    const one = await admin('GET', `schedules/${id}`, token);
    expect(one.json.response.schedule.lastResult).toEqual({ code: '0', text: 'OK' });

    const deleted = await admin('DELETE', `schedules/${id}`, token);
    expect(deleted.status).toBe(200);
    expect((await admin('GET', 'schedules', token)).json.response.schedules).toEqual([]);
    expect((await admin('DELETE', `schedules/${id}`, token)).status).toBe(404);
    expect(mock.stats()).toMatchObject({
      schedulesCreated: 1,
      scheduleRuns: 1,
      scheduleRunsFailed: 0,
      schedules: 0,
    });
  });

  it('fails the run with 212 in lastResult when the script account uses the plain Claris ID password', async () => {
    const token = await adminToken();
    const id = await createSchedule(token, DEV.email, DEV.password);
    const run = await admin('PATCH', `schedules/${id}`, token, { status: 'RUNNING' });
    // The run request itself is accepted; the script's login fails and the schedule shows it.
    expect(run.status).toBe(200);
    expect(run.json.response.schedule.lastResult).toEqual(BAD_LOGIN);
    const list = await admin('GET', 'schedules', token);
    expect(list.json.response.schedules[0].lastResult).toEqual(BAD_LOGIN);
    expect(list.text).not.toContain(DEV.password);
    expect(mock.stats()).toMatchObject({
      scheduleRuns: 1,
      scheduleRunsFailed: 1,
      scheduleRunsRejectedClarisIdPasswords: 1,
      rejectedClarisIdPasswords: 0,
    });
  });

  it.each([
    ['a user without an extended password', NEW.email, NEW.password],
    ['a FileMaker account', 'admin', 'admin-pass'],
    ['no script account at all', '', ''],
  ])('fails the run for %s', async (_case, account, password) => {
    const token = await adminToken();
    const id = await createSchedule(token, account, password);
    const run = await admin('PATCH', `schedules/${id}`, token, { status: 'RUNNING' });
    expect(run.json.response.schedule.lastResult).toEqual(BAD_LOGIN);
  });

  it('runs once the user has set an extended password (control route), with that password', async () => {
    const token = await adminToken();
    const id = await createSchedule(token, NEW.email, 'Sched-extended-1');
    expect(
      (await admin('PATCH', `schedules/${id}`, token, { status: 'RUNNING' })).json.response.schedule
        .lastResult,
    ).toEqual(BAD_LOGIN);
    await mockControl(mock.control).call('POST', '/claris-id/extended-password', {
      email: NEW.email,
      extendedPassword: 'Sched-extended-1',
    });
    const again = await admin('PATCH', `schedules/${id}`, token, { status: 'RUNNING' });
    expect(again.json.response.schedule.lastResult).toEqual({ code: '0', text: 'OK' });
  });

  it('reports a file that is not hosted as 802 at run time', async () => {
    const token = await adminToken();
    const body = scheduleBody(DEV.email, DEV.extended);
    body.filemakerScriptType.resource = 'file:Missing';
    const created = await admin('POST', 'schedules/filemakerscript', token, body);
    const run = await admin('PATCH', `schedules/${created.json.response.id}`, token, { status: 'RUNNING' });
    expect(run.json.response.schedule.lastResult).toEqual({ code: '802', text: 'Unable to open file' });
  });

  it('enables and disables a schedule with PATCH {"enabled": …}', async () => {
    const token = await adminToken();
    const id = await createSchedule(token, DEV.email, DEV.extended);
    const on = await admin('PATCH', `schedules/${id}`, token, { enabled: true });
    expect(on.json.response.schedule).toMatchObject({ enabled: true, lastRun: null });
  });

  it('refuses the schedule at creation under scheduleCredentialCheck "create"', async () => {
    await mockControl(mock.control).setOptions({ clarisServer: { scheduleCredentialCheck: 'create' } });
    const token = await adminToken();
    const plain = await admin(
      'POST',
      'schedules/filemakerscript',
      token,
      scheduleBody(DEV.email, DEV.password),
    );
    expect(plain.status).toBe(400);
    expect(plain.json.messages).toEqual([BAD_LOGIN]);
    const good = await admin(
      'POST',
      'schedules/filemakerscript',
      token,
      scheduleBody(DEV.email, DEV.extended),
    );
    expect(good.status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{'],
    ['no name', JSON.stringify({ ...scheduleBody(DEV.email, DEV.extended), name: '' })],
    ['an unknown key', JSON.stringify(scheduleBody(DEV.email, DEV.extended, { colour: 'red' }))],
    [
      'no timing block',
      JSON.stringify({ name: 'x', filemakerScriptType: scheduleBody('a', 'b').filemakerScriptType }),
    ],
    ['two timing blocks', JSON.stringify(scheduleBody(DEV.email, DEV.extended, { dailyType: {} }))],
    [
      'a resource without file:',
      JSON.stringify({
        ...scheduleBody(DEV.email, DEV.extended),
        filemakerScriptType: { ...scheduleBody('a', 'b').filemakerScriptType, resource: 'Contacts' },
      }),
    ],
  ])('answers %s with 400 / 1708', async (_case, body) => {
    const token = await adminToken();
    const res = await mock.call('POST', `${ADMIN}/schedules/filemakerscript`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.json.messages).toEqual([{ code: '1708', text: 'Parameter value is invalid' }]);
  });

  it('answers a bad PATCH with 1708 and an unknown schedule with 404', async () => {
    const token = await adminToken();
    const id = await createSchedule(token, DEV.email, DEV.extended);
    expect((await admin('PATCH', `schedules/${id}`, token, { status: 'PAUSED' })).status).toBe(400);
    expect((await admin('PATCH', `schedules/${id}`, token, {})).status).toBe(400);
    expect((await admin('PATCH', 'schedules/999', token, { status: 'RUNNING' })).status).toBe(404);
    expect((await admin('GET', 'schedules/999', token)).status).toBe(404);
  });
});
