import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { type CreateMockOptions, createMock, type Mock } from '../core/create-mock.js';
import type { MockResponse, TransportFault } from '../core/mock-http.js';
import { generateTlsMaterial, readTlsMaterial, type TlsMaterial } from './tls-certificate.js';

/**
 * HTTPS for the mock: `true` makes a fresh CA and a server certificate for `localhost`, `127.0.0.1` and
 * `::1` (plus `hosts`); `{ certFile, keyFile }` serves your own pair (checked to match at start).
 */
export type MockTlsOption =
  | true
  | { readonly hosts?: readonly string[] }
  | { readonly certFile: string; readonly keyFile: string };

/** What a client needs to trust an HTTPS mock. */
export interface MockTlsInfo {
  /** PEM of the certificate to trust (the generated CA, or your own certificate). */
  readonly ca: string;
  /** A file holding `ca` (removed on `close()` when the mock generated it), for `NODE_EXTRA_CA_CERTS` or curl's `--cacert`. */
  readonly caPath: string;
  /** SHA-256 fingerprint of `ca` as `AB:CD:…`. */
  readonly caFingerprint256: string;
}

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
  /**
   * Most open TCP connections at once; further ones are closed as soon as they connect, and the
   * connections already open keep being served. Default 10 000: well above the 1000 concurrent callers
   * the project's own single-flight tests and benchmarks open, still a bound on a flood.
   */
  readonly maxConnections?: number;
  /** Time a client has to send the whole request head; then 408 and the connection is closed. Default 15 000 ms. */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send the whole request, head and body. Default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  /**
   * How often the two timeouts above are checked, so a slow client is dropped at most this long after
   * its deadline (node:http checks every 30 s unless told otherwise). Default 1000 ms.
   */
  readonly connectionsCheckingIntervalMs?: number;
  /**
   * Serve HTTPS instead of HTTP (`--tls`, `--cert`/`--key` on the CLI). Endpoints then start with
   * `https://`, and the readiness gains `tls: { caPath, caFingerprint256 }`. Default: plain HTTP.
   */
  readonly tls?: MockTlsOption;
}

/** What the readiness line (`--json`) prints: `ready` plus the endpoints of every simulated server. */
export interface MockReadiness {
  readonly ready: true;
  readonly endpoints: Record<string, string>;
  /** The simulated Claris ID pool (Cognito), for clients that take a pool id, app client id and region. */
  readonly cognito?: { readonly userPoolId: string; readonly clientId: string; readonly region: string };
  /** Set when the mock serves HTTPS: where the CA to trust is, and its fingerprint. */
  readonly tls?: { readonly caPath: string; readonly caFingerprint256: string };
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
  /** Set when the mock serves HTTPS: the certificate clients must trust. */
  readonly tls?: MockTlsInfo;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
/** The connection limits of a running server, in connections and milliseconds. */
export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly connectionsCheckingIntervalMs: number;
}

/** Defaults of the connection limits (see {@link StartMockServerOptions}). */
export const CONNECTION_DEFAULTS: ConnectionLimits = Object.freeze({
  maxConnections: 10_000,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  connectionsCheckingIntervalMs: 1_000,
});

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
  const limits = connectionLimits(options);
  const material = options.tls === undefined ? undefined : await tlsMaterial(options.tls);
  const scheme = material ? 'https' : 'http';
  const httpOptions: ServerOptions = {
    maxHeaderSize: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    keepAliveTimeout: 5_000,
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => serve(mock, req, res, maxBodyBytes, scheme);
  const server = material
    ? createHttpsServer({ ...httpOptions, cert: material.cert, key: material.key }, handler)
    : createServer(httpOptions, handler);
  server.maxConnections = limits.maxConnections;
  // Unparseable or too slow requests get a bare status line and a closed connection, never a stack
  // trace. The socket is destroyed once the answer is out: a client that keeps sending instead of
  // reading must not hold a half-closed connection open.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
      socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${scheme}://${urlHost(host)}:${port}`;
  const tls = material ? await publishCa(material, options.tls) : undefined;
  // Services add their own readiness fields; Cognito's and the TLS ones are typed above.
  const readiness = {
    ready: true as const,
    ...mock.readiness(url),
    ...(tls ? { tls: { caPath: tls.caPath, caFingerprint256: tls.caFingerprint256 } } : {}),
  } as MockReadiness;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => tls?.cleanUp());
    return closing;
  };
  const running: MockServer & { [inspect.custom](): string } = {
    url,
    port,
    endpoints: readiness.endpoints,
    readiness,
    mock,
    ...(tls ? { tls: { ca: tls.ca, caPath: tls.caPath, caFingerprint256: tls.caFingerprint256 } } : {}),
    close,
    [Symbol.asyncDispose]: close,
    // The fixture holds passwords: a dump of the server shows where it listens, not what it knows.
    [inspect.custom]: () => `MockServer ${inspect(readiness.endpoints)}`,
  };
  return running;
}

function serve(
  mock: Mock,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  scheme: 'http' | 'https',
): void {
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
        origin: `${scheme}://${req.headers.host ?? 'localhost'}`,
      })
      .then(
        (response) =>
          response.transport ? applyTransportFault(req, res, response.transport) : write(res, response),
        () => write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' }),
      );
  });
}

/**
 * An injected connection fault: a TCP reset, or no answer at all until the client gives up, the
 * faults are cleared (then the connection is dropped) or the server closes (`closeAllConnections`).
 */
function applyTransportFault(req: IncomingMessage, res: ServerResponse, fault: TransportFault): void {
  if (fault.action === 'reset') {
    req.socket.resetAndDestroy();
    return;
  }
  if (res.destroyed) {
    fault.abandon();
    return;
  }
  res.once('close', fault.abandon);
  void fault.released.then(() => res.destroy());
}

function write(res: ServerResponse, response: MockResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = response.body ?? '';
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The connection limits with their defaults, checked so a typo fails loudly instead of disabling one. */
function connectionLimits(options: StartMockServerOptions): ConnectionLimits {
  const limits: ConnectionLimits = {
    maxConnections: options.maxConnections ?? CONNECTION_DEFAULTS.maxConnections,
    headersTimeoutMs: options.headersTimeoutMs ?? CONNECTION_DEFAULTS.headersTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? CONNECTION_DEFAULTS.requestTimeoutMs,
    connectionsCheckingIntervalMs:
      options.connectionsCheckingIntervalMs ?? CONNECTION_DEFAULTS.connectionsCheckingIntervalMs,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`startMockServer: ${name} must be a positive whole number, got ${String(value)}`);
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(
      `startMockServer: headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/** The host as it goes into a URL: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function tlsMaterial(option: MockTlsOption): Promise<TlsMaterial> {
  if (option !== true && 'certFile' in option) return readTlsMaterial(option.certFile, option.keyFile);
  return generateTlsMaterial(option === true ? [] : (option.hosts ?? []));
}

/** Where clients find the certificate to trust: the user's own file, or a private temporary copy. */
async function publishCa(
  material: TlsMaterial,
  option: MockTlsOption | undefined,
): Promise<MockTlsInfo & { cleanUp(): Promise<void> }> {
  if (option !== undefined && option !== true && 'certFile' in option) {
    const { ca, caFingerprint256 } = material;
    return { ca, caFingerprint256, caPath: option.certFile, cleanUp: async () => undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), 'fmauth-mock-tls-'));
  const caPath = join(dir, 'ca.pem');
  await writeFile(caPath, material.ca, { mode: 0o644 });
  const { ca, caFingerprint256 } = material;
  return { ca, caFingerprint256, caPath, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}
