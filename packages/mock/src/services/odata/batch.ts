import { randomBytes } from 'node:crypto';
import type { MockRequest, MockResponse } from '../../core/mock-http.js';

/** Bounds on one `$batch`: parts in all (changesets count each operation). [guess] FileMaker's are unknown. */
export const BATCH_LIMITS = { maxOperations: 100 } as const;

/** One sub-request of a batch, as parsed from its `application/http` part. */
export interface BatchOperation {
  readonly method: string;
  /** The request target as written: absolute (`http://host/fmi/odata/v4/…`) or a path. */
  readonly target: string;
  /** Header names in lower case. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The part's `Content-ID`, echoed in its response. */
  readonly contentId: string | undefined;
}

/** A top-level part: one operation, or a changeset (its operations succeed or fail together). */
export type BatchItem =
  | { readonly kind: 'operation'; readonly operation: BatchOperation }
  | { readonly kind: 'changeset'; readonly operations: readonly BatchOperation[] };

/** The boundary parameter of a `multipart/mixed` Content-Type, or `undefined`. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/mixed\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Parses a batch body into its parts (`application/http`, or a nested `multipart/mixed` changeset).
 * Returns a short reason instead when the body is not a well-formed batch or exceeds the bounds.
 */
export function parseBatch(body: string, boundary: string): BatchItem[] | string {
  const parts = splitMultipart(body, boundary);
  if (typeof parts === 'string') return parts;
  const items: BatchItem[] = [];
  let operations = 0;
  for (const part of parts) {
    const { headers, content } = splitHead(part);
    const nested = multipartBoundary(headers['content-type']);
    if (nested) {
      const inner = splitMultipart(content, nested);
      if (typeof inner === 'string') return inner;
      const changeset: BatchOperation[] = [];
      for (const innerPart of inner) {
        const operation = readOperation(innerPart);
        if (typeof operation === 'string') return operation;
        changeset.push(operation);
      }
      operations += changeset.length;
      items.push({ kind: 'changeset', operations: changeset });
    } else {
      const operation = readOperation(part);
      if (typeof operation === 'string') return operation;
      operations++;
      items.push({ kind: 'operation', operation });
    }
    if (operations > BATCH_LIMITS.maxOperations) return `more than ${BATCH_LIMITS.maxOperations} operations`;
  }
  return items;
}

/** The parts between `--boundary` lines, without the preamble and epilogue; CRLF or LF line ends. */
function splitMultipart(body: string, boundary: string): string[] | string {
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter);
  if (sections.length < 2) return 'no boundary line';
  const parts: string[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) return parts;
    parts.push(section.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return 'no closing boundary';
}

/** Headers (lower-case names) and content of a MIME part or an HTTP message after its first line. */
function splitHead(text: string): { headers: Record<string, string>; content: string } {
  const headers: Record<string, string> = {};
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const content = match ? text.slice(match.index + match[0].length) : '';
  if (head.trim() === '' && !match) return { headers, content: '' };
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, content };
}

function readOperation(part: string): BatchOperation | string {
  const { headers: partHeaders, content } = splitHead(part);
  if (!/^application\/http\b/i.test(partHeaders['content-type'] ?? ''))
    return 'a part is not application/http';
  const lineEnd = /\r?\n/.exec(content);
  const requestLine = lineEnd ? content.slice(0, lineEnd.index) : content;
  const match = /^([A-Z]{3,7}) (\S{1,4000}) HTTP\/1\.[01]$/.exec(requestLine.trim());
  if (!match) return 'a part has no request line';
  const rest = lineEnd ? content.slice(lineEnd.index + lineEnd[0].length) : '';
  // A request with no headers starts its blank line at once.
  const { headers, content: body } = /^\r?\n/.test(rest)
    ? { headers: {}, content: rest.replace(/^\r?\n/, '') }
    : splitHead(rest);
  return {
    method: match[1] as string,
    target: match[2] as string,
    headers,
    body: body.replace(/\r?\n$/, ''),
    contentId: partHeaders['content-id'],
  };
}

/** The sub-request as the mock's own request shape, with the batch's credentials. */
export function operationRequest(
  outer: MockRequest,
  operation: BatchOperation,
  path: string,
  query: URLSearchParams,
): MockRequest {
  const headers: Record<string, string | undefined> = { ...operation.headers };
  headers.authorization = outer.headers.authorization;
  return {
    method: operation.method,
    path,
    query,
    headers,
    body: Buffer.from(operation.body, 'utf8'),
    origin: outer.origin,
  };
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  501: 'Not Implemented',
};

/** One `application/http` response part. */
function responsePart(response: MockResponse, contentId: string | undefined): string {
  const status = `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? 'Error'}`;
  const headers = Object.entries(response.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  const body = typeof response.body === 'string' ? response.body : (response.body?.toString('utf8') ?? '');
  return [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    ...(contentId === undefined ? [] : [`Content-ID: ${contentId}`]),
    '',
    status,
    ...headers,
    '',
    body,
  ].join('\r\n');
}

/** The answer of one top-level item: an operation's response, or a changeset's responses. */
export type BatchAnswer =
  | { readonly kind: 'operation'; readonly response: MockResponse; readonly contentId: string | undefined }
  | {
      readonly kind: 'changeset';
      readonly responses: ReadonlyArray<{ response: MockResponse; contentId: string | undefined }>;
    };

/** The `multipart/mixed` batch response, changeset answers nested, mirroring the request. */
export function batchResponse(answers: readonly BatchAnswer[]): MockResponse {
  const boundary = `batchresponse_${randomBytes(12).toString('hex')}`;
  const sections = answers.map((answer) => {
    if (answer.kind === 'operation') return responsePart(answer.response, answer.contentId);
    const inner = `changesetresponse_${randomBytes(12).toString('hex')}`;
    const parts = answer.responses.map(
      (item) => `--${inner}\r\n${responsePart(item.response, item.contentId)}`,
    );
    return [`Content-Type: multipart/mixed; boundary=${inner}`, '', ...parts, `--${inner}--`].join('\r\n');
  });
  const body = `${sections.map((section) => `--${boundary}\r\n${section}\r\n`).join('')}--${boundary}--\r\n`;
  return {
    status: 200,
    headers: { 'odata-version': '4.01', 'content-type': `multipart/mixed; boundary=${boundary}` },
    body,
  };
}
