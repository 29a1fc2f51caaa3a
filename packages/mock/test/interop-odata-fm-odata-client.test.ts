import { BasicAuth, Connection, FetchError } from 'fm-odata-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

// Soliant's fm-odata-client 3.2.5, unchanged, against the mock: it builds
// `http(s)://{hostname}/fmi/odata/v4/…`, so a hostname with a path reaches the Claris Server flavor.
const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const host = (prefix = '') => `${new URL(mock.server.url).host}${prefix}`;
const connect = (user: string, password: string, prefix = '') =>
  new Connection(host(prefix), new BasicAuth(user, password), { disableSsl: true });

interface Contact {
  name: string;
  email: string | null;
  city: string | null;
}

describe('fm-odata-client against the FileMaker Server flavor', () => {
  it('lists databases and tables, and reads $metadata as JSON', async () => {
    const connection = connect('admin', 'admin-pass');
    expect((await connection.listDatabases()).map((db) => db.name)).toEqual(['Contacts']);
    const database = connection.database('Contacts');
    expect((await database.listTables()).map((table) => table.name)).toEqual(['Contacts']);
    const metadata = (await database.getMetadata()) as Record<string, { $Kind: string }>;
    expect(metadata.Contacts?.$Kind).toBe('EntitySet');
  });

  it('queries with filter, orderBy, select, top and skip', async () => {
    const table = connect('admin', 'admin-pass').database('Contacts').table('Contacts');
    const rows = await table.query({
      filter: "contains(name,'a') and city ne 'London'",
      orderBy: [{ field: 'city', direction: 'desc' }],
      select: ['name', 'city'],
      top: 3,
      skip: 1,
    });
    // Contain 'a': all but London's Ada; by city descending: New York (skipped), then three.
    expect(rows.map((row) => row.city)).toEqual(['Manchester', 'Hampton', 'Boston']);
  });

  it('reads the count only under @odata.count: the mock switch makes it see one', async () => {
    const table = connect('admin', 'admin-pass').database('Contacts').table('Contacts');
    // This client reads `@odata.count`; recorded 4.01 servers send `@count`.
    expect((await table.query({ count: true, top: 1 })) as unknown).toMatchObject({ count: undefined });
    await mock.call('PATCH', '/__control/options', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ odata: { controlInformation: 'odata' } }),
    });
    expect((await table.query({ count: true, top: 1 })) as unknown).toMatchObject({ count: 6 });
    expect(await table.count("city eq 'London'")).toBe(1);
  });

  it('gets by id, creates, updates and deletes', async () => {
    const table = connect('admin', 'admin-pass').database('Contacts').table('Contacts');
    expect(await table.fetchById(2)).toMatchObject({ name: 'Grace Hopper' });
    expect(await table.fetchById(999)).toBeNull();
    const created = (await table.create({ name: 'Mary Jackson', city: 'Hampton' })) as unknown as Contact;
    expect(created).toMatchObject({ name: 'Mary Jackson', email: null });
    const updated = (await table.update(7, { email: 'mary@example.com' })) as unknown as Contact;
    expect(updated.email).toBe('mary@example.com');
    await table.delete(7);
    expect(await table.fetchById(7)).toBeNull();
    expect(await table.count()).toBe(6);
  });

  it('runs scripts, with and without a parameter', async () => {
    const database = connect('admin', 'admin-pass').database('Contacts');
    expect(await database.runScript('Echo', 'from soliant')).toEqual({
      code: 0,
      resultParameter: 'from soliant',
    });
    expect(await database.runScript('Greeting')).toEqual({
      code: 0,
      resultParameter: 'Hello from the fmauth mock',
    });
  });

  it('fails with a 401 FetchError on a wrong password', async () => {
    const table = connect('admin', 'wrong-pass').database('Contacts').table('Contacts');
    const failure = await table.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FetchError);
    expect((failure as FetchError).statusCode).toBe(401);
    expect(mock.stats().odataFailedAuth).toBe(1);
  });

  it('makes one authenticated request per call: no login, no session', async () => {
    const table = connect('admin', 'admin-pass').database('Contacts').table('Contacts');
    for (let i = 0; i < 5; i++) await table.query({ top: 1 });
    expect(mock.stats()).toMatchObject({ odataRequests: 5, successfulLogins: 0, activeSessions: 0 });
  });
});

describe('fm-odata-client against the Claris Server flavor', () => {
  const clarisStats = () => mock.server.mock.stats().clarisServer as Record<string, number>;

  it('works with the Claris ID email and the extended account password', async () => {
    const table = connect('dev@example.com', 'Extended-pass-1', '/claris-server')
      .database('Contacts')
      .table('Contacts');
    expect(await table.fetchById(1)).toMatchObject({ name: 'Ada Lovelace' });
    expect(await table.count()).toBe(6);
  });

  it('refuses the plain Claris ID password, counted like a Data API refusal', async () => {
    const table = connect('dev@example.com', 'ClarisID-pass-1', '/claris-server')
      .database('Contacts')
      .table('Contacts');
    const failure = await table.query().catch((error: unknown) => error);
    expect((failure as FetchError).statusCode).toBe(401);
    expect(clarisStats()).toMatchObject({ rejectedClarisIdPasswords: 1, odataFailedAuth: 1 });
  });
});
