import { describe, expect, it } from 'vitest';
import {
  exactSegments,
  jsonResponse,
  type MockRequest,
  type MockResponse,
  type Route,
  RouteTable,
  startMockServer,
} from '../src/index.js';
import { http } from './helpers.js';

const req = (method: string, path: string): MockRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  origin: 'http://x',
});

/** Each route answers its own name and the params it captured. */
const named = (name: string, method: Route['method'], path: string): Route => ({
  method,
  path,
  handle: (_req, params) => jsonResponse(200, { name, params }),
});

const answer = async (table: RouteTable, method: string, path: string) => {
  const res = (await table.dispatch(req(method, path))) as MockResponse;
  return { status: res.status, headers: res.headers, json: JSON.parse(String(res.body)) };
};

describe('RouteTable', () => {
  it('matches literal segments case-insensitively by default, as FileMaker does', async () => {
    const table = new RouteTable([named('info', 'GET', '/fmi/data/productInfo')]);
    expect((await answer(table, 'GET', '/FMI/Data/PRODUCTINFO')).json.name).toBe('info');
  });

  it('matches them exactly with caseSensitive', async () => {
    const table = new RouteTable([named('signin', 'GET', '/signin')], { caseSensitive: true });
    expect((await answer(table, 'GET', '/signin')).status).toBe(200);
    expect((await answer(table, 'GET', '/SignIn')).status).toBe(404);
  });

  it('captures :params percent-decoded, case kept', async () => {
    const table = new RouteTable([named('record', 'GET', '/layouts/:layout/records/:id')]);
    const { json } = await answer(table, 'GET', '/layouts/My%20Layout/records/42');
    expect(json.params).toEqual({ layout: 'My Layout', id: '42' });
  });

  it('captures the rest of the path with a final *name, possibly empty', async () => {
    const table = new RouteTable([named('files', 'GET', '/files/*rest')]);
    expect((await answer(table, 'GET', '/files/a/b%2Fc/d')).json.params).toEqual({ rest: 'a/b/c/d' });
    expect((await answer(table, 'GET', '/files')).json.params).toEqual({ rest: '' });
  });

  it('needs every segment: a shorter or longer path does not match a pattern', async () => {
    const table = new RouteTable([named('one', 'GET', '/a/:b')]);
    expect((await answer(table, 'GET', '/a')).status).toBe(404);
    expect((await answer(table, 'GET', '/a/b/c')).status).toBe(404);
    // Empty segments are dropped by default: `/a//x/` is `/a/x`.
    expect((await answer(table, 'GET', '/a//x/')).json.params).toEqual({ b: 'x' });
  });

  it('answers 404 when no path matches and 405 with the allowed methods when only the method differs', async () => {
    const table = new RouteTable([
      named('list', 'GET', '/records'),
      named('create', ['POST', 'put'], '/records'),
      named('list-again', 'GET', '/records'),
      named('other', 'DELETE', '/other'),
    ]);
    const missing = await answer(table, 'GET', '/nothing');
    expect(missing).toMatchObject({ status: 404, json: { error: 'no route for GET /nothing' } });
    const wrong = await answer(table, 'PATCH', '/records');
    expect(wrong.status).toBe(405);
    // Each method once, in table order, upper case.
    expect(wrong.json).toEqual({ error: 'method PATCH not allowed', allowed: ['GET', 'POST', 'PUT'] });
    expect(wrong.headers?.allow).toBe('GET, POST, PUT');
  });

  it("uses the service's own answers for 404 and 405", async () => {
    const table = new RouteTable([named('list', 'GET', '/records')], {
      notFound: (r) => jsonResponse(404, { mine: `nothing at ${r.path}` }),
      methodNotAllowed: (_r, allowed) => jsonResponse(405, { mine: allowed }),
    });
    expect((await answer(table, 'GET', '/x')).json).toEqual({ mine: 'nothing at /x' });
    expect((await answer(table, 'DELETE', '/records')).json).toEqual({ mine: ['GET'] });
  });

  it('tries routes in table order: the first match wins', async () => {
    const literalFirst = new RouteTable([
      named('me', 'GET', '/users/me'),
      named('user', 'GET', '/users/:id'),
    ]);
    expect((await answer(literalFirst, 'GET', '/users/me')).json.name).toBe('me');
    expect((await answer(literalFirst, 'GET', '/users/7')).json.name).toBe('user');
    const paramFirst = new RouteTable([named('user', 'GET', '/users/:id'), named('me', 'GET', '/users/me')]);
    expect((await answer(paramFirst, 'GET', '/users/me')).json.name).toBe('user');
  });

  it("lets a later route take a method an earlier one on the same path doesn't", async () => {
    const table = new RouteTable([named('get', 'GET', '/x/:id'), named('any', '*', '/x/:id')]);
    expect((await answer(table, 'GET', '/x/1')).json.name).toBe('get');
    expect((await answer(table, 'DELETE', '/x/1')).json.name).toBe('any');
  });

  it('answers "not found" for a path that is not valid percent-encoding', async () => {
    const table = new RouteTable([named('any', '*', '/*rest')]);
    expect((await answer(table, 'GET', '/%E0%A4%A')).status).toBe(404);
  });

  it('matches the given segments instead of the path when told to', async () => {
    const table = new RouteTable([named('exact', 'GET', '/a/b')], { caseSensitive: true });
    expect((await table.dispatch(req('GET', '/ignored'), ['a', 'b'])).status).toBe(200);
    expect((await table.dispatch(req('GET', '/a/b'), exactSegments('/a//b'))).status).toBe(404);
    expect((await table.dispatch(req('GET', '/a/b'), exactSegments('/a/%62'))).status).toBe(404);
  });

  it.each([
    [{ method: 'GET', path: 'no-slash' }, 'route "no-slash": a path must be a string starting with "/"'],
    [{ method: 'GET', path: '/a/*rest/b' }, 'route "/a/*rest/b": *rest must be the last segment'],
    [{ method: 'GET', path: '/a/:' }, 'route "/a/:": ":" needs a name, e.g. :id'],
    [{ method: [], path: '/a' }, 'route "/a": method must be a method name, a list of them, or \'*\''],
    [{ method: '', path: '/a' }, 'route "/a": method must be a method name'],
  ])('refuses a malformed route when the table is built: %j', (route, message) => {
    expect(() => new RouteTable([{ ...route, handle: () => jsonResponse(200, {}) } as Route])).toThrow(
      message,
    );
  });

  it('refuses a route without a handler', () => {
    expect(() => new RouteTable([{ method: 'GET', path: '/a' } as Route])).toThrow(
      'route "/a": handle must be a function',
    );
  });
});

describe('exactSegments', () => {
  it('keeps the path as sent: not decoded, case and empty segments kept', () => {
    expect(exactSegments('/')).toEqual([]);
    expect(exactSegments('/a/B%20c')).toEqual(['a', 'B%20c']);
    expect(exactSegments('//a')).toEqual(['', 'a']);
    expect(exactSegments('/a/')).toEqual(['a', '']);
  });
});

describe('a route table behind a service, over real HTTP', () => {
  it('answers each route, 404 and 405 through the node adapter', async () => {
    const table = new RouteTable([named('item', ['GET', 'DELETE'], '/items/:id')]);
    await using server = await startMockServer({
      defaultServices: false,
      services: [
        () => ({
          key: 'items',
          prefix: '/items-api',
          handle: (r) => table.dispatch(r),
          stats: () => ({}),
          reset: () => {},
        }),
      ],
    });
    const base = server.endpoints.items as string;
    expect((await http(base, 'GET', '/ITEMS/caf%C3%A9')).json).toEqual({
      name: 'item',
      params: { id: 'café' },
    });
    expect((await http(base, 'GET', '/items')).status).toBe(404);
    const wrong = await http(base, 'POST', '/items/1');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, DELETE');
  });
});
