import { type MockRequest, type MockResponse, readJsonBody } from '../../core/mock-http.js';
import type { FieldFixture } from '../../fixture/sections/data-api.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';
import type { FmMessage } from '../data-api/fm-messages.js';
import type { FieldValue, HostedDatabase, TableRow } from '../data-api/hosted-database.js';
import { matchesFilter } from './filter-evaluate.js';
import type { FilterExpr } from './filter-parser.js';
import { BARE_QUESTION_MARK, type BareQuestionMark, odataRecordsJson } from './json-defects.js';
import {
  type ControlNames,
  controlNames,
  ODATA_ERRORS,
  odataEmpty,
  odataError,
  odataJson,
  odataText,
  preferences,
} from './odata-responses.js';
import { fromODataValue, type ODataValue, toODataValue } from './odata-values.js';
import { type OrderSpec, readCollectionQuery, readFilterOnly } from './query-options.js';
import { type EntityKey, formatKey } from './resource-path.js';

/** One request on one table of one file, with what every answer needs to build its URLs. */
export interface TableRequest {
  readonly req: MockRequest;
  readonly db: HostedDatabase;
  readonly table: string;
  readonly fields: readonly FieldFixture[];
  readonly key: string | undefined;
  /** `…/fmi/odata/v4/{db as requested}` (absolute, from the request's own origin). */
  readonly dbUrl: string;
  readonly options: ODataOptions;
}

const SPECIAL = ['ROWID', 'ROWMODID'] as const;
const enc = encodeURIComponent;

function fieldMap(request: TableRequest): Map<string, FieldFixture> {
  return new Map(request.fields.map((field) => [field.name, field]));
}

function hasFieldOf(request: TableRequest): (name: string) => boolean {
  const names = new Set(request.fields.map((field) => field.name));
  return (name) => names.has(name) || name === 'ROWID' || name === 'ROWMODID';
}

/** The key a record is addressed by in `@id` and Location: its key field, else `ROWID=n`. */
function keyOf(request: TableRequest, row: TableRow): EntityKey {
  if (request.key === undefined) return { kind: 'rowid', rowId: row.rowId };
  const field = request.fields.find((candidate) => candidate.name === request.key);
  const value = field ? toODataValue(field, row.fieldData[request.key]) : null;
  return typeof value === 'number'
    ? { kind: 'number', value }
    : { kind: 'string', value: String(value ?? '') };
}

function entityUrl(request: TableRequest, row: TableRow): string {
  return `${request.dbUrl}/${enc(request.table)}${formatKey(keyOf(request, row))}`;
}

/** One record as OData writes it: `@id`/`@editLink`, then the fields (containers left out). */
function entity(
  request: TableRequest,
  row: TableRow,
  names: ControlNames,
  select: readonly string[] | undefined,
  withSpecialColumns: boolean,
): Record<string, ODataValue | BareQuestionMark> {
  const out: Record<string, ODataValue | BareQuestionMark> = {};
  if (names.id && names.editLink) {
    const url = entityUrl(request, row);
    out[names.id] = url;
    out[names.editLink] = url;
  }
  const byName = fieldMap(request);
  const questionMarks = request.options.jsonDefects.includes('bare-question-mark');
  const chosen = select ?? [
    ...request.fields.filter((field) => field.result !== 'container').map((field) => field.name),
    ...(withSpecialColumns ? SPECIAL : []),
  ];
  for (const name of chosen) {
    if (name === 'ROWID') out.ROWID = row.rowId;
    else if (name === 'ROWMODID') out.ROWMODID = row.modId;
    else {
      const field = byName.get(name);
      if (field) out[name] = readValue(field, row.fieldData[name], questionMarks);
    }
  }
  return out;
}

/** A field's value, or FileMaker's bare `?` for text stored in a number field. */
function readValue(
  field: FieldFixture,
  stored: FieldValue | undefined,
  questionMarks: boolean,
): ODataValue | BareQuestionMark {
  const value = toODataValue(field, stored);
  const unreadable = value === null && field.result === 'number' && stored !== undefined && stored !== '';
  return questionMarks && unreadable ? BARE_QUESTION_MARK : value;
}

/** `GET /{db}/{table}`: query options, paging with a nextLink, `$count=true`. */
export function listRecords(request: TableRequest): MockResponse {
  const query = readCollectionQuery(request.req.query, hasFieldOf(request), request.options);
  if ('status' in query) return query;
  const rows = filteredRows(request, query.filter);
  sortRows(rows, query.orderBy, fieldMap(request));
  const wanted = query.top ?? Number.POSITIVE_INFINITY;
  const maxPageSize = preferredPageSize(request.req);
  const pageLength = Math.min(wanted, request.options.pageSize, maxPageSize ?? Number.POSITIVE_INFINITY);
  const page = rows.slice(query.skip, query.skip + pageLength);
  const names = controlNames(request.req, request.options);
  const special = preferences(request.req).has('fmodata.include-specialcolumns');
  const body: Record<string, unknown> = {};
  if (names.context) {
    const selected = query.select ? `(${query.select.map((name) => `"${name}"`).join(',')})` : '';
    body[names.context] = `${request.dbUrl}/$metadata#${request.table}${selected}`;
  }
  if (query.count) body[names.count] = rows.length;
  body.value = page.map((row) => entity(request, row, names, query.select, special));
  const consumed = query.skip + page.length;
  if (page.length === pageLength && consumed < rows.length && wanted > pageLength) {
    body[names.nextLink] = nextLink(
      request,
      consumed,
      query.top === undefined ? undefined : query.top - page.length,
    );
  }
  const applied =
    maxPageSize === undefined ? undefined : { 'preference-applied': `odata.maxpagesize=${maxPageSize}` };
  return odataRecordsJson(200, body, request.options, applied);
}

