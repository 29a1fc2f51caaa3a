import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const RECORDS = '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records';

describe('FileMaker Server sessions', () => {
  it('validateSession answers OK with isSessionInUse for a live token', async () => {
    const token = await mock.login();
    const res = await mock.call('GET', '/fmi/data/vLatest/validateSession', { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response: { isSessionInUse: false },
      messages: [{ code: '0', message: 'OK' }],
    });
  });

  it('validateSession leaves isSessionInUse out when switched off, and accepts a lower-case path', async () => {
    mock.server.mock.options.dataApi.validateSessionInUse = false;
    const token = await mock.login();
    const res = await mock.call('GET', '/fmi/data/v1/validatesession', { headers: bearer(token) });
    expect(res.json.response).toEqual({});
  });

  it('validateSession answers 401 / 952 for an unknown token and 401 / 10 without one', async () => {
    const bad = await mock.call('GET', '/fmi/data/vLatest/validateSession', { headers: bearer('nope') });
    expect(bad.status).toBe(401);
    expect(bad.json.messages[0]).toEqual({ code: '952', message: 'Invalid FileMaker Data API token (*)' });
    const none = await mock.call('GET', '/fmi/data/vLatest/validateSession');
    expect(none.status).toBe(401);
    expect(none.json.messages[0]).toEqual({
      code: '10',
      message: 'Request validation failed: Parameter (Authorization) is required',
    });
  });

  it('expires a session after 15 idle minutes on the mock clock', async () => {
    const token = await mock.login();
    mock.server.mock.clock.advance(14 * 60_000 + 59_000);
    expect((await mock.call('GET', RECORDS, { headers: bearer(token) })).status).toBe(200);
    // That call restarted the idle timer.
    mock.server.mock.clock.advance(14 * 60_000);
    expect((await mock.call('GET', RECORDS, { headers: bearer(token) })).status).toBe(200);
    mock.server.mock.clock.advance(15 * 60_000);
    const expired = await mock.call('GET', RECORDS, { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect(expired.json.messages[0].code).toBe('952');
    expect(mock.stats().activeSessions).toBe(0);
  });

  it('honours a configured idle timeout', async () => {
    mock.server.mock.options.dataApi.sessionIdleMinutes = 1;
    const token = await mock.login();
    mock.server.mock.clock.advance(61_000);
    expect((await mock.call('GET', RECORDS, { headers: bearer(token) })).status).toBe(401);
  });

  it('binds a token to the database name used at login', async () => {
    const token = await mock.login('admin', 'admin-pass', 'Contacts');
    const other = await mock.call('GET', '/fmi/data/vLatest/databases/contacts/layouts/Contacts/records', {
      headers: bearer(token),
    });
    expect(other.status).toBe(401);
    expect(other.json.messages[0].code).toBe('952');
  });

  it('logs out with DELETE …/sessions/{token} and then refuses the token', async () => {
    const token = await mock.login();
    const res = await mock.call('DELETE', `/fmi/data/vLatest/databases/Contacts/sessions/${token}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response: {}, messages: [{ code: '0', message: 'OK' }] });
    expect(mock.stats()).toMatchObject({ logouts: 1, activeSessions: 0 });
    expect((await mock.call('GET', RECORDS, { headers: bearer(token) })).status).toBe(401);
    const again = await mock.call('DELETE', `/fmi/data/vLatest/databases/Contacts/sessions/${token}`);
    expect(again.status).toBe(401);
    expect(again.json.messages[0].code).toBe('952');
  });

  it('ends every session on POST /__control/sessions/expire (a server restart)', async () => {
    const token = await mock.login();
    const control = mock.server.endpoints.control as string;
    const res = await fetch(`${control}/sessions/expire`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await mock.call('GET', RECORDS, { headers: bearer(token) })).status).toBe(401);
  });

  it('answers a call without a token with 401 / 10 and a malformed Bearer with 401 / 952', async () => {
    expect((await mock.call('GET', RECORDS)).json.messages[0].code).toBe('10');
    const res = await mock.call('GET', RECORDS, { headers: { authorization: 'Token abc' } });
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('952');
  });
});
