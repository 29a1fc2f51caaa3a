import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('control API', () => {
  it('lives under its own prefix and lists its routes', async () => {
    const control = mock.server.endpoints.control as string;
    expect(control).toBe(`${mock.server.url}/__control`);
    const index = (await (await fetch(control)).json()) as any;
    expect(index.endpoints.filemakerServer).toBe(mock.server.url);
    expect(index.routes.map((r: { path: string }) => r.path)).toEqual(
      expect.arrayContaining(['/stats', '/reset', '/clock', '/options', '/sessions/expire']),
    );
  });

  it('counts logins, failures, sessions and requests per flavor, and resets them', async () => {
    const control = mockControl(mock.server.endpoints.control as string);
    await control.reset();
    await mock.login();
    await mock.login('admin', 'wrong').catch(() => undefined);
    const stats = await control.stats();
    expect(stats.filemakerServer).toMatchObject({
      successfulLogins: 1,
      failedLogins: 1,
      activeSessions: 1,
      requests: 2,
    });
    await control.reset();
    expect((await control.stats()).filemakerServer).toMatchObject({
      successfulLogins: 0,
      activeSessions: 0,
      requests: 0,
    });
  });

  it('moves the clock forward only', async () => {
    const control = mockControl(mock.server.endpoints.control as string);
    const before = Date.now();
    const { now } = await control.advanceClock({ minutes: 30 });
    expect(now).toBeGreaterThanOrEqual(before + 30 * 60_000);
    await expect(control.call('POST', '/clock', { advanceMs: -1 })).rejects.toThrow(/400/);
    await expect(control.call('POST', '/clock', {})).rejects.toThrow(/400/);
    await control.reset();
    expect((await control.call<{ offsetMs: number }>('GET', '/clock')).offsetMs).toBe(0);
  });

  it('changes options live and validates them', async () => {
    const control = mockControl(mock.server.endpoints.control as string);
    const updated = await control.setOptions({ dataApi: { maxSessions: 3 } });
    expect(updated).toMatchObject({ dataApi: { maxSessions: 3, sessionIdleMinutes: 15 } });
    await expect(control.setOptions({ dataApi: { maxSessions: 'many' } })).rejects.toThrow(/maxSessions/);
    await expect(control.setOptions({ nonsense: {} })).rejects.toThrow(/400/);
    await control.reset();
    expect(((await control.options()) as { dataApi: { maxSessions: number } }).dataApi.maxSessions).toBe(
      1000,
    );
  });

  it('answers unknown control paths with 404 and wrong methods with 405', async () => {
    const control = mock.server.endpoints.control as string;
    expect((await fetch(`${control}/nope`)).status).toBe(404);
    expect((await fetch(`${control}/stats`, { method: 'DELETE' })).status).toBe(405);
    const bad = await fetch(`${control}/clock`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
  });
});
