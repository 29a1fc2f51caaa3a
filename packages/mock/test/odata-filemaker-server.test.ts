import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, type FixtureInput } from '../src/index.js';
import { basic, useMock } from './helpers.js';

// The default fixture plus an account with the Data API privilege only (fmrest, no fmodata).
const fixture: FixtureInput = structuredClone(DEFAULT_FIXTURE);
fixture.databases[0]?.accounts?.push({
  name: 'rest-only',
  password: 'rest-only-pass',
  extendedPrivileges: ['fmrest'],
});
const mock = useMock({ fixture });
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const ADMIN = { authorization: basic('admin', 'admin-pass') };
const JSON_ADMIN = { ...ADMIN, 'content-type': 'application/json' };
const ROOT = '/fmi/odata/v4';
const TABLE = `${ROOT}/Contacts/Contacts`;
const odata = (method: string, path: string, headers: Record<string, string> = ADMIN, body?: string) =>
  mock.call(method, path, { headers, ...(body === undefined ? {} : { body }) });
const patchOptions = async (odataOptions: Record<string, unknown>) => {
  const res = await mock.call('PATCH', '/__control/options', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ odata: odataOptions }),
  });
  expect(res.status).toBe(200);
};

describe('FileMaker Server OData: discovery', () => {
  it('lists the files the account may open, with OData 4.01 headers', async () => {
    const res = await odata('GET', ROOT);
    expect(res.status).toBe(200);
    expect(res.headers['odata-version']).toBe('4.01');
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(res.json).toEqual({
      '@context': `${mock.base}${ROOT}/$metadata`,
      value: [{ name: 'Contacts', kind: 'EntityContainer', url: `${mock.base}${ROOT}/Contacts` }],
    });
  });

  it('serves the service document: one entity set per table occurrence', async () => {
    const res = await odata('GET', `${ROOT}/Contacts`);
    expect(res.json.value).toEqual([
      { name: 'Contacts', kind: 'EntitySet', url: `${mock.base}${ROOT}/Contacts/Contacts` },
    ]);
  });

  it('serves $metadata as EDMX XML by default and CSDL JSON for Accept: application/json', async () => {
    const xml = await odata('GET', `${ROOT}/Contacts/$metadata`);
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe('application/xml;charset=utf-8');
    expect(xml.text).toContain('<Schema Namespace="com.filemaker.odata.Contacts"');
    expect(xml.text).toContain('<EntityType Name="Contacts_">');
    expect(xml.text).toContain('<Property Name="email" Type="Edm.String"/>');
    expect(xml.text).toContain(
      '<EntitySet Name="Contacts" EntityType="com.filemaker.odata.Contacts.Contacts_">',
    );
    const json = await odata('GET', `${ROOT}/Contacts/$metadata`, { ...ADMIN, accept: 'application/json' });
    expect(json.json.$Version).toBe('4.01');
    expect(json.json.Contacts.Contacts).toEqual({ $Kind: 'EntitySet', $Type: 'Contacts.Contacts_' });
    expect(json.json.Contacts.Contacts_.name).toEqual({ $Nullable: true, $Type: 'Edm.String' });
  });

  it('accepts the .fmp12 suffix and echoes it in URLs', async () => {
    const res = await odata('GET', `${ROOT}/Contacts.fmp12/Contacts?$top=1`);
    expect(res.status).toBe(200);
    expect(res.json['@context']).toBe(`${mock.base}${ROOT}/Contacts.fmp12/$metadata#Contacts`);
    expect(res.json.value[0]['@id']).toBe(`${mock.base}${ROOT}/Contacts.fmp12/Contacts(ROWID=1)`);
  });
});

