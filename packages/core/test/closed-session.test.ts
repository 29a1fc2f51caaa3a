import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDataApiSession, type DataApiSession, SessionClosedError } from '../src/index.js';
import { basicStrategy, fmJson, OK_LOGIN, startServer } from './helpers.js';

/** Every public method of a session, called with plausible arguments. */
const METHODS: Record<string, (session: DataApiSession) => Promise<unknown>> = {
  login: (s) => s.login(),
  request: (s) => s.request({ path: 'layouts' }),
  requestEnvelope: (s) => s.requestEnvelope({ path: 'layouts' }),
  productInfo: (s) => s.productInfo(),
  databaseNames: (s) => s.databaseNames(),
  layouts: (s) => s.layouts(),
  layoutMetadata: (s) => s.layoutMetadata('Contacts'),
  getRecords: (s) => s.getRecords('Contacts'),
  getRecord: (s) => s.getRecord('Contacts', 1),
  find: (s) => s.find('Contacts', [{ name: 'x' }]),
  createRecord: (s) => s.createRecord('Contacts', { name: 'x' }),
  editRecord: (s) => s.editRecord('Contacts', 1, { name: 'x' }),
  deleteRecord: (s) => s.deleteRecord('Contacts', 1),
  validateSession: (s) => s.validateSession(),
  logout: (s) => s.logout(),
};

let server: Awaited<ReturnType<typeof startServer>>;
let requests = 0;
beforeAll(async () => {
  server = await startServer((req, res) => {
    requests++;
    const url = req.url ?? '';
    const body = url.endsWith('/sessions')
      ? OK_LOGIN
      : url.endsWith('/productInfo')
        ? fmJson('0', 'OK', { productInfo: { name: 'FileMaker Data API Engine' } })
        : url.endsWith('/databases')
          ? fmJson('0', 'OK', { databases: [{ name: 'Contacts' }] })
          : fmJson('0', 'OK', { layouts: [] });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  requests = 0;
});

describe('a closed session', () => {
  for (const [name, call] of Object.entries(METHODS)) {
    it(`${name}() rejects with SessionClosedError and sends nothing`, async () => {
      for (const loggedIn of [false, true]) {
        const session = createDataApiSession({
          baseUrl: server.url,
          database: 'Contacts',
          strategy: basicStrategy(),
        });
        if (loggedIn) await session.login();
        await session.close();
        requests = 0;
        let result: Promise<unknown> | undefined;
        // A synchronous throw would escape `.catch()`: the promise must reject instead.
        expect(() => {
          result = call(session);
        }).not.toThrow();
        const error = await (result as Promise<unknown>).catch((e: unknown) => e);
        expect(error, `${name} (logged in: ${loggedIn})`).toBeInstanceOf(SessionClosedError);
        expect(error).toMatchObject({ code: 'FMAUTH_SESSION_CLOSED' });
        expect(requests).toBe(0);
      }
    });
  }

  it('a call waiting for a login when close() begins rejects with SessionClosedError, not a network error', async () => {
    const slow = await startServer((req, res) => {
      const url = req.url ?? '';
      const answer = () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(url.endsWith('/sessions') ? OK_LOGIN : fmJson('0', 'OK', { layouts: [] }));
      if (url.endsWith('/sessions') && req.method === 'POST') setTimeout(answer, 100);
      else answer();
    });
    try {
      const session = createDataApiSession({
        baseUrl: slow.url,
        database: 'Contacts',
        strategy: basicStrategy(),
      });
      const calls = [session.layouts(), session.getRecords('Contacts')].map((p) =>
        p.catch((e: unknown) => e),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      await session.close();
      for (const error of await Promise.all(calls)) {
        expect(error).toBeInstanceOf(SessionClosedError);
      }
    } finally {
      await slow.close();
    }
  });

  it('close() stays idempotent and never throws', async () => {
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'Contacts',
      strategy: basicStrategy(),
    });
    await session.login();
    await session.close();
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session[Symbol.asyncDispose]()).resolves.toBeUndefined();
    expect(session.closed).toBe(true);
  });
});
