import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

// A table with a key field (validated not empty and unique) is addressed by that key in OData.
const mock = useMock({
  fixture: {
    databases: [
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
            ],
          },
          {
            name: 'Orders',
            key: 'number',
            fields: [
              { name: 'number', result: 'number' },
              { name: 'total', result: 'number' },
              { name: 'placed', result: 'date' },
            ],
            records: [{ number: 1001, total: 12.5, placed: '03/01/2026' }],
          },
        ],
        layouts: [{ name: 'Customers' }, { name: 'Orders' }],
      },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const CLERK = { authorization: basic('clerk', 'clerk-pass') };
const JSON_CLERK = { ...CLERK, 'content-type': 'application/json' };
const SHOP = '/fmi/odata/v4/Shop';

describe('OData keys', () => {
  it('gets a string key with doubled quotes and answers @id in the key form', async () => {
    const res = await mock.call('GET', `${SHOP}/Customers(${encodeURIComponent("'O''BRIEN'")})`, {
      headers: CLERK,
    });
    expect(res.status).toBe(200);
    expect(res.json.name).toBe("O'Brien's");
    expect(res.json['@id']).toBe(`${mock.base}${SHOP}/Customers('O''BRIEN')`);
    expect((await mock.call('GET', `${SHOP}/Customers(ROWID=1)`, { headers: CLERK })).json.code).toBe(
      'ALFKI',
    );
  });

  it('takes numeric keys bare, types numbers and dates, and refuses a key of the wrong type', async () => {
    const order = await mock.call('GET', `${SHOP}/Orders(1001)`, { headers: CLERK });
    expect(order.json).toMatchObject({ number: 1001, total: 12.5, placed: '2026-03-01' });
    expect(order.json['@id']).toBe(`${mock.base}${SHOP}/Orders(1001)`);
    const wrongType = await mock.call('GET', `${SHOP}/Orders('1001')`, { headers: CLERK });
    expect(wrongType.status).toBe(400);
    expect((await mock.call('GET', `${SHOP}/Customers(1)`, { headers: CLERK })).status).toBe(400);
    expect((await mock.call('GET', `${SHOP}/Customers('NOPE')`, { headers: CLERK })).json.error.code).toBe(
      '-1023',
    );
  });

  it('answers Location in the key form, and (ROWID=n) for return=minimal', async () => {
    const created = await mock.call('POST', `${SHOP}/Customers`, {
      headers: JSON_CLERK,
      body: '{"code":"BONAP","name":"Bon app"}',
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${mock.base}${SHOP}/Customers('BONAP')`);
    const minimal = await mock.call('POST', `${SHOP}/Customers`, {
      headers: { ...JSON_CLERK, prefer: 'return=minimal' },
      body: '{"code":"QUICK"}',
    });
    expect(minimal.status).toBe(204);
    expect(minimal.headers.location).toBe(`${mock.base}${SHOP}/Customers(ROWID=4)`);
  });

  it('refuses an empty key (509) and a repeated one (504), and a value that does not fit the field', async () => {
    const empty = await mock.call('POST', `${SHOP}/Customers`, {
      headers: JSON_CLERK,
      body: '{"name":"No code"}',
    });
    expect([empty.status, empty.json.error.code]).toEqual([400, '509']);
    const repeated = await mock.call('POST', `${SHOP}/Customers`, {
      headers: JSON_CLERK,
      body: '{"code":"ALFKI"}',
    });
    expect([repeated.status, repeated.json.error.code]).toEqual([400, '504']);
    const text = await mock.call('PATCH', `${SHOP}/Orders(1001)`, {
      headers: JSON_CLERK,
      body: '{"total":"lots"}',
    });
    expect([text.status, text.json.error.code]).toEqual([400, '-1002']);
    const date = await mock.call('PATCH', `${SHOP}/Orders(1001)`, {
      headers: JSON_CLERK,
      body: '{"placed":"2026-04-02"}',
    });
    expect(date.json.placed).toBe('2026-04-02');
  });

  it("serves one table's metadata at $metadata%23{table}", async () => {
    const one = await mock.call('GET', `${SHOP}/$metadata%23Orders`, {
      headers: { ...CLERK, accept: 'application/json' },
    });
    expect(Object.keys(one.json.Shop)).toEqual(['Orders_', 'Orders']);
    const xml = await mock.call('GET', `${SHOP}/$metadata%23Customers`, { headers: CLERK });
    expect(xml.text).toContain('<EntityType Name="Customers_">');
    expect(xml.text).not.toContain('Orders_');
    const missing = await mock.call('GET', `${SHOP}/$metadata%23Nope`, { headers: CLERK });
    expect([missing.status, missing.json.error.code]).toEqual([404, '-1020']);
  });

  it('marks the key in $metadata', async () => {
    const xml = await mock.call('GET', `${SHOP}/$metadata`, { headers: CLERK });
    expect(xml.text).toContain('<EntityType Name="Customers_"><Key><PropertyRef Name="code"/></Key>');
    expect(xml.text).toContain('<Property Name="total" Type="Edm.Decimal"/>');
    const json = await mock.call('GET', `${SHOP}/$metadata`, {
      headers: { ...CLERK, accept: 'application/json' },
    });
    expect(json.json.Shop.Orders_.$Key).toEqual(['number']);
    expect(json.json.Shop.Orders_.placed).toEqual({ $Nullable: true, $Type: 'Edm.Date' });
  });
});
