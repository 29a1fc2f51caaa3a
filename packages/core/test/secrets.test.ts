import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization, createDataApiSession, isSecret, Secret, toSecret } from '../src/index.js';
import { basicStrategy, fmJson, OK_LOGIN, startServer, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const renderings = (value: unknown) => [
  inspect(value, { depth: 10, showHidden: true }),
  JSON.stringify(value) ?? '',
  String(value),
];

describe('secrets stay secret', () => {
  it('Secret hides its value from String, JSON and inspect, and reveal() gives it back', () => {
    const secret = new Secret('hunter2');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).toBe('Secret([redacted])');
    expect(secret.reveal()).toBe('hunter2');
    expect(isSecret(secret)).toBe(true);
    expect(toSecret(secret)).toBe(secret);
    expect(toSecret('x').reveal()).toBe('x');
  });

  it('no password, Authorization value or session token in a session, its events or its errors', async () => {
    const session = mock.session({ strategy: basicStrategy('admin', 'admin-pass') });
    await session.layouts();
    const authorization = basicAuthorization('admin', 'admin-pass').reveal();
    const forbidden = ['admin-pass', authorization.slice(6)];
    for (const text of [...renderings(session), ...renderings(session.events)]) {
      for (const secret of forbidden) expect(text).not.toContain(secret);
    }
    const wrong = mock.session({ strategy: basicStrategy('admin', 'wrong-secret-pass') });
    const error = await wrong.layouts().catch((e: unknown) => e);
    for (const text of [...renderings(error), (error as Error).stack ?? '']) {
      expect(text).not.toContain('wrong-secret-pass');
    }
  });

  it('the session token never shows in a dump of the session', async () => {
    const server = await startServer((req, res) => {
      const body = req.url?.endsWith('/sessions') ? OK_LOGIN : fmJson('0', 'OK', { layouts: [] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      await session.layouts();
      expect(session.isLoggedIn).toBe(true);
      for (const text of renderings(session)) expect(text).not.toContain('tok-123');
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('the logout endpoint in errors shows [redacted] instead of the token', async () => {
    const session = mock.session();
    await session.layouts();
    mock.server.mock.options.dataApi.dataApiEnabled = false;
    const error = await session.logout().catch((e: unknown) => e);
    expect((error as { endpoint: string }).endpoint).toBe(
      'DELETE /fmi/data/vLatest/databases/Contacts/sessions/[redacted]',
    );
    expect((error as Error).message).not.toMatch(/[0-9a-f]{52}/);
  });
});
