import type { MockResponse } from '../../core/mock-http.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';
import { type FilterExpr, parseFilter } from './filter-parser.js';
import { type Token, TokenError, tokenize } from './filter-tokens.js';
import { ODATA_ERRORS } from './odata-responses.js';

export interface OrderSpec {
  readonly field: string;
  readonly descending: boolean;
}

/** The query options of a collection request, checked against the table's fields. */
export interface CollectionQuery {
  readonly filter: FilterExpr | undefined;
  /** `undefined`: every field but containers. */
  readonly select: readonly string[] | undefined;
  readonly orderBy: readonly OrderSpec[];
  readonly top: number | undefined;
  readonly skip: number;
  readonly count: boolean;
}

/** The system query options the mock simulates; any other `$…` option is refused, never ignored. */
const SIMULATED = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$format']);
const NOT_SIMULATED = new Set([
  '$expand',
  '$apply',
  '$search',
  '$compute',
  '$levels',
  '$index',
  '$schemaversion',
]);
const LIST_LIMIT = 256;

/**
 * Reads `$filter`, `$select`, `$orderby`, `$top`, `$skip` and `$count`. A malformed option is a 400
 * `-1002` naming it; a field the table lacks is a 400 `8309` (odata.md §10).
 */
export function readCollectionQuery(
  query: URLSearchParams,
  hasField: (name: string) => boolean,
  options: ODataOptions,
): CollectionQuery | MockResponse {
  for (const key of new Set(query.keys())) {
    if (!key.startsWith('$')) continue;
    if (NOT_SIMULATED.has(key.toLowerCase())) return ODATA_ERRORS.notSimulated(key);
    if (!SIMULATED.has(key)) return ODATA_ERRORS.syntax(key);
    if (query.getAll(key).length > 1) return ODATA_ERRORS.syntax(key);
  }
  let filter: FilterExpr | undefined;
  const filterText = query.get('$filter');
  if (filterText !== null) {
    const parsed = parseFilter(filterText, hasField);
    if (!parsed.ok) {
      return parsed.problem.kind === 'unknown-field'
        ? ODATA_ERRORS.unknownField(parsed.problem.field)
        : ODATA_ERRORS.syntax(parsed.problem.near);
    }
    filter = parsed.expr;
  }
  const select = readSelect(query.get('$select'), hasField);
  if (isResponse(select)) return select;
  const orderBy = readOrderBy(query.get('$orderby'), hasField);
  if (isResponse(orderBy)) return orderBy;
  const top = readCount(query.get('$top'), '$top', options);
  if (isResponse(top)) return top;
  const skip = readCount(query.get('$skip'), '$skip', options);
  if (isResponse(skip)) return skip;
  const countText = query.get('$count');
  if (countText !== null && countText !== 'true' && countText !== 'false')
    return ODATA_ERRORS.syntax('$count');
  return { filter, select, orderBy, top, skip: skip ?? 0, count: countText === 'true' };
}

/** Only `$filter` is read for `/$count` and for bulk PATCH / DELETE. */
export function readFilterOnly(
  query: URLSearchParams,
  hasField: (name: string) => boolean,
): FilterExpr | undefined | MockResponse {
  const text = query.get('$filter');
  if (text === null) return undefined;
  const parsed = parseFilter(text, hasField);
  if (parsed.ok) return parsed.expr;
  return parsed.problem.kind === 'unknown-field'
    ? ODATA_ERRORS.unknownField(parsed.problem.field)
    : ODATA_ERRORS.syntax(parsed.problem.near);
}

function isResponse(value: unknown): value is MockResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

function readSelect(
  text: string | null,
  hasField: (name: string) => boolean,
): string[] | undefined | MockResponse {
  if (text === null) return undefined;
  const items = splitList(text, '$select');
  if (isResponse(items)) return items;
  const names: string[] = [];
  for (const item of items) {
    const [only, extra] = item;
    if (!only || extra || (only.kind !== 'word' && only.kind !== 'name'))
      return ODATA_ERRORS.syntax('$select');
    if (!hasField(only.value)) return ODATA_ERRORS.unknownField(only.value);
    if (!names.includes(only.value)) names.push(only.value);
  }
  return names;
}

function readOrderBy(text: string | null, hasField: (name: string) => boolean): OrderSpec[] | MockResponse {
  if (text === null) return [];
  const items = splitList(text, '$orderby');
  if (isResponse(items)) return items;
  const specs: OrderSpec[] = [];
  for (const item of items) {
    const [name, direction, extra] = item;
    if (!name || extra || (name.kind !== 'word' && name.kind !== 'name'))
      return ODATA_ERRORS.syntax('$orderby');
    if (direction && (direction.kind !== 'word' || (direction.value !== 'asc' && direction.value !== 'desc')))
      return ODATA_ERRORS.syntax(String(direction.value));
    if (!hasField(name.value)) return ODATA_ERRORS.unknownField(name.value);
    specs.push({ field: name.value, descending: direction?.value === 'desc' });
  }
  return specs;
}

/** A comma-separated list of token runs; an empty item or a parenthesis is a syntax error. */
function splitList(text: string, option: string): Token[][] | MockResponse {
  if (text.length > 4096) return ODATA_ERRORS.syntax(option);
  const tokens = tokenize(text, 1024);
  if (tokens instanceof TokenError) return ODATA_ERRORS.syntax(tokens.near);
  const items: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.value === ',') items.push([]);
    else if (token.kind === 'punct') return ODATA_ERRORS.syntax(token.value);
    else (items[items.length - 1] as Token[]).push(token);
  }
  if (items.length > LIST_LIMIT || items.some((item) => item.length === 0))
    return ODATA_ERRORS.syntax(option);
  return items;
}

function readCount(
  text: string | null,
  option: string,
  options: ODataOptions,
): number | undefined | MockResponse {
  if (text === null) return undefined;
  if (!/^\d{1,10}$/.test(text)) return ODATA_ERRORS.syntax(option);
  const value = Number(text);
  return value > options.maxTop ? ODATA_ERRORS.syntax(option) : value;
}
