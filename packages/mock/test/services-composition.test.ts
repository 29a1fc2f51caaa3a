import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMock,
  jsonResponse,
  type MockServer,
  type MockService,
  mockControl,
  mockFaults,
  type ServiceContext,
  setInternalErrorReporter,
  startMockServer,
} from '../src/index.js';
import { http } from './helpers.js';
import { licenseService } from './services-example.js';

// A third party's service (the docs example) mounted beside ours, over real HTTP on loopback.
describe('a third-party service beside the default ones (startMockServer)', () => {
  let server: MockServer;
  let base: string;
  const control = () => mockControl(server.endpoints.control as string);

  beforeAll(async () => {
    server = await startMockServer({ services: [licenseService({ ttlMinutes: 30 })] });
    base = server.endpoints.acmeLicenses as string;
  });
  afterAll(() => server.close());
  beforeEach(() => control().reset());

  const issue = (product = 'reports') =>
    http(base, 'POST', '/licenses', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product }),
    });

  it('answers under its prefix, and ours keep answering under theirs', async () => {
    expect(base).toBe(`${server.url}/acme-licenses`);
    const issued = await issue();
    expect(issued.status).toBe(201);
    expect(issued.headers.location).toBe(`${base}/licenses/${issued.json.id}`);
    const checked = await http(base, 'GET', `/licenses/${issued.json.id}`);
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ valid: true, product: 'reports' });
    const fms = await http(server.url, 'GET', '/fmi/data/vLatest/productInfo');
    expect(fms.status).toBe(200);
    expect(server.endpoints.filemakerServer).toBe(server.url);
  });

  it('answers its own 404 and 405 from its route table', async () => {
    const missing = await http(base, 'GET', '/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'no route for GET /nothing-here' });
    const wrongMethod = await http(base, 'PUT', '/licenses/abc');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, DELETE');
    expect(wrongMethod.json.allowed).toEqual(['GET', 'DELETE']);
  });

  it('appears in the readiness endpoints, with its own readiness fields', () => {
    expect(server.readiness.endpoints.acmeLicenses).toBe(base);
    expect(server.readiness.acmeLicenses).toEqual({ ttlMinutes: 30 });
    expect(Object.keys(server.readiness.endpoints)).toEqual(
      expect.arrayContaining(['filemakerServer', 'cognito', 'clarisServer', 'acmeLicenses', 'control']),
    );
  });

  it('reports its counters in /stats and in the control index', async () => {
    await issue();
    const stats = await control().stats();
    expect(stats.acmeLicenses).toEqual({ issued: 1, checks: 0, expiredChecks: 0, active: 1 });
    expect(stats.filemakerServer?.requests).toBe(0);
    const index = await http(server.endpoints.control as string, 'GET', '/');
    expect(index.json.endpoints.acmeLicenses).toBe(base);
    expect(index.json.routes).toContainEqual({
      method: 'GET',
      path: '/acme-licenses',
      description: 'every license the Acme license server issued, with its expiry',
    });
  });

  it('serves its control route under the control prefix', async () => {
    const issued = await issue('billing');
    const listed = await http(server.endpoints.control as string, 'GET', '/acme-licenses');
    expect(listed.status).toBe(200);
    expect(listed.json.licenses[issued.json.id]).toMatchObject({ product: 'billing' });
  });

  it('is reset by the control API with everything else', async () => {
    const issued = await issue();
    await control().reset();
    expect((await control().stats()).acmeLicenses).toEqual({
      issued: 0,
      checks: 0,
      expiredChecks: 0,
      active: 0,
    });
    expect((await http(base, 'GET', `/licenses/${issued.json.id}`)).status).toBe(404);
  });

  it('ends its sessions on POST /sessions/expire', async () => {
    const issued = await issue();
    await control().expireSessions();
    expect((await http(base, 'GET', `/licenses/${issued.json.id}`)).status).toBe(404);
  });

  it('runs on the shared mock clock that the control API moves', async () => {
    const issued = await issue();
    await control().advanceClock({ minutes: 31 });
    const late = await http(base, 'GET', `/licenses/${issued.json.id}`);
    expect(late.status).toBe(410);
    expect((await control().stats()).acmeLicenses?.expiredChecks).toBe(1);
  });

  it('can be the target of fault injection by its key, and only it is hit', async () => {
    const faults = mockFaults(server.endpoints.control as string);
    await faults.add({ kind: 'bad-gateway', service: 'acmeLicenses', path: '/licenses', times: 1 });
    const fms = await http(server.url, 'GET', '/fmi/data/vLatest/productInfo');
    expect(fms.status).toBe(200);
    const failed = await issue();
    expect(failed.status).toBe(502);
    expect(failed.text).toContain('502 Bad Gateway');
    expect((await issue()).status).toBe(201);
    const kebab = await faults.add({ kind: 'server-error', service: 'acme-licenses', times: 1 });
    expect(kebab.service).toBe('acmeLicenses');
    expect((await issue()).status).toBe(500);
  });

  it('refuses a fault for a service key that is not mounted, naming the ones that are', async () => {
    const res = await http(server.endpoints.control as string, 'POST', '/faults', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'reset', service: 'acmeBilling' }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toContain('acmeLicenses');
  });
});

