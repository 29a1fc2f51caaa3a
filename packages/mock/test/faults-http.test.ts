import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, mockControl, mockFaults, startMockServer } from '../src/index.js';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const LOGIN = '/fmi/data/vLatest/databases/Contacts/sessions';
const RECORDS = '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records';
const loginHeaders = { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' };

const faults = () => mockFaults(mock.server.endpoints.control as string);
const login = () => mock.call('POST', LOGIN, { headers: loginHeaders, body: '{}' });
const faultStats = () => mock.server.mock.stats().faults as Record<string, number>;

describe('fault injection over HTTP: the control route', () => {
  it('adds, lists and clears faults; POST /reset clears them too', async () => {
    const added = await faults().add({ kind: 'filemaker-952', service: 'filemakerServer', times: 2 });
    expect(added).toEqual({
      id: '1',
      kind: 'filemaker-952',
      service: 'filemakerServer',
      times: 2,
      remaining: 2,
    });
    await faults().add({ kind: 'bad-gateway', service: 'claris-server', path: '/records', method: 'get' });
    const { faults: listed, stats } = await faults().list();
    expect(listed.map((f) => [f.kind, f.service, f.method ?? null])).toEqual([
      ['filemaker-952', 'filemakerServer', null],
      ['bad-gateway', 'clarisServer', 'GET'],
    ]);
    expect(stats).toMatchObject({ injected: 0, pending: 3 });
    expect(await faults().clear()).toEqual({ cleared: 2 });
    expect((await faults().list()).faults).toEqual([]);

    await faults().add({ kind: 'reset' });
    await mockControl(mock.server.endpoints.control as string).reset();
    expect((await faults().list()).faults).toEqual([]);
    expect((await login()).status).toBe(200);
  });

  it('lists the routes in the control index', async () => {
    const index = (await (await fetch(mock.server.endpoints.control as string)).json()) as {
      routes: Array<{ method: string; path: string }>;
    };
    const routes = index.routes.filter((r) => r.path === '/faults').map((r) => r.method);
    expect(routes.sort()).toEqual(['DELETE', 'GET', 'POST']);
  });

  it('answers 400 with a clear message for bad input', async () => {
    const post = (body: string) =>
      mock.call('POST', '/__control/faults', { headers: { 'content-type': 'application/json' }, body });
    const cases: Array<[string, RegExp]> = [
      ['{"kind":"explode"}', /kind: must be one of reset, delay, hang/],
      ['{}', /kind/],
      ['[]', /send a JSON object/],
      ['', /send a JSON object/],
      ['{"kind":"reset","service":"control"}', /unknown service "control"; one of filemakerServer/],
      ['{"kind":"reset","service":"nope"}', /unknown service "nope"/],
      ['{"kind":"reset","times":0}', /times:/],
      ['{"kind":"reset","times":1.5}', /times:/],
      ['{"kind":"delay"}', /delayMs: a delay fault needs delayMs/],
      ['{"kind":"delay","delayMs":-1}', /delayMs:/],
      ['{"kind":"reset","delayMs":10}', /only a "delay" fault takes delayMs/],
      ['{"kind":"server-error","status":404}', /status:/],
      ['{"kind":"bad-gateway","status":503}', /only a "server-error" fault takes status/],
      ['{"kind":"reset","path":"records"}', /path: must start with "\/"/],
      ['{"kind":"reset","method":"G E T"}', /method: must be an HTTP method/],
      ['{"kind":"reset","colour":"red"}', /colour|Unrecognized key/i],
      ['{not json', /not valid JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(res.json.error, body).toMatch(message);
    }
    expect((await faults().list()).faults).toEqual([]);
    expect(() => mock.server.mock.faults.add({ kind: 'nope' as never })).toThrow(TypeError);
  });
});

describe('fault injection over HTTP: every kind through the node adapter', () => {
  it('reset: the connection is reset, then the next request is served', async () => {
    await faults().add({ kind: 'reset', service: 'filemakerServer', path: '/sessions' });
    await expect(login()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
    expect((await login()).status).toBe(200);
    expect(faultStats()).toMatchObject({ injected: 1, reset: 1, pending: 0 });
  });

  it('delay: answers normally after the delay', async () => {
    await faults().add({ kind: 'delay', delayMs: 300, service: 'filemakerServer' });
    const started = performance.now();
    const res = await login();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(res.json.response.token).toMatch(/^[0-9a-f]{52}$/);
    expect(faultStats()).toMatchObject({ delay: 1, holding: 0 });
  });

  it('hang: never answers until the client gives up, and holds nothing afterwards', async () => {
    await faults().add({ kind: 'hang', service: 'filemakerServer' });
    const started = performance.now();
    await expect(
      request(`${mock.base}${LOGIN}`, {
        method: 'POST',
        headers: loginHeaders,
        body: '{}',
        headersTimeout: 300,
      }),
    ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    // The client closed its socket: the mock lets go of the request.
    await expect.poll(() => faultStats().holding).toBe(0);
    expect((await login()).status).toBe(200);
  });

  it('hang: clearing the faults drops the held request', async () => {
    await faults().add({ kind: 'hang' });
    const pending = login();
    await expect.poll(() => faultStats().holding).toBe(1);
    await faults().clear();
    await expect(pending).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
  });

  it('hang: closing the server does not wait for the held request, nor leak it', async () => {
    const server = await startMockServer();
    server.mock.faults.add({ kind: 'hang', times: 3 });
    const held = Array.from({ length: 3 }, () =>
      request(`${server.url}${LOGIN}`, { method: 'POST', headers: loginHeaders, body: '{}' }).then(
        () => 'answered',
        () => 'dropped',
      ),
    );
    await expect.poll(() => (server.mock.stats().faults as Record<string, number>).holding).toBe(3);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await Promise.all(held)).toEqual(['dropped', 'dropped', 'dropped']);
    await expect.poll(() => (server.mock.stats().faults as Record<string, number>).holding).toBe(0);
  });

  it('server-error: 500 (or the given 5xx) with the Data API envelope', async () => {
    await faults().add({ kind: 'server-error', service: 'filemakerServer' });
    await faults().add({ kind: 'server-error', service: 'filemakerServer', status: 503 });
    const first = await login();
    expect(first.status).toBe(500);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.json).toEqual({
      messages: [{ code: '951', message: 'An unexpected error occurred (*)' }],
      response: {},
    });
    expect((await login()).status).toBe(503);
  });

  it('server-error on Cognito: InternalErrorException, shaped like Cognito errors', async () => {
    await faults().add({ kind: 'server-error', service: 'cognito' });
    const res = await cognitoInitiateAuth();
    expect(res.status).toBe(500);
    expect(res.headers['x-amzn-errortype']).toBe('InternalErrorException:');
    expect(res.json.__type).toBe('InternalErrorException');
  });

  it('bad-gateway: the nginx HTML 502 page', async () => {
    await faults().add({ kind: 'bad-gateway', service: 'filemakerServer' });
    const res = await login();
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers.server).toBe('nginx');
    expect(res.text).toContain('<title>502 Bad Gateway</title>');
  });

  it('html-401: the HTML 401 FileMaker Cloud sends for an expired token', async () => {
    await faults().add({ kind: 'html-401', service: 'filemakerCloud' });
    const res = await mock.call('GET', '/filemaker-cloud/fmi/data/vLatest/databases/Contacts/layouts');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('401 Authorization Required');
  });

  it('truncated-json: the real answer (really processed), cut in half', async () => {
    await faults().add({ kind: 'truncated-json', service: 'filemakerServer', path: '/sessions' });
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toBeUndefined();
    expect(res.text.startsWith('{"response":{"token":"')).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, activeSessions: 1 });
  });

  it('filemaker-952 / 956 / 812: the Data API envelope with the right HTTP status', async () => {
    const token = await mock.login();
    for (const [kind, status, code] of [
      ['filemaker-952', 401, '952'],
      ['filemaker-956', 500, '956'],
      ['filemaker-812', 500, '812'],
    ] as const) {
      await faults().add({ kind, service: 'filemakerServer', path: '/records', method: 'GET' });
      const res = await mock.call('GET', RECORDS, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, kind).toBe(status);
      expect(res.json.messages[0].code, kind).toBe(code);
      expect(res.json.response, kind).toEqual({});
    }
    expect((await mock.call('GET', RECORDS, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    expect(faultStats()).toMatchObject({
      injected: 3,
      'filemaker-952': 1,
      'filemaker-956': 1,
      'filemaker-812': 1,
    });
  });

  it('cognito-throttle: TooManyRequestsException, HTTP 400, as Cognito sends it', async () => {
    await faults().add({ kind: 'cognito-throttle', service: 'cognito' });
    const res = await cognitoInitiateAuth();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(res.headers['x-amzn-errortype']).toBe('TooManyRequestsException:');
    expect(res.json).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    // The next one reaches the pool again (an unknown user: a NotAuthorizedException / UserNotFound).
    expect((await cognitoInitiateAuth()).json.__type).not.toBe('TooManyRequestsException');
  });

  it('covers every kind', () => {
    expect(FAULT_KINDS).toHaveLength(11);
  });
});

describe('fault injection over HTTP: matching', () => {
  it('fails exactly `times` requests, then serves normally', async () => {
    await faults().add({ kind: 'bad-gateway', times: 2 });
    expect((await login()).status).toBe(502);
    expect((await login()).status).toBe(502);
    expect((await login()).status).toBe(200);
  });

  it('matches the path as a substring, or as a glob when it has *', async () => {
    const token = await mock.login();
    const auth = { authorization: `Bearer ${token}` };
    await faults().add({ kind: 'bad-gateway', path: '/layouts/Contacts/records' });
    await faults().add({ kind: 'filemaker-956', path: '/fmi/data/*/records/*' });
    expect((await mock.call('GET', '/fmi/data/vLatest/productInfo')).status).toBe(200);
    expect(
      (
        await mock.call('GET', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records/1', {
          headers: auth,
        })
      ).status,
    ).toBe(502);
    // The glob must match the whole path: …/records alone does not end in /records/<something>.
    expect((await mock.call('GET', RECORDS, { headers: auth })).status).toBe(200);
    expect((await mock.call('GET', `${RECORDS}/2`, { headers: auth })).status).toBe(500);
  });

  it('matches the percent-decoded path too', async () => {
    await faults().add({ kind: 'bad-gateway', path: '/databases/My Files/' });
    const res = await mock.call('POST', '/fmi/data/vLatest/databases/My%20Files/sessions', {
      headers: loginHeaders,
      body: '{}',
    });
    expect(res.status).toBe(502);
  });

  it('matches the method, and only the given service (its path is below the service prefix)', async () => {
    await faults().add({ kind: 'bad-gateway', method: 'DELETE' });
    await faults().add({ kind: 'filemaker-812', service: 'clarisServer', path: '/sessions' });
    expect((await login()).status).toBe(200); // POST on FileMaker Server: neither matches
    const claris = await mock.call('POST', `/claris-server${LOGIN}`, {
      headers: {
        authorization: basic('dev@example.com', 'Extended-pass-1'),
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(claris.json.messages[0].code).toBe('812');
    expect((await mock.call('DELETE', `${LOGIN}/abc`)).status).toBe(502);
  });

  it('never fails the control API', async () => {
    await faults().add({ kind: 'reset', times: 5 });
    expect((await faults().list()).faults).toHaveLength(1);
    expect((await mockControl(mock.server.endpoints.control as string).stats()).faults).toMatchObject({
      pending: 5,
    });
  });

  it('works in-process through server.mock.faults, with the same list and counters', async () => {
    const fault = mock.server.mock.faults.add({
      kind: 'filemaker-956',
      service: 'filemaker-server',
      path: '/sessions',
    });
    expect(fault).toMatchObject({ service: 'filemakerServer', times: 1, remaining: 1 });
    expect((await faults().list()).faults).toEqual([fault]);
    expect((await login()).json.messages[0].code).toBe('956');
    expect(mock.server.mock.faults.list()).toEqual([]);
    expect((await mockControl(mock.server.endpoints.control as string).stats()).faults).toMatchObject({
      injected: 1,
      'filemaker-956': 1,
    });
    expect(mock.server.mock.faults.clear()).toBe(0);
  });
});

function cognitoInitiateAuth() {
  return mock.call('POST', '/cognito/', {
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: mock.server.readiness.cognito
        ? (mock.server.readiness.cognito as { clientId: string }).clientId
        : '',
      AuthParameters: { USERNAME: 'nobody@example.com', SRP_A: 'abc' },
    }),
  });
}
