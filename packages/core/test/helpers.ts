import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer } from '@fmauth/mock';
import {
  type AuthStrategy,
  basicAuthorization,
  createDataApiSession,
  type DataApiSessionOptions,
  type LoginCredentials,
  type SessionEvent,
} from '../src/index.js';

/** A minimal third-party strategy: Basic credentials, counting how often core asked for them. */
export function basicStrategy(
  username = 'admin',
  password = 'admin-pass',
): AuthStrategy & { calls: string[] } {
  const calls: string[] = [];
  const credentials: LoginCredentials = { authorization: basicAuthorization(username, password) };
  return {
    id: 'test-basic',
    flavors: ['filemaker-server'],
    calls,
    authenticate(ctx) {
      calls.push(ctx.reason);
      return credentials;
    },
  };
}

/** Starts the mock for a test file and builds sessions against its FileMaker Server flavor. */
export function useMock() {
  let server: MockServer | undefined;
  const sessions: Array<{ close(): Promise<void> }> = [];
  const ctx = {
    get server(): MockServer {
      if (!server) throw new Error('mock not started');
      return server;
    },
    async start() {
      server = await startMockServer();
    },
    async stop() {
      await Promise.all(sessions.splice(0).map((s) => s.close()));
      await server?.close();
    },
    stats(): Record<string, number> {
      return ctx.server.mock.stats().filemakerServer as Record<string, number>;
    },
    session(options: Partial<DataApiSessionOptions> = {}) {
      const events: SessionEvent[] = [];
      const session = createDataApiSession({
        baseUrl: ctx.server.url,
        database: 'Contacts',
        strategy: basicStrategy(),
        ...options,
        onEvent: (event) => events.push(event),
      });
      sessions.push(session);
      return Object.assign(session, { events });
    },
  };
  return ctx;
}

/** A real HTTP server with a hand-written handler, for answers the mock never gives (broken servers). */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{
  url: string;
  server: Server;
  close(): Promise<void>;
}> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const OK_LOGIN = JSON.stringify({
  response: { token: 'tok-123' },
  messages: [{ code: '0', message: 'OK' }],
});
export const fmJson = (code: string, message: string, response: unknown = {}) =>
  JSON.stringify({ response, messages: [{ code, message }] });
