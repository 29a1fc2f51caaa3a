import { describe, expect, it } from 'vitest';
import { type AuthStrategy, basicAuthorization, createDataApiSession, Secret } from '../src/index.js';
import { fmJson, OK_LOGIN, startServer } from './helpers.js';

/** A server that records every login request it gets. */
async function recordingServer() {
  const logins: Array<{ headers: Record<string, string | string[] | undefined>; body: unknown }> = [];
  const server = await startServer((req, res, body) => {
    if (req.method === 'POST' && req.url?.endsWith('/sessions')) {
      logins.push({ headers: req.headers, body: JSON.parse(body || 'null') });
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-fm-data-access-token': 'tok' })
        .end(OK_LOGIN);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(fmJson('0', 'OK', { layouts: [] }));
  });
  return { ...server, logins };
}

describe('the login request', () => {
  it("sends {} with Content-Type: application/json and the strategy's Authorization", async () => {
    const server = await recordingServer();
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'Sales Data',
      strategy: {
        id: 's',
        flavors: [],
        authenticate: () => ({ authorization: basicAuthorization('a', 'b') }),
      },
    });
    try {
      await session.layouts();
      expect(server.logins).toHaveLength(1);
      expect(server.logins[0]?.body).toEqual({});
      expect(server.logins[0]?.headers['content-type']).toBe('application/json');
      expect(server.logins[0]?.headers.authorization).toBe(`Basic ${Buffer.from('a:b').toString('base64')}`);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it("sends fmDataSource entries (strategy first, then the session's) and OAuth headers", async () => {
    const server = await recordingServer();
    const strategy: AuthStrategy = {
      id: 'oauth',
      flavors: ['filemaker-server'],
      authenticate: () => ({
        headers: {
          'X-FM-Data-OAuth-Request-Id': new Secret('req-1'),
          'X-FM-Data-OAuth-Identifier': new Secret('ident-1'),
        },
        fmDataSource: [{ database: 'Strategy', username: 'u0', password: new Secret('p0') }],
      }),
    };
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'Main',
      strategy,
      fmDataSource: [
        { database: 'Archive', username: 'u1', password: 'p1' },
        { database: 'Sso', oAuthRequestId: 'r2', oAuthIdentifier: new Secret('i2') },
      ],
    });
    try {
      await session.layouts();
      const [login] = server.logins;
      expect(login?.headers['x-fm-data-oauth-request-id']).toBe('req-1');
      expect(login?.headers['x-fm-data-oauth-identifier']).toBe('ident-1');
      expect(login?.headers.authorization).toBeUndefined();
      expect(login?.body).toEqual({
        fmDataSource: [
          { database: 'Strategy', username: 'u0', password: 'p0' },
          { database: 'Archive', username: 'u1', password: 'p1' },
          { database: 'Sso', oAuthRequestId: 'r2', oAuthIdentifier: 'i2' },
        ],
      });
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('encodes the database name in the path', async () => {
    const paths: string[] = [];
    const server = await startServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json', 'x-fm-data-access-token': 't' }).end(OK_LOGIN);
    });
    const session = createDataApiSession({
      baseUrl: `${server.url}/gateway/`,
      database: 'Sales Data/2024',
      strategy: {
        id: 's',
        flavors: [],
        authenticate: () => ({ authorization: basicAuthorization('a', 'b') }),
      },
    });
    try {
      await session.login();
      expect(paths[0]).toBe('/gateway/fmi/data/vLatest/databases/Sales%20Data%2F2024/sessions');
    } finally {
      await session.close();
      await server.close();
    }
  });
});
