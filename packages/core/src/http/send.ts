import type { Dispatcher } from 'undici';
import { NetworkError, TimeoutError, type TimeoutPhase, TlsError } from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';

/** One HTTP exchange, described without any URL parsing on the hot path. */
export interface HttpRequest {
  readonly origin: string;
  readonly path: string;
  readonly method: Dispatcher.HttpMethod;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Longest wait for the response headers, and between body chunks. */
  readonly timeoutMs: number;
  /** Connect timeout of the dispatcher, only for the error message. */
  readonly connectTimeoutMs: number;
  readonly phase: TimeoutPhase;
  /** `METHOD /path` with secrets redacted, for error messages. */
  readonly endpoint: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** Sends one request and reads the whole body; transport failures become typed errors. */
export async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  try {
    const res = await dispatcher.request({
      origin: req.origin,
      path: req.path,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      signal: req.signal ?? null,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text };
  } catch (error) {
    throw toTransportError(error, req);
  }
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
    `${req.endpoint} got no answer within ${req.timeoutMs} ms. The server may be overloaded, or a proxy or firewall is holding the request; raise the timeout only if the server is known to be slow.`,
    { phase: req.phase, timeoutMs: req.timeoutMs, endpoint: req.endpoint, cause },
  );
}