describe('FileMaker Server OData: authentication', () => {
  it('refuses a wrong password, no header and a Bearer token with the XML 212 body', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: basic('admin', 'wrong') },
      {},
      { authorization: 'Bearer abc' },
    ];
    for (const headers of attempts) {
      const res = await odata('GET', TABLE, headers);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe('application/xml;charset=utf-8');
      expect(res.headers['www-authenticate']).toBe('Basic realm="FileMaker"');
      expect(res.text).toContain('<m:code>212</m:code>');
      expect(res.text).toContain('(212): Invalid account/password');
    }
    expect(mock.stats().odataFailedAuth).toBe(3);
  });

  it('refuses an account with fmrest but without fmodata, which the Data API accepts', async () => {
    const headers = { authorization: basic('rest-only', 'rest-only-pass') };
    expect((await odata('GET', TABLE, headers)).status).toBe(401);
    expect((await odata('GET', ROOT, headers)).status).toBe(401);
    await expect(mock.login('rest-only', 'rest-only-pass')).resolves.toMatch(/^[0-9a-f]{52}$/);
    await patchOptions({ missingPrivilegeCode: '9' });
    const nine = await odata('GET', TABLE, headers);
    expect(nine.status).toBe(401);
    expect(nine.json.error.code).toBe('9');
  });

  it('answers in JSON when switched, and lists every file to anyone when the root is open', async () => {
    await patchOptions({ authFailureBody: 'json', serviceRoot: 'open' });
    const refused = await odata('GET', TABLE, { authorization: basic('admin', 'nope') });
    expect(refused.json).toEqual({ error: { code: '212', message: '(212): Invalid account/password' } });
    const root = await odata('GET', ROOT, {});
    expect(root.status).toBe(200);
    expect(root.json.value.map((db: { name: string }) => db.name)).toEqual(['Contacts']);
  });

  it('never echoes the password it was sent', async () => {
    const res = await odata('GET', TABLE, { authorization: basic('admin', 'Secret-Echo-123') });
    expect(res.text).not.toContain('Secret-Echo-123');
  });
});

