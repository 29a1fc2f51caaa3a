/**
 * The mock's own request and response shapes: plain data, so the same logic serves the node:http
 * adapter (no WHATWG Request/Response allocation on the hot path) and the msw adapter.
 */
export interface MockRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Path as sent (still percent-encoded), without the query string, relative to the service's prefix. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** The request's own origin as the client used it (`http://127.0.0.1:PORT`), for links and issuers. */
  readonly origin: string;
  /**
   * Where the client reached the service, when that is not `origin` + the service's prefix: the msw
   * handlers at a real host (`https://cognito-idp.us-west-2.amazonaws.com`) set it, so issuers and
   * links name the host the client called. Read it through {@link serviceBase}.
   */
  readonly base?: string;
}

/** The URL under which the client reached a service mounted at `prefix`: links and issuers start here. */
export function serviceBase(req: MockRequest, prefix: string): string {
  return req.base ?? `${req.origin}${prefix}`;
}

export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /**
   * Set only by an injected fault: instead of answering, the transport resets the connection, or
   * never answers. `status`, `headers` and `body` are then meaningless.
   */
  readonly transport?: TransportFault;
}

/** What an adapter does with the connection instead of answering (fault injection). */
export type TransportFault =
  | { readonly action: 'reset' }
  | {
      readonly action: 'hang';
      /** Settles when the faults are cleared (or the mock reset): then drop the request. */
      readonly released: Promise<void>;
      /** Call when the client has gone away, so the mock stops tracking the request. */
      abandon(): void;
    };

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function htmlResponse(status: number, html: string, headers?: Record<string, string>): MockResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html };
}

/** Parses a JSON body; `undefined` for an empty body, a `SyntaxError` instance for malformed JSON. */
export function readJsonBody(req: MockRequest): unknown | undefined | SyntaxError {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError('malformed JSON');
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(req: MockRequest): string | undefined {
  const value = req.headers['content-type'];
  return value?.split(';', 1)[0]?.trim().toLowerCase();
}

/** Splits a raw path into decoded segments; `undefined` when a segment is not valid percent-encoding. */
export function pathSegments(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return segments;
}
