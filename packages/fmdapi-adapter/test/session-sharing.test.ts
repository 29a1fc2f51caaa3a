import { memoryTokenStore, type SessionEvent, TimeoutError } from '@fmauth/core';
import { mockFaults } from '@fmauth/mock';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { DataApi } from '@proofkit/fmdapi';
import { describe, expect, it } from 'vitest';
import { FmAuthAdapter } from '../src/index.js';
import { ADMIN, rejectionOf, useAdapterMock } from './support/mock.js';

describe('single-flight login, re-login and sharing behind an unchanged DataApi client', () => {
  const mock = useAdapterMock();

  it('50 concurrent first calls on a cold adapter make exactly one login', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? api.list({ limit: 1 }) : api.find({ query: { city: 'London' } }),
      ),
    );
    expect(results.every((result) => result.data.length === 1)).toBe(true);
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1, failedLogins: 0 });
  });

  it('a session the server ended (idle expiry, restart) is renewed once and the call replayed, unseen by the client', async () => {
    const events: SessionEvent[] = [];
    const api = DataApi({
      adapter: mock.fmsAdapter({ onEvent: (event) => events.push(event) }),
      layout: 'Contacts',
    });
    await api.list({ limit: 1 });
    // The server's clock passes its 15-minute idle limit; ours does not, so the old token is tried first.
    await mock.control.advanceClock({ minutes: 16 });
    const burst = await Promise.all([api.list({ limit: 2 }), api.list({ limit: 2 }), api.list({ limit: 2 })]);
    expect(burst.map((result) => result.data.length)).toEqual([2, 2, 2]);
    await mock.control.expireSessions();
    await expect(api.findFirst({ query: { city: 'Boston' } })).resolves.toMatchObject({
      data: { fieldData: { name: 'Barbara Liskov' } },
    });
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 3, failedLogins: 0 });
    expect(
      events.filter((event) => event.type === 'login').map((event) => 'reason' in event && event.reason),
    ).toEqual(['initial', 'expired', 'expired']);
    // Every call of the burst saw the 952, yet they shared one re-login.
    expect(events.filter((event) => event.type === 'session-rejected')).toHaveLength(4);
  });

  it('two adapters over one session share its login', async () => {
    const session = mock.session({ strategy: fileMakerServer(ADMIN) });
    const contacts = DataApi({ adapter: new FmAuthAdapter({ session }), layout: 'Contacts' });
    const other = DataApi({ adapter: new FmAuthAdapter({ session }), layout: 'Contacts' });
    await Promise.all([contacts.list({ limit: 1 }), other.list({ limit: 1 })]);
    await contacts.find({ query: { city: 'London' } });
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1 });
  });

  it('adapters with their own sessions share one Data API token through memoryTokenStore()', async () => {
    const tokenStore = memoryTokenStore();
    const first = DataApi({ adapter: mock.fmsAdapter({ tokenStore }), layout: 'Contacts' });
    const second = DataApi({ adapter: mock.fmsAdapter({ tokenStore }), layout: 'Contacts' });
    await Promise.all([first.list({ limit: 1 }), second.list({ limit: 1 })]);
    await second.find({ query: { city: 'London' } });
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1 });

    // One re-login for both after the server drops the shared session.
    await mock.control.expireSessions();
    await Promise.all([first.list({ limit: 1 }), second.list({ limit: 1 })]);
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 2 });
  });

  it('the "timeout" option of a call ends it with a typed TimeoutError; later calls work', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });
    await api.list({ limit: 1 });
    await mockFaults(mock.endpoints.control as string).add({
      kind: 'delay',
      delayMs: 3_000,
      path: '/layouts/Contacts/records',
      method: 'GET',
    });
    const started = Date.now();
    const error = await rejectionOf(api.list({ limit: 1, timeout: 200 }));
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'request', timeoutMs: 200 });
    expect((error as Error).message).toContain('200 ms');
    await expect(api.list({ limit: 1 })).resolves.toMatchObject({ dataInfo: { returnedCount: 1 } });
  });

  it('the call timeout also bounds a login the call waits for', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });
    await mockFaults(mock.endpoints.control as string).add({
      kind: 'delay',
      delayMs: 3_000,
      path: '/sessions',
      method: 'POST',
    });
    const started = Date.now();
    const error = await rejectionOf(api.find({ query: { city: 'London' }, timeout: 300 }));
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', timeoutMs: 300 });
  });

  it('fetch.signal aborts a call with the signal’s reason, as fetch does', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const pending = api.list({ limit: 1, fetch: { signal: controller.signal } });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(api.list({ limit: 1, fetch: { signal: AbortSignal.abort(reason) } })).rejects.toBe(reason);
  });

  it('disconnect() logs out; close() closes only a session the adapter created', async () => {
    const adapter = mock.fmsAdapter();
    const api = DataApi({ adapter, layout: 'Contacts' });
    await api.list({ limit: 1 });
    await adapter.disconnect();
    expect(await mock.stats('filemakerServer')).toMatchObject({ logouts: 1, activeSessions: 0 });
    await api.list({ limit: 1 });
    await adapter.close();
    expect(adapter.session.closed).toBe(true);
    expect(await mock.stats('filemakerServer')).toMatchObject({ logouts: 2, activeSessions: 0 });

    const session = mock.session({ strategy: fileMakerServer(ADMIN) });
    const borrowed = new FmAuthAdapter({ session });
    await borrowed.close();
    expect(session.closed).toBe(false);
  });
});
