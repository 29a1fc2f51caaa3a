import { contains, FMServerConnection, fmTableOccurrence, textField } from '@proofkit/fmodata';
import { BasicAuth, Connection } from 'fm-odata-client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';

// In-process OData through msw at an https:// host: clients that insist on https (proofkit always,
// fm-odata-client for batches) need no certificate, and the counters are the same as over HTTP.
const { handlers, mock, endpoints } = createMockHandlers({ baseUrl: 'https://fms.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => mock.reset());

const contacts = fmTableOccurrence('Contacts', { name: textField(), email: textField(), city: textField() });

describe('OData through msw handlers', () => {
  it('serves @proofkit/fmodata over https without a certificate', async () => {
    expect(endpoints.filemakerServer).toBe('https://fms.test');
    const db = new FMServerConnection({
      serverUrl: 'https://fms.test',
      auth: { username: 'admin', password: 'admin-pass' },
    }).database('Contacts');
    const list = await db.from(contacts).list().where(contains(contacts.city, 'o')).execute();
    expect(list.data?.map((row) => row.city)).toEqual(['London', 'New York', 'Hampton', 'Boston']);
    expect(mock.stats().filemakerServer).toMatchObject({ odataRequests: 1, successfulLogins: 0 });
  });

  it("runs fm-odata-client's batches (always over https) when inserts in batches answer 201", async () => {
    // Its batch parser builds a Response with a body for every part, which a 204 part makes throw.
    const patched = await fetch(`${endpoints.control}/options`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ odata: { batchInsertStatus: '201' } }),
    });
    expect(patched.status).toBe(200);
    const database = new Connection('fms.test', new BasicAuth('admin', 'admin-pass')).database('Contacts');
    const results = await database.batch((batched) => {
      const table = batched.table('Contacts');
      return [table.fetchById(1), table.create({ name: 'Batch One' }), table.create({ name: 'Batch Two' })];
    });
    expect(results[0]).toMatchObject({ name: 'Ada Lovelace' });
    expect(await database.table('Contacts').count("startswith(name,'Batch')")).toBe(2);
    expect(mock.stats().filemakerServer).toMatchObject({ odataBatchOperations: 3 });
  });
});
