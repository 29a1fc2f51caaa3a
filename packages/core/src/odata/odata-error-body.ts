import type { HttpResponse } from '../http/send.js';

/** The `{ code, message }` an OData error carries, in JSON or in the XML `<m:error>` of a 401. */
export interface ODataErrorBody {
  /** As on the wire, a string: a FileMaker code (`"212"`, `"8309"`) or an engine code (`"-1020"`). */
  readonly code: string;
  readonly message: string;
}

/** How much of a body is searched for an XML error: real ones are a few hundred bytes. */
const XML_SCAN_LENGTH = 8192;

/**
 * Reads `{"error":{"code","message"}}` (the code as a string or a number) or
 * `<m:error><m:code>…</m:code><m:message>…</m:message></m:error>` (any namespace prefix). Returns
 * `undefined` for anything else: an HTML page, truncated JSON, an empty body. Never throws.
 */
export function parseODataError(res: HttpResponse): ODataErrorBody | undefined {
  const text = res.text;
  if (text.length === 0) return undefined;
  const first = text.trimStart()[0];
  if (first === '{') return fromJson(text);
  if (first === '<') return fromXml(text.slice(0, XML_SCAN_LENGTH));
  return undefined;
}

function fromJson(text: string): ODataErrorBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' && typeof code !== 'number') return undefined;
  return { code: String(code), message: typeof message === 'string' ? message : '' };
}

function fromXml(text: string): ODataErrorBody | undefined {
  // Plain element matches, no XML parser: the body is small, flat, and only these two texts matter.
  if (!/<(?:[\w-]+:)?error[\s>]/.test(text)) return undefined;
  const code = /<(?:[\w-]+:)?code>([^<]{1,64})<\/(?:[\w-]+:)?code>/.exec(text)?.[1]?.trim();
  if (code === undefined || code === '') return undefined;
  const message =
    /<(?:[\w-]+:)?message(?:\s[^>]*)?>([^<]{0,2000})<\/(?:[\w-]+:)?message>/.exec(text)?.[1] ?? '';
  return { code, message: decodeXmlText(message) };
}

function decodeXmlText(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}
