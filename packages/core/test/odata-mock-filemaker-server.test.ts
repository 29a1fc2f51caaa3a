// The OData client against @fmauth/mock's FileMaker Server flavor (Basic, fmodata), over loopback HTTP:
// every method, paging, keys, writes seen by the Data API, scripts, single-flight and typed errors.
import { inspect } from 'node:util';
import {
  DEFAULT_FIXTURE,
  type FixtureInput,
  type MockServer,
  mockControl,
  startMockServer,
} from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDataApiSession,
  createODataClient,
  FileMakerError,
  InvalidArgumentError,
  InvalidCredentialsError,
  type ODataClient,
  type ODataClientOptions,
  odataFilter,
} from '../src/index.js';
import { basicStrategy } from './helpers.js';

const [contacts] = DEFAULT_FIXTURE.databases ?? [];
if (!contacts) throw new Error('the default fixture has no Contacts file');
/** The default Contacts file, plus an fmrest-only account and a Shop file with string and number keys. */
const FIXTURE: FixtureInput = {
  ...DEFAULT_FIXTURE,
  databases: [
    {
      ...contacts,
      accounts: [
        ...(contacts.accounts ?? []),
        { name: 'rest-only', password: 'rest-only-pass', extendedPrivileges: ['fmrest'] },
      ],
    },
    {
      name: 'Shop',
      accounts: [{ name: 'clerk', password: 'clerk-pass', extendedPrivileges: ['fmrest', 'fmodata'] }],
      tables: [
        {
          name: 'Customers',
          key: 'code',
          fields: [{ name: 'code' }, { name: 'name' }],
          records: [
            { code: 'ALFKI', name: 'Alfreds' },
            { code: "O'BRIEN", name: "O'Brien's" },
            { code: 'a/b c', name: 'Slash and space' },
          ],
        },
        {
          name: 'Orders',
          key: 'number',
          fields: [
            { name: 'number', result: 'number' },
            { name: 'total', result: 'number' },
          ],
          records: [
            { number: 1001, total: 12.5 },
            { number: 1002, total: 99 },
          ],
        },
      ],
      layouts: [{ name: 'Customers' }, { name: 'Orders' }],
    },
  ],
};

let server: MockServer;
const clients: ODataClient[] = [];
const control = () => mockControl(server.endpoints.control as string);
const stats = () => server.mock.stats().filemakerServer as Record<string, number>;
function client(options: Partial<ODataClientOptions> = {}): ODataClient {
  const odata = createODataClient({
    baseUrl: server.url,
    database: 'Contacts',
    strategy: basicStrategy(),
    ...options,
  });
  clients.push(odata);
  return odata;
}
/** The rejection of `promise`, checked to carry no secret anywhere a log could show it. */
async function refusal(promise: Promise<unknown>, ...secrets: string[]): Promise<Error> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (caught: unknown) => caught as Error,
  );
  const shown = `${error.message} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)} ${error.stack}`;
  for (const secret of ['admin-pass', 'YWRtaW46YWRtaW4tcGFzcw==', ...secrets])
    expect(shown).not.toContain(secret);
  return error;
}

beforeAll(async () => {
  server = await startMockServer({ fixture: FIXTURE });
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
});
beforeEach(() => control().reset());