describe('defaultServices: false', () => {
  it('mounts only the given services and the control API', async () => {
    await using server = await startMockServer({
      defaultServices: false,
      services: [licenseService()],
    });
    expect(Object.keys(server.endpoints)).toEqual(['acmeLicenses', 'control']);
    expect(Object.keys(server.mock.stats())).toEqual(['acmeLicenses', 'faults']);
    const fms = await http(server.url, 'GET', '/fmi/data/vLatest/productInfo');
    expect(fms.status).toBe(404);
    expect(fms.json).toEqual({ error: 'no simulated server at this path' });
    const issued = await http(server.endpoints.acmeLicenses as string, 'POST', '/licenses', {
      headers: { 'content-type': 'application/json' },
      body: '{"product":"x"}',
    });
    expect(issued.status).toBe(201);
  });

  it('lets a service take the root prefix when ours are not mounted', async () => {
    const root: MockService = {
      key: 'acmeRoot',
      prefix: '',
      handle: (req) => jsonResponse(200, { path: req.path }),
      stats: () => ({}),
      reset: () => {},
    };
    await using server = await startMockServer({ defaultServices: false, services: [() => root] });
    expect(server.endpoints.acmeRoot).toBe(server.url);
    expect((await http(server.url, 'GET', '/any/thing')).json).toEqual({ path: '/any/thing' });
    // The control API's longer prefix still wins over the root.
    expect((await http(server.url, 'GET', '/__control/stats')).json).toMatchObject({ acmeRoot: {} });
  });
});

describe('what a service factory gets', () => {
  it('is the fixture, the shared clock, the live options and the shared Claris IDs', async () => {
    let seen: ServiceContext | undefined;
    const probe: MockService = {
      key: 'probe',
      prefix: '/probe',
      handle: () =>
        jsonResponse(200, {
          now: seen?.clock.now(),
          dataApiEnabled: seen?.options().dataApi.dataApiEnabled,
        }),
      stats: () => ({}),
      reset: () => {},
    };
    await using server = await startMockServer({
      services: [
        (ctx) => {
          seen = ctx;
          return probe;
        },
      ],
    });
    expect(seen?.fixture).toBe(server.mock.fixture);
    expect(seen?.clock).toBe(server.mock.clock);
    expect(seen?.clarisIds.find('dev@example.com')?.email).toBe('dev@example.com');
    const control = mockControl(server.endpoints.control as string);
    await control.setOptions({ dataApi: { dataApiEnabled: false } });
    await control.advanceClock({ minutes: 5 });
    const answer = await http(server.endpoints.probe as string, 'GET', '/');
    expect(answer.json.dataApiEnabled).toBe(false);
    expect(answer.json.now - Date.now()).toBeGreaterThan(4 * 60_000);
  });

  it('may return several services at once', () => {
    const make = (key: string, prefix: string): MockService => ({
      key,
      prefix,
      handle: () => jsonResponse(200, {}),
      stats: () => ({ n: 1 }),
      reset: () => {},
    });
    const mock = createMock({
      defaultServices: false,
      services: [() => [make('acmeIdp', '/acme/idp'), make('acmeApi', '/acme/api')]],
    });
    expect(mock.services.map((s) => s.key)).toEqual(['acmeIdp', 'acmeApi', 'control']);
    expect(mock.readiness('http://x').endpoints).toEqual({
      acmeIdp: 'http://x/acme/idp',
      acmeApi: 'http://x/acme/api',
      control: 'http://x/__control',
    });
  });

  it('routes to the longest matching prefix, so a service may nest below another', async () => {
    const mock = createMock({
      services: [
        () => ({
          key: 'acmeCloudExtras',
          prefix: '/filemaker-cloud/acme',
          handle: () => jsonResponse(200, { mine: true }),
          stats: () => ({}),
          reset: () => {},
        }),
      ],
    });
    const ask = (path: string) =>
      mock.handle({
        method: 'GET',
        path,
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.alloc(0),
        origin: 'http://x',
      });
    expect((await ask('/filemaker-cloud/acme/x')).body).toBe('{"mine":true}');
    expect((await ask('/filemaker-cloud/acmex')).body).not.toBe('{"mine":true}');
  });

  it('turns an exception of a third-party service into a 951, reported, never a stack trace', async () => {
    const reported: unknown[] = [];
    setInternalErrorReporter((error) => reported.push(error));
    try {
      await using server = await startMockServer({
        services: [
          () => ({
            key: 'broken',
            prefix: '/broken',
            handle: () => {
              throw new Error('bug in the third-party service');
            },
            stats: () => ({}),
            reset: () => {},
          }),
        ],
      });
      const res = await http(server.endpoints.broken as string, 'GET', '/');
      expect(res.status).toBe(500);
      expect(res.json.messages[0].code).toBe('951');
      expect(res.text).not.toContain('bug in');
      expect(reported).toHaveLength(1);
    } finally {
      setInternalErrorReporter((error) => console.error('[fmauth-mock] internal error:', error));
    }
  });
});