describe('FileMaker Server OData: reading', () => {
  it('lists records with @id/@editLink, null for empty fields and ROWID keys', async () => {
    const res = await odata('GET', `${TABLE}?$top=2`);
    expect(res.json.value).toEqual([
      {
        '@id': `${mock.base}${TABLE}(ROWID=1)`,
        '@editLink': `${mock.base}${TABLE}(ROWID=1)`,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        city: 'London',
      },
      expect.objectContaining({ name: 'Grace Hopper' }),
    ]);
  });

  it('filters, orders, selects, skips and counts', async () => {
    const query = new URLSearchParams({
      $filter: "startswith(name,'A') or (city eq 'Boston' and not contains(tolower(name),'zzz'))",
      $orderby: 'name desc',
      $select: 'name,"city",ROWID',
      $count: 'true',
      $skip: '1',
    });
    const res = await odata('GET', `${TABLE}?${query}`);
    expect(res.status).toBe(200);
    expect(res.json['@context']).toBe(
      `${mock.base}${ROOT}/Contacts/$metadata#Contacts("name","city","ROWID")`,
    );
    expect(res.json['@count']).toBe(3);
    expect(res.json.value.map((r: Record<string, unknown>) => [r.name, r.city, r.ROWID])).toEqual([
      ['Alan Turing', 'Manchester', 3],
      ['Ada Lovelace', 'London', 1],
    ]);
  });

  it('compares with eq/ne/gt/le, null, and doubled quotes in string literals', async () => {
    const names = async (filter: string) =>
      (await odata('GET', `${TABLE}?$filter=${encodeURIComponent(filter)}&$select=name`)).json.value.map(
        (r: { name: string }) => r.name,
      );
    expect(await names("name gt 'K' and name le 'Katherine Johnson'")).toEqual(['Katherine Johnson']);
    expect(await names('email eq null')).toEqual([]);
    expect(await names("city ne null and endswith(city,'dam')")).toEqual(['Edsger Dijkstra']);
    expect(await names("name eq 'O''Brien'")).toEqual([]);
    expect(await names('ROWID ge 6')).toEqual(['Barbara Liskov']);
    expect(await names("toupper(city) eq 'BOSTON'")).toEqual(['Barbara Liskov']);
  });

  it('adds ROWID and ROWMODID with Prefer: fmodata.include-specialcolumns', async () => {
    const res = await odata('GET', `${TABLE}(2)`, { ...ADMIN, prefer: 'fmodata.include-specialcolumns' });
    expect(res.json).toMatchObject({ name: 'Grace Hopper', ROWID: 2, ROWMODID: 0 });
  });

  it('gets one record by number, by (ROWID=n), and one field value', async () => {
    const byNumber = await odata('GET', `${TABLE}(3)`);
    expect(byNumber.json['@context']).toBe(`${mock.base}${ROOT}/Contacts/$metadata#Contacts/$entity`);
    expect(byNumber.json.name).toBe('Alan Turing');
    expect((await odata('GET', `${TABLE}(ROWID=3)`)).json.name).toBe('Alan Turing');
    const field = await odata('GET', `${TABLE}(3)/city`);
    expect(field.json).toEqual({
      '@context': `${mock.base}${ROOT}/Contacts/$metadata#Contacts(3)/city`,
      value: 'Manchester',
    });
  });

  it('counts as text/plain, with $filter, and 406 under the strict switch', async () => {
    const all = await odata('GET', `${TABLE}/$count`);
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toBe('text/plain;charset=utf-8');
    expect(all.text).toBe('6');
    expect(
      (await odata('GET', `${TABLE}/$count?$filter=${encodeURIComponent("city eq 'London'")}`)).text,
    ).toBe('1');
    await patchOptions({ strictCountAccept: true });
    expect((await odata('GET', `${TABLE}/$count`, { ...ADMIN, accept: 'text/plain' })).status).toBe(406);
  });

  it('pages at pageSize with a nextLink that carries $skip', async () => {
    await patchOptions({ pageSize: 4 });
    const first = await odata('GET', `${TABLE}?$select=name`);
    expect(first.json.value).toHaveLength(4);
    const next = first.json['@nextLink'] as string;
    expect(next).toBe(`${mock.base}${TABLE}?$select=name&$skip=4`);
    const second = await odata('GET', next.slice(mock.base.length));
    expect(second.json.value.map((r: { name: string }) => r.name)).toEqual([
      'Edsger Dijkstra',
      'Barbara Liskov',
    ]);
    expect(second.json['@nextLink']).toBeUndefined();
  });

  it('honours Prefer: odata.maxpagesize for one request', async () => {
    const res = await odata('GET', `${TABLE}?$select=name`, { ...ADMIN, prefer: 'odata.maxpagesize=2' });
    expect(res.json.value).toHaveLength(2);
    expect(res.headers['preference-applied']).toBe('odata.maxpagesize=2');
    expect(res.json['@nextLink']).toBe(`${mock.base}${TABLE}?$select=name&$skip=2`);
  });

  it('spells control information @odata.* for OData-MaxVersion: 4.0 or the switch, and drops it for metadata=none', async () => {
    const old = await odata('GET', `${TABLE}?$count=true&$top=1`, { ...ADMIN, 'odata-maxversion': '4.0' });
    expect(old.json['@odata.count']).toBe(6);
    expect(old.json['@odata.context']).toBeDefined();
    expect(old.json.value[0]['@odata.id']).toBeDefined();
    const none = await odata('GET', `${TABLE}?$count=true&$top=1`, {
      ...ADMIN,
      accept: 'application/json;odata.metadata=none',
    });
    expect(Object.keys(none.json)).toEqual(['@count', 'value']);
    expect(Object.keys(none.json.value[0])).toEqual(['name', 'email', 'city']);
    const current = await odata('GET', `${TABLE}?$count=true&$top=1`, {
      ...ADMIN,
      'odata-maxversion': '4.01',
    });
    expect(current.json['@count']).toBe(6);
    await patchOptions({ controlInformation: 'odata' });
    expect((await odata('GET', `${TABLE}?$count=true`)).json['@odata.count']).toBe(6);
  });
});

