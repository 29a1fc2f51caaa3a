// The OData client over real HTTP against a hand-written OData server on loopback: URLs, encoding,
// paging, replay on 401, typed errors and secrecy. (Flavor integration against @fmauth/mock is in
// odata-mock.test.ts.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clarisServer } from '../../strategy-claris-server/dist/index.js';
import {
  type AuthStrategy,
  basicAuthorization,
  createODataClient,
  FileMakerError,
  InvalidCredentialsError,
  type ODataClient,
  odataFilter,
  SessionClosedError,
  UnexpectedResponseError,
} from '../src/index.js';
import { startServer } from './helpers.js';

const GOOD = basicAuthorization('admin', 'admin-pass').reveal();
const ROOT = '/fmi/odata/v4';
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'odata-version': '4.01',
    ...headers,
  });
  res.end(JSON.stringify(body));
};
const XML_212 =
  '<?xml version="1.0" encoding="utf-8"?><m:error xmlns:m="http://docs.oasis-open.org/odata/ns/metadata"><m:code>212</m:code><m:message xml:lang="en">(212): Invalid account/password</m:message></m:error>';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** The fake server's state, changed by tests. */
const state = { seen: [] as Seen[], url: '' };

function handle(req: IncomingMessage, res: ServerResponse, body: string): unknown {
  const url = new URL(req.url ?? '/', 'http://x');
  state.seen.push({
    method: req.method ?? '',
    url: decodeURIComponent(req.url ?? ''),
    authorization: req.headers.authorization,
    body,
  });
  if (url.pathname.endsWith('/html'))
    return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
  if (req.headers.authorization !== GOOD) {
    res.writeHead(401, { 'content-type': 'application/xml', 'www-authenticate': 'Basic realm="FileMaker"' });
    return void res.end(XML_212);
  }
  const path = url.pathname.slice(ROOT.length);
  const key = `${req.method} ${path}`;
  const records = [
    { '@id': 'x', ID: 1, name: 'Ada' },
    { ID: 2, name: 'Grace' },
  ];
  switch (key) {
    case 'GET ':
      return json(res, 200, { value: [{ name: 'Contacts', kind: 'EntityContainer', url: 'u' }] });
    case 'GET /Contacts':
      return json(res, 200, { value: [{ name: 'Contacts', kind: 'EntitySet', url: 'u' }] });
    case 'GET /Contacts/$metadata':
      if (req.headers.accept === 'application/xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.end('<edmx:Edmx Version="4.0"/>');
      }
      return json(res, 200, { $Version: '4.01' });
    case 'GET /Contacts/Contacts': {
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      if (skip === 0) {
        return json(res, 200, {
          '@count': 3,
          value: records,
          '@odata.nextLink': `${state.url}${ROOT}/Contacts/Contacts?$skip=2`,
        });
      }
      return json(res, 200, { value: [{ ID: 3, name: 'Alan' }] });
    }
    case "GET /Contacts/Contacts('O''Brien')":
    case 'GET /Contacts/Contacts(1)':
      return json(res, 200, records[0]);
    case 'GET /Contacts/Foreign':
      return json(res, 200, {
        value: records,
        '@nextLink': 'https://evil.example.com/fmi/odata/v4/Contacts/Contacts?$skip=2',
      });
    case 'GET /Contacts/Contacts(999)':
      return json(res, 404, { error: { code: '-1023', message: 'Record not found' } });
    case 'GET /Contacts/Nope':
      return json(res, 404, { error: { code: '-1020', message: "Table 'Nope' not defined in database" } });
    case 'GET /Contacts/Contacts/$count':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('6');
    case 'POST /Contacts/Contacts':
      return json(res, 201, { ID: 7, ...JSON.parse(body) });
    case 'PATCH /Contacts/Contacts(1)':
      return json(res, 200, { ID: 1, ...JSON.parse(body) });
    case 'DELETE /Contacts/Contacts(1)':
      return void res.writeHead(204).end();
    case 'POST /Contacts/Script.Hello':
      return json(res, 200, { scriptResult: { code: 0, resultParameter: `hello ${body}` } });
    case 'GET /Contacts/Bad':
      return json(res, 400, {
        error: { code: '8309', message: "The field named 'x' does not exist in a specified table (9)" },
      });
    case 'GET /Contacts/Syntax':
      return json(res, 400, { error: { code: -1002, message: "Error: syntax error in URL at: '$top'" } });
    case 'GET /Contacts/NotJson':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"value": [');
    case 'GET /Contacts/Echo':
      return json(res, 400, { error: { code: '-1002', message: `bad header ${req.headers.authorization}` } });
  }
  json(res, 404, { error: { code: '-1000', message: 'unknown path in test server' } });
}

let server: Awaited<ReturnType<typeof startServer>>;
const clients: ODataClient[] = [];

beforeAll(async () => {
  server = await startServer(handle);
  state.url = server.url;
});
afterAll(() => server.close());
afterEach(async () => {
  state.seen = [];
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A Basic strategy handing out `passwords` in turn (the last one from then on), counting what core asked. */
function countingBasic(...passwords: string[]) {
  const reasons: string[] = [];
  let invalidations = 0;
  const queue = passwords.length > 0 ? passwords : ['admin-pass'];
  const strategy: AuthStrategy = {
    id: 'test-basic',
    flavors: ['filemaker-server'],
    authenticate(ctx) {
      reasons.push(ctx.reason);
      const password = queue.length > 1 ? (queue.shift() as string) : (queue[0] as string);
      return { authorization: basicAuthorization('admin', password) };
    },
    invalidate() {
      invalidations++;
    },
  };
  return { strategy, reasons, invalidations: () => invalidations };
}

function client(strategy: AuthStrategy = countingBasic().strategy): ODataClient {
  const created = createODataClient({ baseUrl: server.url, database: 'Contacts', strategy });
  clients.push(created);
  return created;
}

describe('ODataClient calls', () => {
  it('lists databases and tables, and reads metadata as XML or JSON', async () => {
    const odata = client();
    expect(await odata.databases()).toEqual([{ name: 'Contacts', kind: 'EntityContainer', url: 'u' }]);
    expect((await odata.tables())[0]?.kind).toBe('EntitySet');
    expect(await odata.metadata()).toBe('<edmx:Edmx Version="4.0"/>');
    expect(await odata.metadata({ format: 'json' })).toEqual({ $Version: '4.01' });
    expect(state.seen.every((seen) => seen.authorization === GOOD)).toBe(true);
  });

  it('sends filter values escaped and every query option encoded', async () => {
    const odata = client();
    const page = await odata.query('Contacts', {
      filter: odataFilter`name eq ${"O'Brien"} and ID gt ${0}`,
      select: ['ID', 'name'],
      orderby: 'name desc',
      top: 10,
      count: true,
    });
    expect(page.count).toBe(3);
    expect(state.seen[0]?.url).toBe(
      `${ROOT}/Contacts/Contacts?$filter=name eq 'O''Brien' and ID gt 0&$select=ID,name&$orderby=name desc&$top=10&$count=true`,
    );
  });

  it('follows nextLink across pages (either spelling), and asks for the next page only when iterated', async () => {
    const odata = client();
    const names: unknown[] = [];
    for await (const record of odata.records('Contacts')) names.push(record.name);
    expect(names).toEqual(['Ada', 'Grace', 'Alan']);
    expect(state.seen.map((seen) => seen.url)).toEqual([
      `${ROOT}/Contacts/Contacts`,
      `${ROOT}/Contacts/Contacts?$skip=2`,
    ]);
    const first = await odata.pages('Contacts').next();
    expect(first.value?.nextLink).toContain('$skip=2');
    expect(state.seen).toHaveLength(3);
  });

  it('refuses a nextLink that points at another host, so credentials never go there', async () => {
    const odata = client();
    const pages = odata.pages('Foreign');
    expect((await pages.next()).value?.value).toHaveLength(2);
    const error = await pages.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/evil\.example\.com.*not followed/);
    expect(state.seen).toHaveLength(1);
  });

  it('gets, creates, updates and deletes records with keys quoted by type', async () => {
    const odata = client();
    expect(await odata.get('Contacts', 1)).toMatchObject({ ID: 1, name: 'Ada' });
    expect(await odata.get('Contacts', "O'Brien")).toMatchObject({ ID: 1 });
    expect(await odata.create('Contacts', { name: 'Ada' })).toEqual({ ID: 7, name: 'Ada' });
    expect(await odata.update('Contacts', 1, { name: 'Ada L.' })).toEqual({ ID: 1, name: 'Ada L.' });
    await expect(odata.delete('Contacts', 1)).resolves.toBeUndefined();
    expect(await odata.count('Contacts')).toBe(6);
    expect(await odata.runScript('Hello', 'world')).toEqual({
      code: 0,
      resultParameter: 'hello {"scriptParameterValue":"world"}',
    });
    expect(await odata.runScript('Hello')).toEqual({ code: 0, resultParameter: 'hello ' });
    expect(state.seen.map((seen) => `${seen.method} ${seen.url}`)).toContain(
      `GET ${ROOT}/Contacts/Contacts('O''Brien')`,
    );
  });

  it('refuses bad input with TypeErrors before sending anything', async () => {
    const odata = client();
    const name = "O'Brien";
    await expect(odata.query('Contacts', { filter: `name eq '${name}'` })).rejects.toThrow(TypeError);
    await expect(odata.get('Contacts', { id: 1 } as never)).rejects.toThrow(TypeError);
    await expect(odata.query('Contacts', { top: -5 })).rejects.toThrow(/top/);
    await expect(odata.query('', {})).rejects.toThrow(TypeError);
    await expect(odata.runScript('2fast')).rejects.toThrow(/digit/);
    await expect(odata.create('Contacts', [] as never)).rejects.toThrow(TypeError);
    expect(state.seen).toEqual([]);
  });
});

describe('ODataClient on 401', () => {
  it('invalidates the strategy, fetches fresh credentials and replays a read once', async () => {
    const basic = countingBasic('stale-pass', 'admin-pass');
    const odata = client(basic.strategy);
    expect(await odata.count('Contacts')).toBe(6);
    expect(basic.invalidations()).toBe(1);
    expect(basic.reasons).toEqual(['initial', 'rejected']);
    expect(state.seen).toHaveLength(2);
  });

  it('replays a write the server refused for its credentials (nothing was done)', async () => {
    const odata = client(countingBasic('stale-pass', 'admin-pass').strategy);
    expect(await odata.create('Contacts', { name: 'Once' })).toEqual({ ID: 7, name: 'Once' });
    expect(state.seen.map((seen) => seen.method)).toEqual(['POST', 'POST']);
  });

  it('shares one re-fetch between concurrent calls refused with the same header', async () => {
    const basic = countingBasic('stale-pass', 'admin-pass');
    const odata = client(basic.strategy);
    await Promise.all(Array.from({ length: 20 }, () => odata.count('Contacts')));
    expect(basic.invalidations()).toBe(1);
    expect(basic.reasons).toEqual(['initial', 'rejected']);
  });

  it('gives up after one replay with InvalidCredentialsError and the strategy’s advice (Claris Server: the extended password)', async () => {
    // The strategy is built against core's dist; its Secret type differs from src's only nominally (#private).
    const odata = client(
      clarisServer({
        clarisId: 'dev@example.com',
        extendedPassword: 'ClarisID-pass-1',
      }) as unknown as AuthStrategy,
    );
    const error = await odata.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ status: 401, fmCode: '212', fmMessage: '(212): Invalid account/password' });
    expect((error as Error).message).toContain('extended account password');
    // Claris Server's strategy has no invalidate() and gives the same credentials again: sending them a
    // second time would only count one more failed login against the account.
    expect(state.seen).toHaveLength(1);
  });

  it('replays once and no more when fresh credentials are refused too', async () => {
    const basic = countingBasic('wrong-1', 'wrong-2', 'wrong-3');
    const error = await client(basic.strategy)
      .count('Contacts')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(state.seen.map((seen) => seen.method)).toEqual(['GET', 'GET']);
    expect(basic.reasons).toEqual(['initial', 'rejected']);
  });
});

