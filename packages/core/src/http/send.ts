import type { Dispatcher } from 'undici';
import {
  NetworkError,
  TimeoutError,
  type TimeoutPhase,
  TlsError,
  type UnexpectedResponseError,
} from '../errors/error-classes.js';
import { FmAuthError } from '../errors/fm-auth-error.js';
import { responseTooLargeError } from '../errors/response-too-large.js';

/** One HTTP exchange, described without any URL parsing on the hot path. */
export interface HttpRequest {
  readonly origin: string;
  readonly path: string;
  readonly method: Dispatcher.HttpMethod;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /**
   * The whole exchange's deadline, from dispatch to the last byte of the body (one timer per request);
   * also undici's wait for the headers and between body chunks.
   */
  readonly timeoutMs: number;
  /** Connect timeout of the dispatcher, only for the error message. */
  readonly connectTimeoutMs: number;
  readonly phase: TimeoutPhase;
  /** `METHOD /path` with secrets redacted, for error messages. */
  readonly endpoint: string;
  /** Largest response body read, in bytes; a larger one fails without being read further. */
  readonly maxBytes: number;
  /** The option that sets {@link maxBytes}, named in the error, e.g. `limits.callBytes`. */
  readonly maxBytesOption: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * Sends one request and reads the whole body, up to `req.maxBytes`; transport failures become typed
 * errors. Reads through an undici dispatch handler of its own rather than `dispatcher.request()`: the
 * body is collected as it arrives (no Readable stream per response), its size is checked on every
 * chunk, and the request is aborted (the connection dropped) the moment it passes the limit.
 */
export function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const exchange = new Exchange(req, resolve, reject);
    if (req.signal?.aborted) {
      exchange.onError(req.signal.reason as Error);
      return;
    }
    try {
      dispatcher.dispatch(
        {
          origin: req.origin,
          path: req.path,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        },
        exchange,
      );
    } catch (error) {
      exchange.onError(error as Error);
    }
  });
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * The undici handler of one exchange (the classic handler interface, which every dispatcher accepts:
 * `dispatcher.request()` itself is built on it).
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #req: HttpRequest;
  readonly #resolve: (res: HttpResponse) => void;
  readonly #reject: (error: unknown) => void;
  #abort: ((error?: Error) => void) | undefined;
  /** An abort decided before undici handed us its `abort` function. */
  #pendingAbort: Error | undefined;
  #settled = false;
  #status = 0;
  #headers: Record<string, string | string[]> = {};
  #chunks: Buffer[] = [];
  #length = 0;
  #onSignal: (() => void) | undefined;
  /**
   * The overall deadline. undici's `bodyTimeout` restarts with every chunk, so a server dripping a
   * byte at a time would hold a call forever; this single timer per request bounds the whole of it
   * (cheaper than an `AbortSignal.timeout()` per call, and cleared the moment the answer is in).
   */
  readonly #deadline: NodeJS.Timeout;

  constructor(req: HttpRequest, resolve: (res: HttpResponse) => void, reject: (error: unknown) => void) {
    this.#req = req;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#deadline = setTimeout(expire, req.timeoutMs, this);
    const signal = req.signal;
    if (signal && !signal.aborted) {
      this.#onSignal = () => this.#fail(signal.reason as Error);
      signal.addEventListener('abort', this.#onSignal, { once: true });
    }
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.#pendingAbort !== undefined) abort(this.#pendingAbort);
    else this.#abort = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[], _resume: () => void, _text: string): boolean {
    if (status < 200) return true; // 1xx: the real answer follows.
    this.#status = status;
    this.#headers = parseHeaders(rawHeaders);
    const declared = this.#headers['content-length'];
    if (typeof declared === 'string' && Number(declared) > this.#req.maxBytes) {
      this.#fail(this.#tooLarge(`declares ${declared} bytes (Content-Length)`));
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#length += chunk.length;
    if (this.#length > this.#req.maxBytes) {
      this.#chunks = [];
      this.#fail(this.#tooLarge('sent more'));
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    this.#settle();
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#length);
    // As undici's `body.text()`: UTF-8, without a byte order mark.
    const start =
      body[0] === UTF8_BOM[0] && body[1] === UTF8_BOM[1] && body[2] === UTF8_BOM[2] ? UTF8_BOM.length : 0;
    this.#resolve({ status: this.#status, headers: this.#headers, text: body.toString('utf8', start) });
  }

  onError(error: Error): void {
    if (this.#settled) return;
    this.#settle();
    this.#chunks = [];
    this.#reject(toTransportError(error, this.#req));
  }

  /** Ends the exchange with `error` (ours, or the caller's abort reason): undici then calls onError. */
  #fail(error: Error): void {
    if (this.#abort) this.#abort(error);
    else this.#pendingAbort = error;
  }

  /** The deadline passed: ends the exchange with a typed timeout. */
  expire(): void {
    if (!this.#settled) this.#fail(timeoutError(this.#req, undefined));
  }

  #settle(): void {
    this.#settled = true;
    clearTimeout(this.#deadline);
    if (this.#onSignal) this.#req.signal?.removeEventListener('abort', this.#onSignal);
  }

  #tooLarge(how: string): UnexpectedResponseError {
    const { endpoint, maxBytes, maxBytesOption } = this.#req;
    return responseTooLargeError({ endpoint, status: this.#status, maxBytes, option: maxBytesOption, how });
  }
}

function expire(exchange: Exchange): void {
  exchange.expire();
}

/** undici's raw `[name, value, name, value, …]` into `{ name: value }`, names lowercased, repeats as arrays. */
function parseHeaders(raw: Buffer[] | string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    if (name === '__proto__') continue;
    const item = raw[i + 1] as Buffer | string;
    const value = typeof item === 'string' ? item : item.toString('latin1');
    const seen = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (seen === undefined) headers[name] = value;
    else if (typeof seen === 'string') headers[name] = [seen, value];
    else seen.push(value);
  }
  return headers;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function toTransportError(error: unknown, req: HttpRequest): FmAuthError | unknown {
  // Our own verdicts (a body over its limit) are final.
  if (error instanceof FmAuthError) return error;
  if (req.signal?.aborted) {
    const reason = req.signal.reason as { name?: string } | undefined;
    // Our own timeout signals become typed errors; the caller's own abort reason is given back, as fetch does.
    return reason?.name === 'TimeoutError' ? timeoutError(req, error) : reason;
  }
  const err = error as { code?: string; name?: string } | undefined;
  const code = err?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || err?.name === 'TimeoutError') {
    return timeoutError(req, error);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TimeoutError(
      `Could not connect to ${req.origin} within ${req.connectTimeoutMs} ms (${req.endpoint}). Check the host name and port, and that no firewall drops the traffic.`,
      { phase: 'connect', timeoutMs: req.connectTimeoutMs, endpoint: req.endpoint, cause: error },
    );
  }
  if (code !== undefined && TLS_CODES.has(code)) {
    const advice =
      code === 'ERR_SSL_WRONG_VERSION_NUMBER'
        ? 'The server does not speak TLS on this port: use http:// for a plain-HTTP server or fix the port.'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'The certificate is for another host name: use the name the certificate was issued for, or set tls.servername.'
          : 'If the server uses a self-signed or private-CA certificate, pass that CA as tls.ca (PEM) rather than disabling verification.';
    return new TlsError(`TLS handshake with ${req.origin} failed (${code}). ${advice}`, {
      endpoint: req.endpoint,
      cause: error,
    });
  }
  return new NetworkError(
    `Could not reach ${req.origin} (${code ?? err?.name ?? 'unknown error'}) for ${req.endpoint}. Check the base URL, DNS and that the server is running and reachable from here.`,
    { endpoint: req.endpoint, cause: error },
  );
}

function timeoutError(req: HttpRequest, cause: unknown): TimeoutError {
  return new TimeoutError(
    `${req.endpoint} got no complete answer within ${req.timeoutMs} ms. The server may be overloaded, or a proxy or firewall is holding the request; raise the timeout only if the server is known to be slow.`,
    { phase: req.phase, timeoutMs: req.timeoutMs, endpoint: req.endpoint, cause },
  );
}