describe('FileMaker Server OData: writing, shared with the Data API', () => {
  it('creates (201 + Location + entity), and the Data API sees the record', async () => {
    const res = await odata(
      'POST',
      TABLE,
      JSON_ADMIN,
      JSON.stringify({ name: 'Mary Jackson', city: 'Hampton' }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${mock.base}${TABLE}(ROWID=7)`);
    expect(res.json).toMatchObject({ name: 'Mary Jackson', email: null, city: 'Hampton' });
    const token = await mock.login();
    const viaDataApi = await mock.call(
      'GET',
      '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records/7',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(viaDataApi.json.response.data[0].fieldData).toEqual({
      name: 'Mary Jackson',
      email: '',
      city: 'Hampton',
    });
  });

  it('answers return=minimal with 204 and a (ROWID=n) Location', async () => {
    const res = await odata('POST', TABLE, { ...JSON_ADMIN, prefer: 'return=minimal' }, '{"name":"Min"}');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.location).toBe(`${mock.base}${TABLE}(ROWID=7)`);
  });

  it('updates with fmodata.affected_rows and counts ROWMODID up; the Data API modId follows', async () => {
    const res = await odata(
      'PATCH',
      `${TABLE}(1)`,
      { ...JSON_ADMIN, prefer: 'fmodata.include-specialcolumns' },
      '{"city":"Paris"}',
    );
    expect(res.status).toBe(200);
    expect(res.headers['fmodata.affected_rows']).toBe('1');
    expect(res.json).toMatchObject({ name: 'Ada Lovelace', city: 'Paris', ROWMODID: 1 });
    const token = await mock.login();
    const viaDataApi = await mock.call(
      'GET',
      '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records/1',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(viaDataApi.json.response.data[0]).toMatchObject({ modId: '1', fieldData: { city: 'Paris' } });
  });

  it('deletes (204 + affected rows); the record is then -1023, also a record the Data API created', async () => {
    const token = await mock.login();
    const created = await mock.call('POST', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fieldData: { name: 'From Data API' } }),
    });
    const id = created.json.response.recordId;
    expect((await odata('GET', `${TABLE}(${id})`)).json.name).toBe('From Data API');
    const res = await odata('DELETE', `${TABLE}(${id})`);
    expect(res.status).toBe(204);
    expect(res.headers['fmodata.affected_rows']).toBe('1');
    const gone = await odata('GET', `${TABLE}(${id})`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error: { code: '-1023', message: 'Record not found' } });
  });

  it('updates and deletes many with $filter, the count in fmodata.affected_rows', async () => {
    const filter = encodeURIComponent("startswith(name,'A')");
    const patched = await odata('PATCH', `${TABLE}?$filter=${filter}`, JSON_ADMIN, '{"city":"A-town"}');
    expect(patched.status).toBe(204);
    expect(patched.headers['fmodata.affected_rows']).toBe('2');
    const deleted = await odata('DELETE', `${TABLE}?$filter=${encodeURIComponent("city eq 'A-town'")}`);
    expect(deleted.headers['fmodata.affected_rows']).toBe('2');
    expect((await odata('GET', `${TABLE}/$count`)).text).toBe('4');
    expect((await odata('DELETE', TABLE)).status).toBe(400);
  });
});

describe('FileMaker Server OData: scripts', () => {
  it('runs a fixture script with and without a parameter', async () => {
    const echo = await odata(
      'POST',
      `${ROOT}/Contacts/Script.Echo`,
      JSON_ADMIN,
      '{"scriptParameterValue":"hello"}',
    );
    expect(echo.status).toBe(200);
    expect(echo.json).toEqual({ scriptResult: { code: 0, resultParameter: 'hello' } });
    const objectParam = await odata(
      'POST',
      `${ROOT}/Contacts/Script.Echo`,
      JSON_ADMIN,
      '{"scriptParameterValue":{"a":1}}',
    );
    expect(objectParam.json.scriptResult.resultParameter).toBe('{"a":1}');
    const greeting = await odata('POST', `${ROOT}/Contacts/Script.Greeting`, ADMIN);
    expect(greeting.json).toEqual({
      scriptResult: { code: 0, resultParameter: 'Hello from the fmauth mock' },
    });
    const fails = await odata('POST', `${ROOT}/Contacts/Script.Fails`, ADMIN);
    expect(fails.json).toEqual({ scriptResult: { code: 5 } });
    expect(mock.stats().odataScriptRuns).toBe(4);
  });

  it('answers a missing script with code 104, or a 404 under the switch; refuses other body keys', async () => {
    expect((await odata('POST', `${ROOT}/Contacts/Script.Nope`, ADMIN)).json).toEqual({
      scriptResult: { code: 104 },
    });
    await patchOptions({ missingScriptAnswer: 'error' });
    const missing = await odata('POST', `${ROOT}/Contacts/Script.Nope`, ADMIN);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('104');
    const wrongKey = await odata(
      'POST',
      `${ROOT}/Contacts/Script.Echo`,
      JSON_ADMIN,
      '{"scriptParameter":"x"}',
    );
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.json.error.code).toBe('-1002');
    expect((await odata('GET', `${ROOT}/Contacts/Script.Echo`)).status).toBe(405);
  });
});

describe('FileMaker Server OData: errors in the OData shape', () => {
  const error = async (method: string, path: string, body?: string) => {
    const res = await odata(method, path, body === undefined ? ADMIN : JSON_ADMIN, body);
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    return [res.status, res.json.error.code] as const;
  };

  it('maps each mistake to its status and code', async () => {
    expect(await error('GET', `${TABLE}?$filter=${encodeURIComponent("name eq 'x' and")}`)).toEqual([
      400,
      '-1002',
    ]);
    expect(await error('GET', `${TABLE}?$orderby=name%20sideways`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$select=name,,city`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$select=InvalidFieldName`)).toEqual([400, '8309']);
    expect(await error('GET', `${TABLE}?$orderby=nope`)).toEqual([400, '8309']);
    expect(await error('GET', `${ROOT}/Contacts/Purchase_Orders`)).toEqual([404, '-1020']);
    const forgottenQuestionMark = await odata('GET', `${TABLE}$top=10`);
    expect(forgottenQuestionMark.json).toEqual({
      error: { code: '-1002', message: "Error: syntax error in URL at: '$top'" },
    });
    expect(await error('GET', `${TABLE}(999)`)).toEqual([404, '-1023']);
    expect(await error('GET', `${TABLE}('ALFKI')`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}(1.5)`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$top=-1`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$top=99999999999`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$unknown=1`)).toEqual([400, '-1002']);
    expect(await error('GET', `${TABLE}?$expand=Orders`)).toEqual([501, '-1002']);
    expect(await error('POST', TABLE, 'not json')).toEqual([400, '-1002']);
    expect(await error('POST', TABLE, '[1,2]')).toEqual([400, '-1002']);
    expect(await error('POST', TABLE, '{"nope":"x"}')).toEqual([400, '8309']);
    expect(await error('PUT', TABLE)).toEqual([405, '-1002']);
    expect(await error('POST', `${TABLE}(1)`, '{}')).toEqual([405, '-1002']);
    expect(await error('GET', '/fmi/odata/v3/Contacts')).toEqual([404, '-1000']);
    expect(await error('GET', `${ROOT}/NoSuchFile/Contacts`)).toEqual([404, '-1000']);
  });

  it('caps $top at maxTop', async () => {
    await patchOptions({ maxTop: 100 });
    expect((await odata('GET', `${TABLE}?$top=100`)).status).toBe(200);
    expect((await odata('GET', `${TABLE}?$top=101`)).status).toBe(400);
  });

  it('answers 502 when OData is disabled', async () => {
    await patchOptions({ enabled: false });
    expect((await odata('GET', TABLE)).status).toBe(502);
  });

  it('counts requests and failed authentications in /stats', async () => {
    await odata('GET', TABLE);
    await odata('GET', `${TABLE}(1)`);
    await odata('GET', TABLE, { authorization: basic('admin', 'bad') });
    expect(mock.stats()).toMatchObject({ odataRequests: 3, odataFailedAuth: 1, successfulLogins: 0 });
  });
});
