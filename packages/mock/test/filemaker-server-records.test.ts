import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

const mock = useMock();
let token = '';
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(async () => {
  mock.server.mock.reset();
  token = await mock.login();
});

const DB = '/fmi/data/vLatest/databases/Contacts';
const auth = () => ({ authorization: `Bearer ${token}` });
const jsonAuth = () => ({ ...auth(), 'content-type': 'application/json' });

describe('FileMaker Server layouts and records', () => {
  it('lists layouts and describes a layout', async () => {
    const layouts = await mock.call('GET', `${DB}/layouts`, { headers: auth() });
    expect(layouts.json.response.layouts).toEqual([{ name: 'Contacts', table: 'Contacts' }]);
    const meta = await mock.call('GET', `${DB}/layouts/Contacts`, { headers: auth() });
    expect(meta.json.response.fieldMetaData.map((f: { name: string }) => f.name)).toEqual([
      'name',
      'email',
      'city',
    ]);
    expect(meta.json.response.fieldMetaData[0]).toMatchObject({ result: 'text', type: 'normal' });
  });

  it('answers a missing layout with 500 / 105', async () => {
    const res = await mock.call('GET', `${DB}/layouts/Nope/records`, { headers: auth() });
    expect(res.status).toBe(500);
    expect(res.json.messages[0]).toEqual({ code: '105', message: 'Layout is missing' });
  });

  it('gets a range of records with _offset, _limit and _sort', async () => {
    const res = await mock.call('GET', `${DB}/layouts/Contacts/records?_offset=2&_limit=2`, {
      headers: auth(),
    });
    expect(res.status).toBe(200);
    expect(res.json.response.dataInfo).toEqual({
      database: 'Contacts',
      layout: 'Contacts',
      table: 'Contacts',
      totalRecordCount: 6,
      foundCount: 6,
      returnedCount: 2,
    });
    expect(res.json.response.data.map((r: { recordId: string }) => r.recordId)).toEqual(['2', '3']);
    expect(res.json.response.data[0]).toMatchObject({
      fieldData: { name: 'Grace Hopper' },
      portalData: {},
      modId: '0',
    });
    const sort = encodeURIComponent(JSON.stringify([{ fieldName: 'city', sortOrder: 'descend' }]));
    const sorted = await mock.call('GET', `${DB}/layouts/Contacts/records?_sort=${sort}&_limit=1`, {
      headers: auth(),
    });
    expect(sorted.json.response.data[0].fieldData.city).toBe('New York');
  });

  it('rejects an invalid _offset or _limit with 960', async () => {
    for (const query of ['_offset=0', '_limit=abc', '_sort=notjson']) {
      const res = await mock.call('GET', `${DB}/layouts/Contacts/records?${query}`, { headers: auth() });
      expect(res.status, query).toBe(500);
      expect(res.json.messages[0].code, query).toBe('960');
    }
  });

  it('gets one record by id, 101 for a missing one', async () => {
    const res = await mock.call('GET', `${DB}/layouts/Contacts/records/3`, { headers: auth() });
    expect(res.json.response.data[0].fieldData).toEqual({
      name: 'Alan Turing',
      email: 'alan@example.com',
      city: 'Manchester',
    });
    const missing = await mock.call('GET', `${DB}/layouts/Contacts/records/99`, { headers: auth() });
    expect(missing.status).toBe(500);
    expect(missing.json.messages[0].code).toBe('101');
  });

  it('finds records: word prefixes, == exact, omit, several requests', async () => {
    const find = (query: unknown[], extra = {}) =>
      mock.call('POST', `${DB}/layouts/Contacts/_find`, {
        headers: jsonAuth(),
        body: JSON.stringify({ query, ...extra }),
      });
    const byCity = await find([{ city: 'new' }]);
    expect(byCity.json.response.data.map((r: any) => r.fieldData.name)).toEqual(['Grace Hopper']);
    const exact = await find([{ name: '==alan turing' }]);
    expect(exact.json.response.dataInfo.foundCount).toBe(1);
    const two = await find([{ city: 'London' }, { city: 'Boston' }]);
    expect(two.json.response.dataInfo.foundCount).toBe(2);
    const omitted = await find([{ email: '*' }, { city: 'London', omit: 'true' }], { limit: 10 });
    expect(omitted.json.response.dataInfo.foundCount).toBe(5);
  });

  it('answers a find without matches with 500 / 401 and an unknown field with 102', async () => {
    const none = await mock.call('POST', `${DB}/layouts/Contacts/_find`, {
      headers: jsonAuth(),
      body: JSON.stringify({ query: [{ city: 'Atlantis' }] }),
    });
    expect(none.status).toBe(500);
    expect(none.json.messages[0]).toEqual({ code: '401', message: 'No records match the request' });
    const unknown = await mock.call('POST', `${DB}/layouts/Contacts/_find`, {
      headers: jsonAuth(),
      body: JSON.stringify({ query: [{ phone: '1' }] }),
    });
    expect(unknown.json.messages[0].code).toBe('102');
  });

  it('creates, edits and deletes a record', async () => {
    const created = await mock.call('POST', `${DB}/layouts/Contacts/records`, {
      headers: jsonAuth(),
      body: JSON.stringify({ fieldData: { name: 'Margaret Hamilton', city: 'Boston' } }),
    });
    expect(created.json.response).toEqual({ recordId: '7', modId: '0' });
    const edited = await mock.call('PATCH', `${DB}/layouts/Contacts/records/7`, {
      headers: jsonAuth(),
      body: JSON.stringify({ fieldData: { email: 'margaret@example.com' }, modId: '0' }),
    });
    expect(edited.json.response).toEqual({ modId: '1' });
    const stale = await mock.call('PATCH', `${DB}/layouts/Contacts/records/7`, {
      headers: jsonAuth(),
      body: JSON.stringify({ fieldData: { email: 'x@example.com' }, modId: '0' }),
    });
    expect(stale.json.messages[0].code).toBe('306');
    const read = await mock.call('GET', `${DB}/layouts/Contacts/records/7`, { headers: auth() });
    expect(read.json.response.data[0].fieldData).toEqual({
      name: 'Margaret Hamilton',
      email: 'margaret@example.com',
      city: 'Boston',
    });
    expect((await mock.call('DELETE', `${DB}/layouts/Contacts/records/7`, { headers: auth() })).status).toBe(
      200,
    );
    expect(
      (await mock.call('GET', `${DB}/layouts/Contacts/records/7`, { headers: auth() })).json.messages[0].code,
    ).toBe('101');
  });

  it('refuses unknown fields on create with 102', async () => {
    const res = await mock.call('POST', `${DB}/layouts/Contacts/records`, {
      headers: jsonAuth(),
      body: JSON.stringify({ fieldData: { phone: '555' } }),
    });
    expect(res.status).toBe(500);
    expect(res.json.messages[0].code).toBe('102');
  });

  it('restores the fixture records on reset', async () => {
    await mock.call('DELETE', `${DB}/layouts/Contacts/records/1`, { headers: auth() });
    mock.server.mock.reset();
    token = await mock.login();
    const res = await mock.call('GET', `${DB}/layouts/Contacts/records/1`, { headers: auth() });
    expect(res.json.response.data[0].fieldData.name).toBe('Ada Lovelace');
  });
});
