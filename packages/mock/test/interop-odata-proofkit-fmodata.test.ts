import {
  contains,
  eq,
  FMServerConnection,
  fmTableOccurrence,
  isBatchTruncatedError,
  textField,
} from '@proofkit/fmodata';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

// proofkit's @proofkit/fmodata 0.1.2, unchanged, against the mock. It sends
// `Accept: application/json;odata.metadata=none`, quotes field names, and keeps a path in serverUrl.
// It forces https://, so the mock serves HTTPS and the client trusts the mock's CA through its
// documented `fetchHandler` option, as it would trust a self-signed FileMaker Server.
const mock = useMock({ tls: true });
let agent: Agent | undefined;
beforeAll(async () => {
  await mock.start();
  agent = new Agent({ connect: { ca: mock.server.tls?.ca } });
});
afterAll(async () => {
  await agent?.close();
  await mock.stop();
});
beforeEach(() => mock.server.mock.reset());

const contacts = fmTableOccurrence('Contacts', {
  name: textField(),
  email: textField(),
  city: textField(),
});

// A table occurrence the file does not have: its query fails with -1020.
const missing = fmTableOccurrence('Nope', { name: textField() });

const connect = (username: string, password: string, prefix = '') =>
  new FMServerConnection({
    serverUrl: `${mock.server.url}${prefix}`,
    auth: { username, password },
    fetchClientOptions: { fetchHandler: trustingFetch },
  });

/** Global fetch, but trusting the mock's CA (undici's fetch with an Agent that knows it). */
async function trustingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const res = await undiciFetch(request.url, {
    method: request.method,
    headers: [...request.headers],
    body: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
    dispatcher: agent,
  });
  const body = await res.arrayBuffer();
  return new Response(res.status === 204 || res.status === 304 ? null : body, {
    status: res.status,
    statusText: res.statusText,
    headers: [...res.headers],
  });
}

describe('@proofkit/fmodata against the FileMaker Server flavor', () => {
  it('lists database names', async () => {
    expect(await connect('admin', 'admin-pass').listDatabaseNames()).toEqual(['Contacts']);
  });

  it('lists with where, orderBy, top, skip and a count', async () => {
    const db = connect('admin', 'admin-pass').database('Contacts.fmp12');
    const list = await db
      .from(contacts)
      .list()
      .where(contains(contacts.name, 'a'))
      .orderBy(contacts.city)
      .top(2)
      .skip(1)
      .execute();
    expect(list.error).toBeUndefined();
    expect(list.data?.map((row) => row.city)).toEqual(['Boston', 'Hampton']);
    const total = await db.from(contacts).count().execute();
    expect(total.data).toBe(6);
    const london = await db.from(contacts).list().where(eq(contacts.city, 'London')).execute();
    expect(london.data?.map((row) => row.name)).toEqual(['Ada Lovelace']);
  });

  it('gets by ROWID, inserts, updates and deletes', async () => {
    const db = connect('admin', 'admin-pass').database('Contacts');
    const one = await db.from(contacts).get({ ROWID: 2 }).execute();
    expect(one.error).toBeUndefined();
    expect(one.data).toMatchObject({ name: 'Grace Hopper' });
    const inserted = await db.from(contacts).insert({ name: 'Mary Jackson', city: 'Hampton' }).execute();
    expect(inserted.error).toBeUndefined();
    expect(inserted.data).toMatchObject({ name: 'Mary Jackson' });
    const updated = await db
      .from(contacts)
      .update({ email: 'mary@example.com' })
      .where((q) => q.where(eq(contacts.name, 'Mary Jackson')))
      .execute();
    expect(updated.error).toBeUndefined();
    expect(updated.data).toMatchObject({ updatedCount: 1 });
    const deleted = await db.from(contacts).delete().byRowId(7).execute();
    expect(deleted.error).toBeUndefined();
    expect(deleted.data).toMatchObject({ deletedCount: 1 });
    expect((await db.from(contacts).count().execute()).data).toBe(6);
  });

  it('runs a batch of a read and two inserts, and reports the parts FileMaker never ran', async () => {
    const db = connect('admin', 'admin-pass').database('Contacts');
    const batch = await db
      .batch([
        db.from(contacts).list().top(2),
        db.from(contacts).insert({ name: 'Batch One' }),
        db.from(contacts).insert({ name: 'Batch Two' }),
      ])
      .execute();
    expect(batch.errorCount).toBe(0);
    expect(batch.results[0]?.data).toHaveLength(2);
    expect((await db.from(contacts).count().execute()).data).toBe(8);
    const failing = await db
      .batch([
        db.from(contacts).list().where(eq(contacts.city, "O'Brien")),
        db.from(missing).list(),
        db.from(contacts).list(),
      ])
      .execute();
    expect(failing.results[0]?.data).toEqual([]);
    expect(failing.results[1]?.error).toBeDefined();
    // FileMaker stops at the first failure: the third part never ran.
    expect(isBatchTruncatedError(failing.results[2]?.error)).toBe(true);
  });

  it('runs a script', async () => {
    const db = connect('admin', 'admin-pass').database('Contacts');
    const echo = await db.runScript('Echo', { scriptParam: 'from proofkit' });
    expect(echo).toMatchObject({ resultCode: 0, result: 'from proofkit' });
  });

  it('reports a wrong password as a 401 error, never a crash', async () => {
    const db = connect('admin', 'nope').database('Contacts');
    const result = await db.from(contacts).list().execute();
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ status: 401 });
    expect(JSON.stringify(result.error)).not.toContain('nope');
  });
});

describe('@proofkit/fmodata against the Claris Server flavor', () => {
  it('reads with the extended password and is refused with the plain Claris ID password', async () => {
    const good = connect('dev@example.com', 'Extended-pass-1', '/claris-server').database('Contacts');
    expect((await good.from(contacts).count().execute()).data).toBe(6);
    const bad = connect('dev@example.com', 'ClarisID-pass-1', '/claris-server').database('Contacts');
    expect((await bad.from(contacts).list().execute()).error).toMatchObject({ status: 401 });
    expect(mock.server.mock.stats().clarisServer).toMatchObject({ rejectedClarisIdPasswords: 1 });
  });
});