describe('OData client on the mock FileMaker Server (Basic, fmodata)', () => {
  it('lists databases and tables, and reads $metadata as XML and as JSON', async () => {
    const odata = client();
    expect((await odata.databases()).map((db) => db.name)).toEqual(['Contacts']);
    expect(await odata.tables()).toEqual([expect.objectContaining({ name: 'Contacts', kind: 'EntitySet' })]);
    const xml = await odata.metadata();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('Namespace="com.filemaker.odata.Contacts');
    const json = await odata.metadata({ format: 'json' });
    expect(json.$Version).toBeDefined();
    expect(JSON.stringify(json)).toContain('EntitySet');
  });

  it('queries with filter, select, top, skip, orderby and count', async () => {
    const odata = client();
    const page = await odata.query<{ name: string; city: string }>('Contacts', {
      filter: odataFilter`city ne ${'London'}`,
      select: ['name', 'city'],
      orderby: 'city desc',
      top: 2,
      skip: 1,
      count: true,
    });
    // Five not in London; by city descending: New York (skipped), Manchester, Hampton.
    expect(page.value.map((row) => row.city)).toEqual(['Manchester', 'Hampton']);
    expect(page.value[0]).not.toHaveProperty('email');
    expect(page.count).toBe(5);
    expect(page.nextLink).toBeUndefined();
  });

  it('reads @odata.count and @odata.nextLink too (controlInformation: "odata")', async () => {
    await control().setOptions({ odata: { controlInformation: 'odata', pageSize: 4 } });
    const odata = client();
    const page = await odata.query('Contacts', { count: true });
    expect(page.count).toBe(6);
    expect(page.value).toHaveLength(4);
    expect(page.nextLink).toMatch(/\$skip=4/);
  });

  it('pages through every record by the server nextLink, and by top without one', async () => {
    await control().setOptions({ odata: { pageSize: 4 } });
    const odata = client();
    const sizes: number[] = [];
    for await (const page of odata.pages('Contacts', { orderby: 'name' })) sizes.push(page.value.length);
    expect(sizes).toEqual([4, 2]);
    const names: unknown[] = [];
    for await (const record of odata.records('Contacts', { top: 2, orderby: 'name' }))
      names.push(record.name);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    expect(names[0]).toBe('Ada Lovelace');
  });

  it('gets records by numeric and string keys (quotes and slashes encoded), and counts', async () => {
    const odata = client();
    expect(await odata.get('Contacts', 3)).toMatchObject({ name: 'Alan Turing' });
    expect(await odata.get('Contacts', 3, { select: ['city'] })).toEqual(
      expect.objectContaining({ city: 'Manchester' }),
    );
    const shop = client({ database: 'Shop', strategy: basicStrategy('clerk', 'clerk-pass') });
    expect(await shop.get('Customers', "O'BRIEN")).toMatchObject({ name: "O'Brien's" });
    expect(await shop.get('Customers', 'a/b c')).toMatchObject({ name: 'Slash and space' });
    expect(await shop.get('Orders', 1002)).toMatchObject({ total: 99 });
    expect(await odata.count('Contacts')).toBe(6);
    expect(await odata.count('Contacts', odataFilter`startswith(name, ${'A'})`)).toBe(2);
    expect(await odata.count('Contacts', "city eq 'London'")).toBe(1);
  });

  it('creates, updates and deletes a record, each seen through the Data API session', async () => {
    const odata = client();
    await using session = createDataApiSession({
      baseUrl: server.url,
      database: 'Contacts',
      strategy: basicStrategy(),
    });
    const created = await odata.create<{ name: string }>('Contacts', { name: 'Hedy Lamarr', city: 'Vienna' });
    expect(created).toMatchObject({ name: 'Hedy Lamarr', city: 'Vienna' });
    const found = await session.find('Contacts', [{ name: '==Hedy Lamarr' }]);
    const recordId = found.data[0]?.recordId as string;
    expect(found.data[0]?.fieldData).toMatchObject({ city: 'Vienna' });

    const updated = await odata.update('Contacts', Number(recordId), { city: 'Hollywood' });
    expect(updated).toMatchObject({ city: 'Hollywood' });
    expect((await session.getRecord('Contacts', recordId)).fieldData).toMatchObject({ city: 'Hollywood' });

    await odata.delete('Contacts', Number(recordId));
    await expect(session.getRecord('Contacts', recordId)).rejects.toBeInstanceOf(FileMakerError);
    expect(await odata.count('Contacts')).toBe(6);
  });

  it('runs the fixture scripts: a parameter echoed, an Exit Script text, a script error as a code', async () => {
    const odata = client();
    expect(await odata.runScript('Echo', 'hi')).toEqual({ code: 0, resultParameter: 'hi' });
    expect(await odata.runScript('Echo', { a: 1 })).toEqual({ code: 0, resultParameter: '{"a":1}' });
    expect(await odata.runScript('Greeting')).toEqual({
      code: 0,
      resultParameter: 'Hello from the fmauth mock',
    });
    expect(await odata.runScript('Fails')).toEqual({ code: 5 });
    expect((await odata.runScript('NoSuchScript')).code).toBe(104);
    expect(stats().odataScriptRuns).toBeGreaterThanOrEqual(4);
  });

  it('50 concurrent cold calls ask the strategy once; no Data API login, 50 OData requests', async () => {
    const strategy = basicStrategy();
    const odata = client({ strategy });
    await Promise.all(Array.from({ length: 50 }, () => odata.query('Contacts', { top: 1 })));
    expect(strategy.calls).toHaveLength(1);
    expect(stats()).toMatchObject({ odataRequests: 50, successfulLogins: 0, odataFailedAuth: 0 });
  });
});