describe('ODataClient errors', () => {
  it.each([
    ['Nope', '-1020', 404, /table occurrences/],
    ['Bad', '8309', 400, /field/],
    ['Syntax', '-1002', 400, /parse/],
  ])('maps %s to FileMakerError %s', async (table, code, status, advice) => {
    const error = await client()
      .query(table)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileMakerError);
    expect(error).toMatchObject({ fmCode: code, status });
    expect((error as Error).message).toMatch(advice);
  });

  it('maps a missing key to FileMakerError -1023', async () => {
    await expect(client().get('Contacts', 999)).rejects.toMatchObject({
      code: 'FMAUTH_FILEMAKER_ERROR',
      fmCode: '-1023',
      status: 404,
    });
  });

  it('maps an HTML gateway page and a truncated JSON body to UnexpectedResponseError', async () => {
    const odata = client();
    const html = await odata.request({ path: '/html', root: true }).catch((e: unknown) => e);
    expect(html).toBeInstanceOf(UnexpectedResponseError);
    expect((html as Error).message).toMatch(/OData is enabled/);
    await expect(odata.query('NotJson')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('keeps an echoed Authorization header out of the error, its message and inspect', async () => {
    const error = await client()
      .query('Echo')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileMakerError);
    const secret = GOOD.slice('Basic '.length);
    for (const text of [
      String(error),
      (error as Error).stack ?? '',
      JSON.stringify(error),
      inspect(error, { showHidden: true }),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps credentials out of inspect and JSON of the client', async () => {
    const odata = client();
    await odata.count('Contacts');
    const secret = GOOD.slice('Basic '.length);
    expect(inspect(odata, { showHidden: true, depth: 10 })).not.toContain(secret);
    expect(JSON.stringify(odata)).not.toContain(secret);
  });

  it('rejects calls after close() with SessionClosedError', async () => {
    const odata = client();
    await odata.close();
    await expect(odata.tables()).rejects.toBeInstanceOf(SessionClosedError);
  });
});
