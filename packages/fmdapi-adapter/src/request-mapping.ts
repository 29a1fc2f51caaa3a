import type { DataApiRequest } from '@fmauth/core';

/** Query string values as the session takes them; `undefined` is left out. */
export type QueryValues = Record<string, string | number | boolean | undefined>;

type PortalRanges = Readonly<
  Record<string, { readonly offset?: number; readonly limit?: number } | undefined>
>;

// @proofkit/fmdapi passes `dateformats` by name on reads; the Data API wants the number.
const DATE_FORMATS: Readonly<Record<string, string>> = { US: '0', file_locale: '1', ISO8601: '2' };

/** Keys of a request's `data` that are ours to place, never sent as they are. */
const NOT_SENT = new Set(['portalRanges', 'timeout', 'recordId']);

/**
 * The query string of a read (`list`, `get`) or of a delete: `_offset`, `_limit`, `_sort` (JSON),
 * `_offset.{portal}` / `_limit.{portal}` from `portalRanges`, `portal` (JSON), script parameters,
 * `layout.response`, `dateformats` as its number.
 */
export function readQuery(data: object | undefined): QueryValues {
  const query: QueryValues = {};
  if (!data) return query;
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null || NOT_SENT.has(key)) continue;
    if (key === 'dateformats' && typeof value === 'string') query[key] = DATE_FORMATS[value] ?? value;
    else query[key] = toQueryValue(value);
  }
  const ranges = (data as { portalRanges?: PortalRanges }).portalRanges;
  for (const [portal, range] of Object.entries(ranges ?? {})) {
    if (range?.offset !== undefined && range.offset > 0) query[`_offset.${portal}`] = range.offset;
    if (range?.limit !== undefined) query[`_limit.${portal}`] = range.limit;
  }
  return query;
}

/**
 * The JSON body of a find or a write: `data` without the keys that are ours. On a find, `portalRanges`
 * becomes `offset.{portal}` / `limit.{portal}`, the body form the Data API guide gives for `_find`.
 */
export function jsonBody(data: object, options: { readonly portalRangesInBody?: boolean } = {}): object {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || NOT_SENT.has(key)) continue;
    body[key] = value;
  }
  if (options.portalRangesInBody) {
    const ranges = (data as { portalRanges?: PortalRanges }).portalRanges;
    for (const [portal, range] of Object.entries(ranges ?? {})) {
      if (range?.offset !== undefined && range.offset > 0) body[`offset.${portal}`] = range.offset;
      if (range?.limit !== undefined) body[`limit.${portal}`] = range.limit;
    }
  }
  return body;
}

/** `layouts/{layout}` plus more segments, each percent-encoded: a layout named "Sales/2024" stays one segment. */
export function layoutPath(layout: string, ...rest: Array<string | number>): string {
  return ['layouts', layout, ...rest]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(String(part))))
    .join('/');
}

/** `METHOD path` of a request, for messages. */
export function describe(req: DataApiRequest): string {
  return `${req.method ?? (req.body === undefined ? 'GET' : 'POST')} ${req.path}`;
}

function toQueryValue(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Arrays and objects (`_sort`, `portal`) go as JSON, which is what the Data API parses.
  return JSON.stringify(value);
}
