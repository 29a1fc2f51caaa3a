import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataApiSession, TimeoutError } from '../src/index.js';
import { basicStrategy, OK_LOGIN, startServer } from './helpers.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Answers 200 and then drips one byte every 100 ms, forever: undici's bodyTimeout never fires. */
function drip(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
  res.on('close', () => clearInterval(timer));
}

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

async function timed(work: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

describe('every exchange has an overall deadline', () => {
  it('a call whose answer drips in ends at timeouts.requestMs', async () => {
    const server = await serve((req, res) => {
      if (req.url?.endsWith('/sessions')) return void res.writeHead(200).end(OK_LOGIN);
      drip(res);
    });
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { requestMs: 500, logoutMs: 500 },
    });
    try {
      await session.login();
      const { error, ms } = await timed(session.layouts());
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ phase: 'request', timeoutMs: 500, code: 'FMAUTH_TIMEOUT' });
      expect((error as Error).message).toContain('no complete answer within 500 ms');
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(1_500);
    } finally {
      await session.close();
    }
  });

  it('productInfo() and validateSession() too', async () => {
    const server = await serve((req, res) => {
      if (req.url?.endsWith('/sessions')) return void res.writeHead(200).end(OK_LOGIN);
      drip(res);
    });
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { requestMs: 400, logoutMs: 400 },
    });
    try {
      await session.login();
      for (const call of [() => session.productInfo(), () => session.validateSession()]) {
        const { error, ms } = await timed(call());
        expect(error).toBeInstanceOf(TimeoutError);
        expect(ms).toBeLessThan(1_400);
      }
    } finally {
      await session.close();
    }
  });

  it('a login whose answer drips in ends at timeouts.loginMs', async () => {
    const server = await serve((_req, res) => drip(res));
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { loginMs: 500 },
    });
    try {
      const { error, ms } = await timed(session.login());
      expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'login' });
      expect(ms).toBeLessThan(1_500);
    } finally {
      await session.close();
    }
  });

  it('a logout whose answer drips in ends at timeouts.logoutMs', async () => {
    const server = await serve((req, res) => {
      if (req.method === 'POST') return void res.writeHead(200).end(OK_LOGIN);
      drip(res);
    });
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { logoutMs: 400 },
    });
    try {
      await session.login();
      const { error, ms } = await timed(session.logout());
      expect(error).toMatchObject({ code: 'FMAUTH_TIMEOUT', phase: 'logout', timeoutMs: 400 });
      expect(ms).toBeLessThan(1_400);
    } finally {
      await session.close();
    }
  });
});