describe('OData client refusals and bad input on the mock FileMaker Server', () => {
  it('an account with fmrest but not fmodata gets InvalidCredentialsError naming fmodata, sent once', async () => {
    const strategy = basicStrategy('rest-only', 'rest-only-pass');
    const odata = client({ strategy });
    const error = await refusal(odata.query('Contacts'), 'rest-only-pass');
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ status: 401, fmCode: '212' });
    expect(error.message).toContain('fmodata');
    // Identical Basic credentials are not replayed: one refused request, one failed login counted.
    expect(stats().odataFailedAuth).toBe(1);
  });

  it('with missingPrivilegeCode 9 the same account gets InsufficientPrivilegesError naming fmodata', async () => {
    await control().setOptions({ odata: { missingPrivilegeCode: '9' } });
    const error = await refusal(
      client({ strategy: basicStrategy('rest-only', 'rest-only-pass') }).tables(),
      'rest-only-pass',
    );
    expect(error).toMatchObject({ code: 'FMAUTH_INSUFFICIENT_PRIVILEGES', fmCode: '9' });
    expect(error.message).toContain('fmodata');
  });

  it('a wrong password is InvalidCredentialsError without the password', async () => {
    const error = await refusal(
      client({ strategy: basicStrategy('admin', 'wrong-secret-pw') }).query('Contacts'),
      'wrong-secret-pw',
    );
    expect(error).toBeInstanceOf(InvalidCredentialsError);
  });

  it('a malformed raw filter, unknown table, unknown field and wrong key type are typed FileMaker errors', async () => {
    const odata = client();
    const malformed = await refusal(odata.query('Contacts', { filter: 'name eq eq 3' }));
    expect(malformed).toMatchObject({ code: 'FMAUTH_FILEMAKER_ERROR', fmCode: '-1002', status: 400 });
    expect(malformed.message).toMatch(/filter syntax/);

    const table = await refusal(odata.query('Nope'));
    expect(table).toMatchObject({ fmCode: '-1020', status: 404 });
    expect(table.message).toMatch(/tables\(\) lists the names/);

    const field = await refusal(odata.query('Contacts', { select: ['nope'] }));
    expect(field).toMatchObject({ fmCode: '8309', status: 400 });
    expect(field.message).toMatch(/metadata\(\) lists the fields/);
    await expect(odata.create('Contacts', { nope: 1 })).rejects.toMatchObject({ fmCode: '8309' });

    const wrongType = await refusal(odata.get('Contacts', '3'));
    expect(wrongType).toMatchObject({ fmCode: '-1002', status: 400 });
    const missing = await refusal(odata.get('Contacts', 999));
    expect(missing).toMatchObject({ fmCode: '-1023', status: 404 });
    expect(missing.message).toMatch(/42 and '42' are different keys/);
  });

  it('an unknown database and an unsupported query option get advice that fits them', async () => {
    const unknown = await refusal(client({ database: 'Nope' }).query('Contacts'));
    expect(unknown).toMatchObject({ code: 'FMAUTH_FILEMAKER_ERROR', fmCode: '-1000', status: 404 });
    expect(unknown.message).toMatch(/no database "Nope".*databases\(\) lists/);
    const expand = await refusal(client().request({ path: 'Contacts', query: '$expand=x' }));
    expect(expand).toMatchObject({ fmCode: '-1002', status: 501 });
    expect(expand.message).toMatch(/does not support this OData operation/);
    expect(expand.message).not.toMatch(/filter syntax/);
  });

  it('a huge $top is refused before sending, or by the server above its maxTop', async () => {
    const odata = client();
    await expect(odata.query('Contacts', { top: 2 ** 60 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await control().setOptions({ odata: { maxTop: 1000 } });
    const error = await refusal(odata.query('Contacts', { top: 1_000_000 }));
    expect(error).toMatchObject({ fmCode: '-1002', status: 400 });
  });
});
