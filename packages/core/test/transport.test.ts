import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  createDataApiSession,
  NetworkError,
  TimeoutError,
  TlsError,
} from '../src/index.js';
import { basicStrategy, OK_LOGIN, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

/** A TCP server that accepts connections and never answers. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('transport: timeouts, unreachable servers, TLS and proxies', () => {
  it('a server that never answers the login ends in TimeoutError (phase login), not a hang', async () => {
    const silent = await silentServer();
    const session = createDataApiSession({
      baseUrl: silent.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { loginMs: 300 },
    });
    try {
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ phase: 'login', timeoutMs: 300, code: 'FMAUTH_TIMEOUT' });
    } finally {
      await session.close();
      await silent.close();
    }
  });

  it('a call that never gets an answer ends in TimeoutError (phase request)', async () => {
    const server = createHttpServer((req, res) => {
      if (req.url?.endsWith('/sessions'))
        res.writeHead(200, { 'content-type': 'application/json' }).end(OK_LOGIN);
      // Any other request is left hanging.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const session = createDataApiSession({
      baseUrl: `http://127.0.0.1:${port}`,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { requestMs: 300, logoutMs: 300 },
    });
    try {
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'request', timeoutMs: 300 });
    } finally {
      await session.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('a strategy that ignores its signal cannot hang the login', async () => {
    const stuck: AuthStrategy = {
      id: 'stuck',
      flavors: ['filemaker-server'],
      authenticate: () => new Promise(() => undefined),
    };
    const session = mock.session({ strategy: stuck, timeouts: { loginMs: 200 } });
    const error = await session.layouts().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'login' });
    expect((error as Error).message).toContain('"stuck" strategy');
  });

  it('a refused connection is a NetworkError that names the origin', async () => {
    const silent = await silentServer();
    const url = silent.url;
    await silent.close();
    const session = createDataApiSession({ baseUrl: url, database: 'X', strategy: basicStrategy() });
    const error = await session.layouts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    await session.close();
  });

  it("an abort signal on a call rejects with the caller's reason", async () => {
    const session = mock.session();
    await session.login();
    const controller = new AbortController();
    const reason = new Error('user gave up');
    controller.abort(reason);
    await expect(session.request({ path: 'layouts', signal: controller.signal })).rejects.toBe(reason);
  });

  describe('self-signed certificate', () => {
    let url = '';
    let server: ReturnType<typeof createHttpsServer>;
    beforeAll(async () => {
      server = createHttpsServer(
        { key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') },
        (req, res) => {
          if (req.url?.endsWith('/sessions'))
            res.writeHead(200, { 'content-type': 'application/json' }).end(OK_LOGIN);
          else
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end('{"response":{"layouts":[]},"messages":[{"code":"0","message":"OK"}]}');
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://localhost:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => {
      server.closeAllConnections();
      server.close();
    });

    it('is refused by default with a TlsError that suggests tls.ca', async () => {
      const session = createDataApiSession({ baseUrl: url, database: 'X', strategy: basicStrategy() });
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsError);
      expect((error as Error).message).toMatch(/tls\.ca/);
      await session.close();
    });

    it('is accepted when its certificate is given as tls.ca', async () => {
      const session = createDataApiSession({
        baseUrl: url,
        database: 'X',
        strategy: basicStrategy(),
        tls: { ca: fixture('self-signed-cert.pem') },
      });
      await expect(session.layouts()).resolves.toEqual([]);
      await session.close();
    });
  });

  it("works through the caller's own dispatcher, e.g. undici's MockAgent", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://fms.example.com');
    const ok = (response: unknown) => ({ response, messages: [{ code: '0', message: 'OK' }] });
    pool
      .intercept({ path: '/fmi/data/vLatest/databases/X/sessions', method: 'POST' })
      .reply(200, ok({}), { headers: { 'X-FM-Data-Access-Token': 'tok-1' } });
    pool
      .intercept({ path: '/fmi/data/vLatest/databases/X/layouts', method: 'GET' })
      .reply(200, ok({ layouts: [{ name: 'Contacts' }] }));
    const session = createDataApiSession({
      baseUrl: 'https://fms.example.com',
      database: 'X',
      strategy: basicStrategy(),
      dispatcher: agent,
    });
    await expect(session.layouts()).resolves.toEqual([{ name: 'Contacts' }]);
    await agent.close();
  });

  it('sends requests through an HTTP proxy when `proxy` is set', async () => {
    let tunnels = 0;
    const proxy = createHttpServer();
    proxy.on('connect', (req, client, head) => {
      tunnels++;
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host as string, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const session = mock.session({ proxy: proxyUrl });
    try {
      await session.layouts();
      expect(tunnels).toBeGreaterThanOrEqual(1);
    } finally {
      await session.close();
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
