import type { MockRequest, MockResponse } from '../../core/mock-http.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';

/** Recorded on every JSON answer of OData Engine 21.1.1 / 22.x (odata.md §2). */
export const ODATA_JSON = 'application/json;charset=utf-8';

const BASE_HEADERS = { 'odata-version': '4.01' } as const;

/** A JSON answer with OData's headers. */
export function odataJson(status: number, body: unknown, headers?: Record<string, string>): MockResponse {
  return {
    status,
    headers: { ...BASE_HEADERS, 'content-type': ODATA_JSON, ...headers },
    body: JSON.stringify(body),
  };
}

/** A body-less answer (204) that still carries OData's JSON Content-Type, as recorded. */
export function odataEmpty(headers?: Record<string, string>): MockResponse {
  return { status: 204, headers: { ...BASE_HEADERS, 'content-type': ODATA_JSON, ...headers }, body: '' };
}

export function odataText(status: number, text: string, contentType: string): MockResponse {
  return { status, headers: { ...BASE_HEADERS, 'content-type': contentType }, body: text };
}

/** `{"error":{"code":"<string>","message":"…"}}`: the code is always a string (odata.md §10). */
export function odataError(status: number, code: string, message: string): MockResponse {
  return odataJson(status, { error: { code, message } });
}

/** The OData engine's codes and texts, with the trigger each stands for. */
export const ODATA_ERRORS = {
  syntax: (token: string) => odataError(400, '-1002', `Error: syntax error in URL at: '${clip(token)}'`),
  parse: (token: string) => odataError(400, '-1002', `Error: parse failure in URL at: '${clip(token)}'`),
  unknownField: (field: string) =>
    odataError(400, '8309', `The field named '${clip(field)}' does not exist in a specified table (9)`),
  unknownTable: (table: string) => odataError(404, '-1020', `Table '${clip(table)}' not defined in database`),
  /** [guess] The text of -1023 was never recorded. */
  recordMissing: () => odataError(404, '-1023', 'Record not found'),
  /** [guess] The answer for a file that is not hosted (or not open to this account) was not recorded. */
  databaseMissing: (db: string) => odataError(404, '-1000', `Database '${clip(db)}' not found`),
  /** [guess] Not recorded; a body that is not a JSON object is reported like a URL parse failure. */
  badBody: () => odataError(400, '-1002', 'Error: parse failure in request body: expected a JSON object'),
  /** [guess] Not recorded for FileMaker; 405 names the methods in `Allow`. */
  methodNotAllowed: (allowed: readonly string[]) => ({
    ...odataError(
      405,
      '-1002',
      'Unsupported OData operation - only GET, POST, PATCH, and DELETE are supported',
    ),
    headers: { ...BASE_HEADERS, 'content-type': ODATA_JSON, allow: allowed.join(', ') },
  }),
  notSimulated: (what: string) =>
    odataError(501, '-1002', `Error: ${what} is not simulated by the fmauth mock (see docs/odata.md)`),
} as const;

/** Names from the request go into messages clipped, so an error never echoes a huge input back. */
function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

const XML_212 =
  '<?xml version="1.0" encoding="utf-8"?><m:error xmlns:m="http://docs.oasis-open.org/odata/ns/metadata"><m:code>212</m:code><m:message xml:lang="en">(212): Invalid account/password</m:message></m:error>';

/**
 * The answer to missing, wrong or unprivileged credentials: 401 with the recorded XML body (or JSON),
 * and a Basic challenge. [guess] The challenge header was not recorded.
 */
export function unauthorized(options: ODataOptions, code: '212' | '9' = '212'): MockResponse {
  const challenge = { 'www-authenticate': 'Basic realm="FileMaker"' };
  if (code === '9')
    return {
      ...odataError(401, '9', '(9): Insufficient privileges'),
      headers: { ...BASE_HEADERS, 'content-type': ODATA_JSON, ...challenge },
    };
  if (options.authFailureBody === 'json') {
    const json = odataError(401, '212', '(212): Invalid account/password');
    return { ...json, headers: { ...json.headers, ...challenge } };
  }
  return {
    status: 401,
    headers: { ...BASE_HEADERS, 'content-type': 'application/xml;charset=utf-8', ...challenge },
    body: XML_212,
  };
}

/** How this request wants control information spelled and whether it wants it at all. */
export interface ControlNames {
  readonly context?: string;
  readonly id?: string;
  readonly editLink?: string;
  readonly count: string;
  readonly nextLink: string;
}

/**
 * `@context`/`@id`/`@editLink`/`@count`/`@nextLink` (4.01), or the `@odata.` forms; the first three
 * left out for `odata.metadata=none`, as proofkit's own mock implies FileMaker does (odata.md §2).
 */
export function controlNames(req: MockRequest, options: ODataOptions): ControlNames {
  const maxVersion = req.headers['odata-maxversion']?.trim();
  const prefixed =
    options.controlInformation === 'odata' ||
    (options.controlInformation === 'auto' && (maxVersion === '4.0' || maxVersion === '4'));
  const name = (short: string) => (prefixed ? `@odata.${short}` : `@${short}`);
  const none = /odata\.metadata\s*=\s*none/i.test(req.headers.accept ?? '');
  return {
    ...(none ? {} : { context: name('context'), id: name('id'), editLink: name('editLink') }),
    count: name('count'),
    nextLink: name('nextLink'),
  };
}

/** `Prefer` values, lower case, several per header allowed (`fmodata.entity-ids, return=minimal`). */
export function preferences(req: MockRequest): Set<string> {
  const header = req.headers.prefer ?? '';
  return new Set(
    header
      .split(',')
      .map((value) => value.trim().toLowerCase())
      .filter((value) => value !== ''),
  );
}
