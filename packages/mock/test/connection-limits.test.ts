import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_DEFAULTS, type MockServer, startMockServer } from '../src/index.js';
import { basic, http } from './helpers.js';

// Small limits so the slow clients are dropped within a couple of seconds; the production defaults
// (15 s / 30 s / checked every second) are the same code path.
const HEADERS_TIMEOUT_MS = 800;
const REQUEST_TIMEOUT_MS = 1_500;
const CHECK_INTERVAL_MS = 200;
const MARGIN_MS = 1_500;

let server: MockServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

interface SlowClient {
  readonly socket: Socket;
  /** Resolves with the ms from connect to close, and what the server wrote before closing. */
  readonly closed: Promise<{ afterMs: number; received: string }>;
}

/** A client that sends its request head one byte every `everyMs` and never finishes it. */
function slowHeaderClient(port: number, everyMs = 100): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const head = 'GET /fmi/data/vLatest/productInfo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
    let received = '';
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('error', () => undefined); // a reset is one way of being closed
    const closed = new Promise<{ afterMs: number; received: string }>((done) => {
      socket.once('close', () => {
        clearInterval(timer);
        done({ afterMs: Date.now() - started, received });
      });
    });
    socket.once('connect', () => {
      started = Date.now();
      socket.write(head);
      // One more header byte every `everyMs`: the head never ends.
      timer = setInterval(() => {
        if (socket.writable) socket.write('a');
      }, everyMs);
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

async function dataApiLogin(base: string) {
  return http(base, 'POST', '/fmi/data/vLatest/databases/Contacts/sessions', {
    headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('slow clients cannot hold the mock', () => {
  it('closes 200 slow-header connections promptly after the header timeout, serving logins meanwhile', async () => {
    server = await startMockServer({
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      connectionsCheckingIntervalMs: CHECK_INTERVAL_MS,
    });
    const clients = await Promise.all(Array.from({ length: 200 }, () => slowHeaderClient(server!.port)));

    // While all 200 trickle their headers, a normal Data API login is served at once.
    const login = await dataApiLogin(server.url);
    expect(login.status).toBe(200);
    expect(login.json.response.token).toMatch(/^[0-9a-f]{52}$/);

    const results = await Promise.all(clients.map((client) => client.closed));
    const slowest = Math.max(...results.map((r) => r.afterMs));
    expect(slowest).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + MARGIN_MS);
    expect(Math.min(...results.map((r) => r.afterMs))).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    // Each got a 408 before the close (none is left half-open).
    expect(results.every((r) => r.received.startsWith('HTTP/1.1 408 Request Timeout'))).toBe(true);
    // And the mock still answers.
    expect((await dataApiLogin(server.url)).status).toBe(200);
  });

  it('also bounds a request whose body never finishes (request timeout)', async () => {
    server = await startMockServer({
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      connectionsCheckingIntervalMs: CHECK_INTERVAL_MS,
    });
    const socket = connect(server.port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    const started = Date.now();
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /fmi/data/vLatest/databases/Contacts/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    const timer = setInterval(() => socket.writable && socket.write(' '), 100);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(timer);
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_INTERVAL_MS + MARGIN_MS);
  });

  it('caps concurrent connections: extra ones are closed at once, open ones keep being served', async () => {
    server = await startMockServer({
      maxConnections: 5,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      connectionsCheckingIntervalMs: CHECK_INTERVAL_MS,
    });
    const slow = await Promise.all(Array.from({ length: 5 }, () => slowHeaderClient(server!.port)));
    // The sixth connection is accepted by the kernel and dropped by the server right away.
    const extra = await slowHeaderClient(server.port);
    const dropped = await extra.closed;
    expect(dropped.afterMs).toBeLessThan(HEADERS_TIMEOUT_MS);
    expect(dropped.received).toBe('');
    // Once the slow ones time out there is room again.
    await Promise.all(slow.map((client) => client.closed));
    expect((await dataApiLogin(server.url)).status).toBe(200);
  });

  it('has sane defaults and rejects nonsense limits', async () => {
    server = await startMockServer();
    await expect(startMockServer({ maxConnections: 0 })).rejects.toThrow(/maxConnections/);
    await expect(startMockServer({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 })).rejects.toThrow(
      /headersTimeoutMs/,
    );

    expect(CONNECTION_DEFAULTS).toEqual({
      maxConnections: 10_000,
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      connectionsCheckingIntervalMs: 1_000,
    });
  });
});
