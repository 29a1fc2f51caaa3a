import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataApiSession, DEFAULT_LIMITS, UnexpectedResponseError } from '../src/index.js';
import { basicStrategy, fmJson, OK_LOGIN, startServer } from './helpers.js';

const MiB = 1024 * 1024;
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * Streams `total` bytes of JSON-ish filler (chunked, no Content-Length) as fast as the client reads,
 * and counts what actually left the server.
 */
function stream(res: ServerResponse, total: number, sent: { bytes: number }): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (sent.bytes < total && !res.destroyed) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  pump();
}

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe('response size limits', () => {
  it('defaults: 64 MiB for calls, 1 MiB for login, logout, validateSession, productInfo, databaseNames', () => {
    expect(DEFAULT_LIMITS).toEqual({ callBytes: 64 * MiB, controlBytes: MiB });
  });

  it('a 50 MB login answer fails at 1 MiB with UnexpectedResponseError, without reading the rest', async () => {
    const sent = { bytes: 0 };
    const server = await serve((_req, res) => stream(res, 50 * MiB, sent));
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      const error = await session.login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).toMatchObject({ code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 200 });
      const message = (error as Error).message;
      expect(message).toContain('POST /fmi/data/vLatest/databases/X/sessions');
      expect(message).toContain(`${MiB} bytes`);
      expect(message).toContain('limits.controlBytes');
      // The connection was dropped at the limit: what left the server is the limit plus socket buffers.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent.bytes).toBeLessThan(12 * MiB);
    } finally {
      await session.close();
    }
  });

  it('a call answer over limits.callBytes fails; one under it is read', async () => {
    const sent = { bytes: 0 };
    let size = 0;
    const server = await serve((req, res) => {
      if (req.url?.endsWith('/sessions')) return void res.writeHead(200).end(OK_LOGIN);
      if (size > 0) return stream(res, size, sent);
      res.writeHead(200, { 'content-type': 'application/json' }).end(fmJson('0', 'OK', { layouts: [] }));
    });
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      limits: { callBytes: 200_000 },
    });
    try {
      await expect(session.layouts()).resolves.toEqual([]);
      size = 50 * MiB;
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain('200000 bytes (limits.callBytes)');
      expect((error as Error).message).toContain('GET /fmi/data/vLatest/databases/X/layouts');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent.bytes).toBeLessThan(12 * MiB);
    } finally {
      await session.close();
    }
  });

  it('a Content-Length over the limit fails as soon as the headers arrive', async () => {
    const server = await serve((req, res) => {
      if (req.url?.endsWith('/sessions')) return void res.writeHead(200).end(OK_LOGIN);
      // Declares 100 MB, then sends nothing: only the header can have failed the call.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * MiB) });
      res.flushHeaders();
    });
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      timeouts: { requestMs: 5_000 },
    });
    try {
      const started = Date.now();
      const error = await session.layouts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain('Content-Length');
      expect((error as Error).message).toContain('limits.callBytes');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await session.close();
    }
  });

  it('productInfo() and databaseNames() are capped by limits.controlBytes', async () => {
    const sent = { bytes: 0 };
    const server = await serve((_req, res) => stream(res, 5 * MiB, sent));
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'X',
      strategy: basicStrategy(),
      limits: { controlBytes: 4096 },
    });
    try {
      for (const call of [() => session.productInfo(), () => session.databaseNames()]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnexpectedResponseError);
        expect((error as Error).message).toContain('4096 bytes (limits.controlBytes)');
      }
    } finally {
      await session.close();
    }
  });

  it('rejects limits that are not positive whole numbers of bytes', () => {
    for (const limits of [{ callBytes: 0 }, { controlBytes: -1 }, { callBytes: 1.5 }, { callBytes: '1' }]) {
      expect(() =>
        createDataApiSession({
          baseUrl: 'http://127.0.0.1:1',
          database: 'X',
          strategy: basicStrategy(),
          limits: limits as never,
        }),
      ).toThrow(TypeError);
    }
  });
});