/** `Prefer: odata.maxpagesize=n` (a documented Prefer value): a smaller page for this request. */
function preferredPageSize(req: MockRequest): number | undefined {
  for (const preference of preferences(req)) {
    const match = /^odata\.maxpagesize=(\d{1,9})$/.exec(preference);
    if (match && Number(match[1]) > 0) return Number(match[1]);
  }
  return undefined;
}

/** The same query with `$skip` moved past this page (and `$top` reduced by it). */
function nextLink(request: TableRequest, skip: number, top: number | undefined): string {
  const params = new URLSearchParams(request.req.query);
  params.set('$skip', String(skip));
  if (top !== undefined) params.set('$top', String(top));
  else params.delete('$top');
  const search = params.toString().replace(/%24/g, '$').replace(/%2C/g, ',');
  return `${request.dbUrl}/${enc(request.table)}?${search}`;
}

/** `GET /{db}/{table}/$count`: the number of (matching) records as `text/plain`. */
export function countRecords(request: TableRequest): MockResponse {
  const accept = request.req.headers.accept?.trim().toLowerCase();
  if (request.options.strictCountAccept && accept?.startsWith('text/plain'))
    return odataError(406, '-1002', 'Unexpected internal OData Provider error');
  const filter = readFilterOnly(request.req.query, hasFieldOf(request));
  if (filter && 'status' in filter) return filter;
  return odataText(200, String(filteredRows(request, filter).length), 'text/plain;charset=utf-8');
}

function filteredRows(request: TableRequest, filter: FilterExpr | undefined): TableRow[] {
  if (!filter) return request.db.rows(request.table);
  const fields = fieldMap(request);
  return request.db.rows(request.table, (row) => matchesFilter(filter, row, fields));
}

function sortRows(
  rows: TableRow[],
  orderBy: readonly OrderSpec[],
  fields: ReadonlyMap<string, FieldFixture>,
): void {
  if (orderBy.length === 0) return;
  const value = (row: TableRow, name: string): ODataValue => {
    if (name === 'ROWID') return row.rowId;
    if (name === 'ROWMODID') return row.modId;
    const field = fields.get(name);
    return field ? toODataValue(field, row.fieldData[name]) : null;
  };
  rows.sort((a, b) => {
    for (const { field, descending } of orderBy) {
      const order = compareValues(value(a, field), value(b, field));
      if (order !== 0) return descending ? -order : order;
    }
    return a.rowId - b.rowId;
  });
}

/** Empty sorts first, as in FileMaker; numbers numerically; text by code point. */
function compareValues(left: ODataValue, right: ODataValue): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left) < String(right) ? -1 : 1;
}

/** The record a key names, or the error answer: 404 `-1023`, or 400 for a key of the wrong type. */
export function findRecord(request: TableRequest, key: EntityKey): TableRow | MockResponse {
  let row: TableRow | undefined;
  if (key.kind === 'rowid') row = request.db.rowById(request.table, key.rowId);
  else if (request.key === undefined) {
    // Without a key field, the key is ROWID: a whole number.
    if (key.kind !== 'number' || !Number.isInteger(key.value)) return ODATA_ERRORS.parse(formatKey(key));
    row = request.db.rowById(request.table, key.value);
  } else {
    const keyField = request.fields.find((field) => field.name === request.key);
    const numeric = keyField?.result === 'number';
    if (numeric !== (key.kind === 'number')) return ODATA_ERRORS.parse(formatKey(key));
    row = request.db.rowByKey(request.table, key.value);
  }
  return row ?? ODATA_ERRORS.recordMissing();
}

/** `GET /{db}/{table}({key})`: one record, flat, with `…#{table}/$entity` as context. */
export function getRecord(request: TableRequest, key: EntityKey): MockResponse {
  const row = findRecord(request, key);
  if ('status' in row) return row;
  return odataRecordsJson(200, entityBody(request, row), request.options);
}

function entityBody(request: TableRequest, row: TableRow): Record<string, unknown> {
  const names = controlNames(request.req, request.options);
  const special = preferences(request.req).has('fmodata.include-specialcolumns');
  return {
    ...(names.context ? { [names.context]: `${request.dbUrl}/$metadata#${request.table}/$entity` } : {}),
    ...entity(request, row, names, undefined, special),
  };
}

