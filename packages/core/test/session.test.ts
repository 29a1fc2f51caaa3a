import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileMakerError } from '../src/index.js';
import { basicStrategy, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

describe('DataApiSession', () => {
  it('does nothing on the wire until the first call, then logs in once and reuses the token', async () => {
    const strategy = basicStrategy();
    const session = mock.session({ strategy });
    expect(mock.stats().requests).toBe(0);
    expect(session.isLoggedIn).toBe(false);
    const { data, dataInfo } = await session.getRecords('Contacts', { limit: 2, offset: 2 });
    expect(data.map((r) => r.fieldData.name)).toEqual(['Grace Hopper', 'Alan Turing']);
    expect(dataInfo.foundCount).toBe(6);
    await session.getRecord('Contacts', 1);
    await session.layouts();
    expect(strategy.calls).toEqual(['initial']);
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, requests: 4 });
    expect(session.isLoggedIn).toBe(true);
    expect(session.events.map((e) => e.type)).toEqual(['login']);
  });

  it('wraps the common record operations', async () => {
    const session = mock.session();
    const meta = await session.layoutMetadata('Contacts');
    expect(meta.fieldMetaData.map((f) => f.name)).toEqual(['name', 'email', 'city']);
    const created = await session.createRecord('Contacts', { name: 'Hedy Lamarr', city: 'Vienna' });
    expect(created).toEqual({ recordId: '7', modId: '0' });
    expect(await session.editRecord('Contacts', created.recordId, { email: 'hedy@example.com' })).toEqual({
      modId: '1',
    });
    const found = await session.find('Contacts', [{ city: 'Vienna' }]);
    expect(found.data[0]?.fieldData).toEqual({
      name: 'Hedy Lamarr',
      email: 'hedy@example.com',
      city: 'Vienna',
    });
    await session.deleteRecord('Contacts', created.recordId);
    const none = await session.find('Contacts', [{ city: 'Vienna' }], { emptyOnNoMatch: true });
    expect(none.data).toEqual([]);
    const error = await session.find('Contacts', [{ city: 'Vienna' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileMakerError);
    expect(error).toMatchObject({ fmCode: '401', status: 500 });
    const sorted = await session.getRecords('Contacts', {
      sort: [{ fieldName: 'name', sortOrder: 'descend' }],
      limit: 1,
    });
    expect(sorted.data[0]?.fieldData.name).toBe('Katherine Johnson');
  });

  it('sends raw requests below the database with request()', async () => {
    const session = mock.session();
    const response = await session.request<{ layouts: Array<{ name: string }> }>({ path: 'layouts' });
    expect(response.layouts[0]?.name).toBe('Contacts');
    const envelope = await session.requestEnvelope({
      path: 'layouts/Contacts/records',
      query: { _limit: 1, _offset: undefined },
    });
    expect(envelope.messages).toEqual([{ code: '0', message: 'OK' }]);
  });

  it('reads productInfo and the database names without logging in', async () => {
    const session = mock.session();
    expect((await session.productInfo()).name).toBe('FileMaker Data API Engine');
    expect(await session.databaseNames()).toEqual(['Contacts']);
    expect(mock.stats().successfulLogins).toBe(0);
  });

  it('sends the strategy credentials for the database list when the server filters databases', async () => {
    mock.server.mock.options.dataApi.filterDatabases = true;
    const strategy = basicStrategy();
    const session = mock.session({ strategy });
    expect(await session.databaseNames()).toEqual(['Contacts']);
    expect(strategy.calls).toEqual(['initial']);
  });

  it('validateSession: false without a token (no request), true while live, false after expiry', async () => {
    const session = mock.session();
    expect(await session.validateSession()).toBe(false);
    expect(mock.stats().requests).toBe(0);
    await session.login();
    expect(await session.validateSession()).toBe(true);
    mock.server.mock.clock.advance(16 * 60_000);
    expect(await session.validateSession()).toBe(false);
    expect(session.isLoggedIn).toBe(false);
  });

  it('logout() ends the server session and the next call logs in again', async () => {
    const session = mock.session();
    await session.login();
    await session.logout();
    expect(mock.stats()).toMatchObject({ logouts: 1, activeSessions: 0 });
    await session.getRecords('Contacts', { limit: 1 });
    expect(mock.stats().successfulLogins).toBe(2);
  });

  it('close() is idempotent and waits for a login in flight before logging out', async () => {
    const session = mock.session();
    const call = session.getRecords('Contacts', { limit: 1 });
    const closing = session.close();
    await call.catch(() => undefined);
    await Promise.all([closing, session.close()]);
    expect(session.closed).toBe(true);
    expect(mock.stats().activeSessions).toBe(0);
  });

  it('uses the configured version in the URL', async () => {
    const session = mock.session({ version: 'v1' });
    await session.getRecords('Contacts', { limit: 1 });
    expect(mock.stats().successfulLogins).toBe(1);
  });

  it('encodes layout names and record ids as single path segments', async () => {
    const session = mock.session();
    const error = await session.getRecords('Sales/2024').catch((e: unknown) => e);
    expect(error).toMatchObject({ fmCode: '105' });
    expect((error as Error).message).toContain('Sales%2F2024');
  });
});
