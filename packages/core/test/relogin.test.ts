import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  basicAuthorization,
  createDataApiSession,
  InvalidCredentialsError,
  SessionExpiredError,
} from '../src/index.js';
import { basicStrategy, fmJson, OK_LOGIN, startServer, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

describe('re-login', () => {
  it('on 952 logs in again and replays the call once', async () => {
    const strategy = basicStrategy();
    const session = mock.session({ strategy });
    await session.layouts();
    mock.server.mock.clock.advance(15 * 60_000);
    const created = await session.createRecord('Contacts', { name: 'Replayed' });
    expect(created.recordId).toBe('7');
    expect(strategy.calls).toEqual(['initial', 'expired']);
    expect(session.events.map((e) => e.type)).toEqual(['login', 'session-rejected', 'login']);
    // The create ran exactly once.
    const found = await session.find('Contacts', [{ name: '==Replayed' }]);
    expect(found.dataInfo.foundCount).toBe(1);
  });

  it('renews before use when idle past idleTimeoutMs (client clock), with no rejected call', async () => {
    let now = 1_000_000;
    const strategy = basicStrategy();
    const session = mock.session({ strategy, clock: () => now, idleTimeoutMs: 60_000 });
    await session.layouts();
    now += 59_000;
    await session.layouts();
    now += 60_000;
    await session.layouts();
    expect(strategy.calls).toEqual(['initial', 'expired']);
    expect(session.events.some((e) => e.type === 'session-rejected')).toBe(false);
  });

  it("renews before the credentials' validUntil passes (FileMaker Cloud binds sessions to the ID token)", async () => {
    let now = 1_000_000;
    const calls: string[] = [];
    const strategy: AuthStrategy = {
      id: 'expiring',
      flavors: ['filemaker-server'],
      authenticate: (ctx) => {
        calls.push(ctx.reason);
        return { authorization: basicAuthorization('admin', 'admin-pass'), validUntil: now + 30_000 };
      },
    };
    const session = mock.session({ strategy, clock: () => now });
    await session.layouts();
    now += 29_000;
    await session.layouts();
    now += 2_000;
    await session.layouts();
    expect(calls).toEqual(['initial', 'expired']);
  });

  it('a 401 with an HTML body on a call counts as an ended session too', async () => {
    let logins = 0;
    let calls = 0;
    const server = await startServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/sessions')) {
        logins++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(OK_LOGIN);
        return;
      }
      calls++;
      if (calls === 1) res.writeHead(401, { 'content-type': 'text/html' }).end('<html>401</html>');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(fmJson('0', 'OK', { layouts: [] }));
    });
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      await expect(session.layouts()).resolves.toEqual([]);
      expect(logins).toBe(2);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('a 952 at the login itself is refused credentials: the strategy is asked to invalidate once', async () => {
    let logins = 0;
    const server = await startServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/sessions')) logins++;
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(fmJson('952', 'Invalid FileMaker Data API token (*)'));
    });
    const invalidated: string[] = [];
    const strategy = {
      ...basicStrategy(),
      invalidate: ({ error }: { error: { code: string } }) => {
        invalidated.push(error.code);
      },
    };
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy });
    try {
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS', fmCode: '952', status: 401 });
      expect(invalidated).toEqual(['FMAUTH_INVALID_CREDENTIALS']);
      expect(logins).toBe(2);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('a second 952 right after a fresh login is a SessionExpiredError, not a loop', async () => {
    let logins = 0;
    const server = await startServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/sessions')) {
        logins++;
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-fm-data-access-token': `t${logins}` })
          .end(OK_LOGIN);
        return;
      }
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(fmJson('952', 'Invalid FileMaker Data API token (*)'));
    });
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionExpiredError);
      expect(error).toMatchObject({ code: 'FMAUTH_SESSION_EXPIRED', fmCode: '952', status: 401 });
      expect(logins).toBe(2);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('calls invalidate() and retries once with reason "rejected" when a login is refused', async () => {
    const events: string[] = [];
    let password = 'stale-pass';
    const strategy: AuthStrategy = {
      id: 'refreshable',
      flavors: ['filemaker-server'],
      authenticate: (ctx) => {
        events.push(`authenticate:${ctx.reason}`);
        return { authorization: basicAuthorization('admin', password) };
      },
      invalidate: (ctx) => {
        events.push(`invalidate:${ctx.error.code}`);
        password = 'admin-pass';
      },
    };
    const session = mock.session({ strategy });
    await session.layouts();
    expect(events).toEqual([
      'authenticate:initial',
      'invalidate:FMAUTH_INVALID_CREDENTIALS',
      'authenticate:rejected',
    ]);
    expect(mock.stats()).toMatchObject({ failedLogins: 1, successfulLogins: 1 });
  });

  it('gives up after the one retry when fresh credentials are refused too', async () => {
    let invalidations = 0;
    const strategy: AuthStrategy = {
      id: 'hopeless',
      flavors: ['filemaker-server'],
      authenticate: () => ({ authorization: basicAuthorization('admin', 'always-wrong') }),
      invalidate: () => {
        invalidations++;
      },
    };
    const session = mock.session({ strategy });
    await expect(session.layouts()).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(invalidations).toBe(1);
    expect(mock.stats().failedLogins).toBe(2);
  });
});