/** `GET /{db}/{table}({key})/{field}`: `{"@context": …, "value": …}`. */
export function getFieldValue(request: TableRequest, key: EntityKey, fieldName: string): MockResponse {
  const row = findRecord(request, key);
  if ('status' in row) return row;
  const field = request.fields.find((candidate) => candidate.name === fieldName.replace(/\[1\]$/, ''));
  if (!field) return ODATA_ERRORS.unknownField(fieldName);
  const names = controlNames(request.req, request.options);
  return odataJson(200, {
    ...(names.context
      ? { [names.context]: `${request.dbUrl}/$metadata#${request.table}${formatKey(key)}/${field.name}` }
      : {}),
    value: toODataValue(field, row.fieldData[field.name]),
  });
}

/** A write body: a JSON object of field → value, checked and converted to stored values. */
function readValues(
  request: TableRequest,
): { ok: true; values: Record<string, FieldValue> } | { ok: false; response: MockResponse } {
  const body = readJsonBody(request.req);
  if (
    body === undefined ||
    body instanceof SyntaxError ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body)
  )
    return { ok: false, response: ODATA_ERRORS.badBody() };
  const byName = fieldMap(request);
  const values: Record<string, FieldValue> = {};
  for (const [rawName, value] of Object.entries(body)) {
    // Instance annotations (`Photo@com.filemaker.odata.Filename`, `@odata.id`) carry no field value.
    if (rawName.includes('@')) continue;
    // Repetition 1 is the field itself; the fixture has no repeating fields.
    const name = rawName.endsWith('[1]') ? rawName.slice(0, -3) : rawName;
    const field = byName.get(name);
    if (!field) return { ok: false, response: ODATA_ERRORS.unknownField(rawName) };
    const stored = fromODataValue(field, value);
    if (stored === undefined) {
      const near = name.slice(0, 100);
      return {
        ok: false,
        response: odataError(400, '-1002', `Error: parse failure in request body at: '${near}'`),
      };
    }
    values[name] = stored;
  }
  return { ok: true, values };
}

/**
 * FileMaker validation failures of a write (504, 509; fields were checked before), in OData's error
 * shape. [guess] The status is not recorded.
 */
function writeFailure([code, message]: FmMessage): MockResponse {
  return odataError(400, code, message);
}

/** `POST /{db}/{table}`: 201 + Location + the record, or 204 + Location `(ROWID=n)` for `return=minimal`. */
export function createRecord(request: TableRequest): MockResponse {
  const body = readValues(request);
  if (!body.ok) return body.response;
  const created = request.db.insertRow(request.table, body.values);
  if (!created.ok) return writeFailure(created.error);
  const row = created.value;
  if (preferences(request.req).has('return=minimal')) {
    return odataEmpty({ location: `${request.dbUrl}/${enc(request.table)}(ROWID=${row.rowId})` });
  }
  return odataRecordsJson(201, entityBody(request, row), request.options, {
    location: entityUrl(request, row),
  });
}

/** `PATCH /{db}/{table}({key})`: 200 + the record (204 for `return=minimal`), with `fmodata.affected_rows`. */
export function updateRecord(request: TableRequest, key: EntityKey): MockResponse {
  const row = findRecord(request, key);
  if ('status' in row) return row;
  const body = readValues(request);
  if (!body.ok) return body.response;
  const updated = request.db.updateRow(request.table, row.rowId, body.values);
  if (!updated.ok) return writeFailure(updated.error);
  const affected = { 'fmodata.affected_rows': '1' };
  if (preferences(request.req).has('return=minimal')) return odataEmpty(affected);
  return odataRecordsJson(200, entityBody(request, updated.value), request.options, affected);
}

/** `DELETE /{db}/{table}({key})`: 204 with `fmodata.affected_rows: 1`. */
export function deleteRecord(request: TableRequest, key: EntityKey): MockResponse {
  const row = findRecord(request, key);
  if ('status' in row) return row;
  request.db.deleteRow(request.table, row.rowId);
  return odataEmpty({ 'fmodata.affected_rows': '1' });
}

/**
 * `PATCH` / `DELETE /{db}/{table}?$filter=…`: every matching record, the count in
 * `fmodata.affected_rows`. [guess] Without `$filter` the mock refuses (400) rather than touch every record.
 */
export function bulkChange(request: TableRequest, method: 'PATCH' | 'DELETE'): MockResponse {
  if (request.req.query.get('$filter') === null) return ODATA_ERRORS.syntax('$filter');
  const filter = readFilterOnly(request.req.query, hasFieldOf(request));
  if (filter && 'status' in filter) return filter;
  const rows = filteredRows(request, filter);
  if (method === 'DELETE') {
    for (const row of rows) request.db.deleteRow(request.table, row.rowId);
    return odataEmpty({ 'fmodata.affected_rows': String(rows.length) });
  }
  const body = readValues(request);
  if (!body.ok) return body.response;
  let affected = 0;
  for (const row of rows) {
    const updated = request.db.updateRow(request.table, row.rowId, body.values);
    if (!updated.ok) return writeFailure(updated.error);
    affected++;
  }
  return odataEmpty({ 'fmodata.affected_rows': String(affected) });
}
