import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';
import { licenseService } from './services-example.js';

// The same third-party service, in-process through the msw handlers: no socket, same answers.
const { handlers, mock, endpoints } = createMockHandlers({
  baseUrl: 'http://acme.test',
  services: [licenseService({ ttlMinutes: 10 })],
});
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => mock.reset());

const issue = () =>
  fetch(`${endpoints.acmeLicenses}/licenses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: 'reports' }),
  });

describe('a third-party service through the msw handlers', () => {
  it('answers under its prefix of the msw origin, beside ours', async () => {
    expect(endpoints.acmeLicenses).toBe('http://acme.test/acme-licenses');
    const issued = await issue();
    expect(issued.status).toBe(201);
    const { id } = (await issued.json()) as { id: string };
    const checked = await fetch(`${endpoints.acmeLicenses}/licenses/${id}`);
    expect(await checked.json()).toMatchObject({ valid: true, product: 'reports' });
    const fms = await fetch(`${endpoints.filemakerServer}/fmi/data/vLatest/productInfo`);
    expect(fms.status).toBe(200);
    expect(mock.stats().acmeLicenses).toEqual({ issued: 1, checks: 1, expiredChecks: 0, active: 1 });
  });

  it('shares the mock clock, reset and session expiry', async () => {
    const { id } = (await (await issue()).json()) as { id: string };
    mock.clock.advance(11 * 60_000);
    expect((await fetch(`${endpoints.acmeLicenses}/licenses/${id}`)).status).toBe(410);
    mock.reset();
    expect(mock.stats().acmeLicenses?.issued).toBe(0);
    const again = (await (await issue()).json()) as { id: string };
    await fetch(`${endpoints.control}/sessions/expire`, { method: 'POST' });
    expect((await fetch(`${endpoints.acmeLicenses}/licenses/${again.id}`)).status).toBe(404);
  });

  it('takes injected faults by its key, in process', async () => {
    mock.faults.add({ kind: 'reset', service: 'acmeLicenses', times: 1 });
    await expect(issue()).rejects.toThrow(TypeError);
    expect((await issue()).status).toBe(201);
    mock.faults.add({ kind: 'server-error', service: 'acmeLicenses', status: 503, times: 1 });
    expect((await issue()).status).toBe(503);
  });
});