describe('what a service adds to the control API and the readiness line', () => {
  it('gets the parsed JSON body in its control route, and a malformed body never reaches it', async () => {
    const bodies: unknown[] = [];
    const service: MockService = {
      key: 'acmeVault',
      prefix: '/acme-vault',
      handle: () => jsonResponse(200, {}),
      stats: () => ({}),
      reset: () => {},
      controlRoutes: () => [
        {
          method: 'POST',
          path: '/acme-vault/rotate',
          description: 'rotate a secret: {"name": "..."}',
          handle: (body) => {
            bodies.push(body);
            return jsonResponse(200, { rotated: (body as { name?: string } | undefined)?.name ?? null });
          },
        },
      ],
      readiness: (baseUrl) => ({
        endpoints: { acmeVaultJwks: `${baseUrl}/acme-vault/.well-known/jwks.json` },
        acmeVault: { realm: 'ci' },
      }),
    };
    await using server = await startMockServer({ services: [() => service] });
    const controlUrl = server.endpoints.control as string;
    const json = { 'content-type': 'application/json' };
    const ok = await http(controlUrl, 'POST', '/acme-vault/rotate', { headers: json, body: '{"name":"db"}' });
    expect(ok.json).toEqual({ rotated: 'db' });
    const empty = await http(controlUrl, 'POST', '/acme-vault/rotate');
    expect(empty.json).toEqual({ rotated: null });
    const malformed = await http(controlUrl, 'POST', '/acme-vault/rotate', {
      headers: json,
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ error: 'the body is not valid JSON' });
    expect(bodies).toEqual([{ name: 'db' }, undefined]);
    const wrongMethod = await http(controlUrl, 'GET', '/acme-vault/rotate');
    expect(wrongMethod.status).toBe(405);
    expect(server.endpoints.acmeVault).toBe(`${server.url}/acme-vault`);
    expect(server.endpoints.acmeVaultJwks).toBe(`${server.url}/acme-vault/.well-known/jwks.json`);
    expect(server.readiness.acmeVault).toEqual({ realm: 'ci' });
  });
});

describe('a service that answers something unsendable', () => {
  it.each([
    ['nothing', undefined, 'undefined, not a MockResponse'],
    ['status 0', { status: 0 }, 'status 0: it must be a whole number from 100 to 599'],
    ['a number body', { status: 200, body: 42 }, 'a body that is neither a string nor a Buffer'],
    ['a header with a newline', { status: 200, headers: { 'x-a': 'a\r\nb' } }, 'an invalid header "x-a"'],
    ['a header name with a space', { status: 200, headers: { 'x a': 'b' } }, 'an invalid header "x a"'],
  ])('gets a 951 for %s, reported, and the mock keeps serving', async (_name, answer, problem) => {
    const reported: unknown[] = [];
    setInternalErrorReporter((error) => reported.push(error));
    try {
      await using server = await startMockServer({
        services: [
          () => ({
            key: 'sloppy',
            prefix: '/sloppy',
            handle: () => answer as never,
            stats: () => ({}),
            reset: () => {},
          }),
        ],
      });
      const res = await http(server.endpoints.sloppy as string, 'GET', '/x');
      expect(res.status).toBe(500);
      expect(res.json.messages[0].code).toBe('951');
      expect(String(reported[0])).toContain(`mock service "sloppy" answered GET /x with ${problem}`);
      expect((await http(server.url, 'GET', '/fmi/data/vLatest/productInfo')).status).toBe(200);
    } finally {
      setInternalErrorReporter((error) => console.error('[fmauth-mock] internal error:', error));
    }
  });
});

