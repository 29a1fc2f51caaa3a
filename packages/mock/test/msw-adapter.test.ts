import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';

const { handlers, mock, endpoints } = createMockHandlers({ baseUrl: 'http://fms.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => mock.reset());

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('msw handlers (in-process, for fetch-based code)', () => {
  it('serves the same Data API as the HTTP server, with the same counters', async () => {
    expect(endpoints.filemakerServer).toBe('http://fms.test');
    const login = await fetch(`${endpoints.filemakerServer}/fmi/data/vLatest/databases/Contacts/sessions`, {
      method: 'POST',
      headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(login.status).toBe(200);
    const token = login.headers.get('x-fm-data-access-token');
    expect(token).toMatch(/^[0-9a-f]{52}$/);
    const records = await fetch(
      `${endpoints.filemakerServer}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records?_limit=2`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const body = (await records.json()) as any;
    expect(body.response.data).toHaveLength(2);
    expect(mock.stats().filemakerServer).toMatchObject({
      successfulLogins: 1,
      requests: 2,
      activeSessions: 1,
    });
  });

  it('answers errors with their status and body', async () => {
    const res = await fetch(`${endpoints.filemakerServer}/fmi/data/vLatest/databases/Contacts/sessions`, {
      method: 'POST',
      headers: { authorization: basic('admin', 'wrong'), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).messages[0].code).toBe('212');
  });

  it('serves the control API too', async () => {
    mock.clock.advance(0);
    const res = await fetch(`${endpoints.control}/stats`);
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('filemakerServer');
  });
});
