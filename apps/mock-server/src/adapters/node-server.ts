import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type CreateMockOptions, createMock, type Mock } from '../core/create-mock.js';
import type { MockResponse } from '../core/mock-http.js';

/** Options of {@link startMockServer}. */
export interface StartMockServerOptions extends CreateMockOptions {
  /** TCP port; `0` (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Largest request body accepted; larger ones get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Largest request head (request line + headers); larger ones get 431. Default 16 KiB. */
  readonly maxHeaderBytes?: number;
  /** Serve an existing mock core instead of creating one (e.g. to share it with msw handlers). */
  readonly mock?: Mock;
}

/** What the readiness line (`--json`) prints: `ready` plus the endpoints of every simulated server. */
export interface MockReadiness {
  readonly ready: true;
  readonly endpoints: Record<string, string>;
  readonly [key: string]: unknown;
}

/** A running mock server. */
export interface MockServer extends AsyncDisposable {
  /** `http://host:port`, where the FileMaker Server flavor answers `/fmi/data/…`. */
  readonly url: string;
  readonly port: number;
  /** Base URL of each simulated server and of the control API, by key. */
  readonly endpoints: Record<string, string>;
  readonly readiness: MockReadiness;
  /** The mock core, for direct access to stats, clock and reset from the same process. */
  readonly mock: Mock;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

/**
 * Starts the mock on a real `node:http` server. Use it from a vitest `globalSetup`, a test's
 * `beforeAll`, or any script.
 *
 * @example
 * const server = await startMockServer();
 * // server.endpoints.filemakerServer → 'http://127.0.0.1:54321'
 * await server.close();
 */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  const mock = options.mock ?? createMock(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const host = options.host ?? '127.0.0.1';
  const server = createServer(
    {
      maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      requestTimeout: 30_000,
      headersTimeout: 15_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => serve(mock, req, res, maxBodyBytes),
  );
  // Unparseable requests get a bare status line and a closed connection, never a stack trace.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  const readiness: MockReadiness = { ready: true, ...mock.readiness(url) };
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const running: MockServer & { [inspect.custom](): string } = {
    url,
    port,
    endpoints: readiness.endpoints,
    readiness,
    mock,
    close,
    [Symbol.asyncDispose]: close,
    // The fixture holds passwords: a dump of the server shows where it listens, not what it knows.
    [inspect.custom]: () => `MockServer ${inspect(readiness.endpoints)}`,
  };
  return running;
}

function serve(mock: Mock, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let rejected = false;
  req.on('data', (chunk: Buffer) => {
    if (rejected) return;
    size += chunk.length;
    if (size > maxBodyBytes) {
      rejected = true;
      chunks.length = 0;
      write(res, {
        status: 413,
        headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
        body: JSON.stringify({
          messages: [{ code: '960', message: `Request body larger than ${maxBodyBytes} bytes` }],
          response: {},
        }),
      });
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (rejected) return;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    mock
      .handle({
        method: (req.method ?? 'GET').toUpperCase(),
        path: query === -1 ? url : url.slice(0, query),
        query: new URLSearchParams(query === -1 ? '' : url.slice(query + 1)),
        headers,
        body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        origin: `http://${req.headers.host ?? 'localhost'}`,
      })
      .then(
        (response) => write(res, response),
        () => write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' }),
      );
  });
}

function write(res: ServerResponse, response: MockResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = response.body ?? '';
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The host as it goes into a URL: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