describe('composition mistakes fail at createMock with a clear error', () => {
  const service = (key: string, prefix: string, extra: Partial<MockService> = {}): MockService => ({
    key,
    prefix,
    handle: () => jsonResponse(200, {}),
    stats: () => ({}),
    reset: () => {},
    ...extra,
  });

  it('a prefix one of ours already has', () => {
    expect(() => createMock({ services: [() => service('acmeCognito', '/cognito')] })).toThrow(
      'mock services "cognito" and "acmeCognito" share the prefix "/cognito"',
    );
  });

  it('the root prefix while the FileMaker Server flavor has it', () => {
    expect(() => createMock({ services: [() => service('acmeRoot', '')] })).toThrow(/share the prefix ""/);
  });

  it('a key one of ours already has, the control API\'s, or "faults"', () => {
    expect(() => createMock({ services: [() => service('cognito', '/acme')] })).toThrow(
      'two mock services share the key "cognito"',
    );
    expect(() => createMock({ services: [() => service('control', '/acme')] })).toThrow(
      'two mock services share the key "control"',
    );
    expect(() => createMock({ services: [() => service('faults', '/acme')] })).toThrow(
      'mock service key "faults" is reserved',
    );
  });

  it('two third-party services with one key or one prefix', () => {
    expect(() =>
      createMock({ defaultServices: false, services: [() => [service('a', '/a'), service('a', '/b')]] }),
    ).toThrow('two mock services share the key "a"');
    expect(() =>
      createMock({ defaultServices: false, services: [() => service('a', '/x'), () => service('b', '/x')] }),
    ).toThrow('mock services "a" and "b" share the prefix "/x"');
  });

  it.each([
    ['acme', 'no leading slash'],
    ['/acme/', 'a trailing slash'],
    ['/', 'a lone slash'],
    ['/acme idp', 'a space'],
    ['/acme?x=1', 'a query'],
    ['/acme//idp', 'an empty segment'],
    ['/acme%2Fidp', 'percent-encoding'],
  ])('a malformed prefix %j (%s)', (prefix) => {
    expect(() => createMock({ services: [() => service('acme', prefix)] })).toThrow(
      `mock service "acme": prefix ${JSON.stringify(prefix)} must be "" (the root) or "/segment[/segment…]"`,
    );
  });

  it.each(['', '1acme', 'acme idp', 'acme.idp'])('a malformed key %j', (key) => {
    expect(() => createMock({ services: [() => service(key, '/acme')] })).toThrow(
      `mock service key ${JSON.stringify(key)}: use letters, digits`,
    );
  });

  it('a factory that returns something else than a service', () => {
    expect(() =>
      createMock({ services: [() => service('a', '/a'), () => ({ key: 'x' }) as unknown as MockService] }),
    ).toThrow(
      'the mock service factory services[1] returned something that is not a MockService (missing or wrong: prefix, handle, stats, reset)',
    );
    expect(() =>
      createMock({ defaultServices: false, services: [() => undefined as unknown as MockService] }),
    ).toThrow('the mock service factory services[0] returned something that is not a MockService');
  });

  it('a control route that another route already declares', () => {
    const clash = service('acme', '/acme', {
      controlRoutes: () => [
        { method: 'POST', path: '/reset', description: 'mine', handle: () => jsonResponse(200, {}) },
      ],
    });
    expect(() => createMock({ services: [() => clash] })).toThrow(
      'two control routes are declared as POST /reset: give one another path',
    );
  });

  it('a control route whose path is not a path', () => {
    const bad = service('acme', '/acme', {
      controlRoutes: () => [
        { method: 'GET', path: 'acme', description: 'x', handle: () => jsonResponse(200, {}) },
      ],
    });
    expect(() => createMock({ services: [() => bad] })).toThrow(
      'route "acme": a path must be a string starting with "/"',
    );
  });
});
