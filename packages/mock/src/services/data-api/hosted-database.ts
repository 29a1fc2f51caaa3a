import type { DatabaseFixture, FieldFixture } from '../../fixture/sections/data-api.js';
import {
  MAX_CRITERION_LENGTH,
  MAX_FIND_CRITERIA,
  MAX_FIND_REQUESTS,
  matchesCriterion,
} from './find-criteria.js';
import { FM, type FmMessage } from './fm-messages.js';

/** A stored field value: FileMaker keeps an empty field as `''`. */
export type FieldValue = string | number;

interface StoredRecord {
  readonly recordId: number;
  modId: number;
  fieldData: Record<string, FieldValue>;
}

interface Table {
  readonly name: string;
  /** The not-empty, unique field (OData's entity key), if the fixture names one. */
  readonly key: string | undefined;
  readonly fields: readonly FieldFixture[];
  readonly fieldNames: ReadonlySet<string>;
  readonly records: Map<number, StoredRecord>;
  nextId: number;
}

interface Layout {
  readonly name: string;
  readonly table: Table;
}

/** What a script run left behind: its Exit Script result (if any) and its last error. */
export interface ScriptRun {
  /** `undefined` when the script ended without Exit Script. */
  readonly result: string | undefined;
  readonly errorCode: number;
}

/** A Data API record as it goes on the wire. */
export interface WireRecord {
  readonly fieldData: Record<string, FieldValue>;
  readonly portalData: Record<string, never>;
  readonly recordId: string;
  readonly modId: string;
}

/** A record as OData sees it: ROWID (the record id), ROWMODID (the modification count), its fields. */
export interface TableRow {
  readonly rowId: number;
  readonly modId: number;
  readonly fieldData: Readonly<Record<string, FieldValue>>;
}

/** A copy of a file's records, opaque outside this module. */
export type DatabaseSnapshot = { readonly __snapshot: unique symbol };

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: FmMessage };

export interface SortSpec {
  readonly fieldName: string;
  readonly sortOrder?: string;
}

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (error: FmMessage): Outcome<never> => ({ ok: false, error });

/** The live contents of one hosted file on one simulated server: records change as clients write. */
export class HostedDatabase {
  readonly name: string;
  readonly fixture: DatabaseFixture;
  readonly #layouts = new Map<string, Layout>();
  /** By exact name: OData addresses table occurrences case-sensitively. */
  readonly #tablesByName = new Map<string, Table>();

  constructor(fixture: DatabaseFixture) {
    this.name = fixture.name;
    this.fixture = fixture;
    const tables = new Map<string, Table>();
    for (const table of fixture.tables) {
      const records = new Map<number, StoredRecord>();
      table.records.forEach((fieldData, index) => {
        records.set(index + 1, { recordId: index + 1, modId: 0, fieldData: { ...fieldData } });
      });
      const stored: Table = {
        name: table.name,
        key: table.key,
        fields: table.fields,
        fieldNames: new Set(table.fields.map((f) => f.name)),
        records,
        nextId: table.records.length + 1,
      };
      tables.set(table.name.toLowerCase(), stored);
      this.#tablesByName.set(table.name, stored);
    }
    for (const layout of fixture.layouts) {
      const table = tables.get((layout.table ?? layout.name).toLowerCase());
      // The fixture schema guarantees the table exists.
      if (table) this.#layouts.set(layout.name.toLowerCase(), { name: layout.name, table });
    }
  }

  /** Table names (the table occurrences OData serves), in fixture order. */
  tableNames(): string[] {
    return [...this.#tablesByName.keys()];
  }

  /** A table's fields and key by its exact name; `undefined` when there is no such table. */
  tableSchema(table: string): { fields: readonly FieldFixture[]; key: string | undefined } | undefined {
    const found = this.#tablesByName.get(table);
    return found ? { fields: found.fields, key: found.key } : undefined;
  }

  /** A table's records in ROWID order, those `where` accepts (all without it). */
  rows(table: string, where?: (row: TableRow) => boolean): TableRow[] {
    const found = this.#tablesByName.get(table);
    if (!found) return [];
    const rows: TableRow[] = [];
    for (const record of found.records.values()) {
      const row = toRow(record);
      if (!where || where(row)) rows.push(row);
    }
    return rows;
  }

  /** One record by ROWID. */
  rowById(table: string, rowId: number): TableRow | undefined {
    const record = this.#tablesByName.get(table)?.records.get(rowId);
    return record ? toRow(record) : undefined;
  }

  /** One record by its key field's value (compared as text, as FileMaker's unique validation does). */
  rowByKey(table: string, value: string | number): TableRow | undefined {
    const found = this.#tablesByName.get(table);
    if (!found?.key) return undefined;
    const wanted = String(value);
    for (const record of found.records.values()) {
      if (String(record.fieldData[found.key] ?? '') === wanted) return toRow(record);
    }
    return undefined;
  }

  /** Creates a record from already-typed values; unknown fields fail with 102. */
  insertRow(table: string, values: Record<string, FieldValue>): Outcome<TableRow> {
    const found = this.#tablesByName.get(table);
    if (!found) return fail(FM.layoutMissing);
    const checked = this.#checkFields(found, values);
    if (!checked.ok) return checked;
    const keyProblem = checkKey(found, checked.value, undefined);
    if (keyProblem) return fail(keyProblem);
    const record: StoredRecord = { recordId: found.nextId++, modId: 0, fieldData: checked.value };
    found.records.set(record.recordId, record);
    return ok(toRow(record));
  }

  /** Changes the given fields of a record and counts the modification. */
  updateRow(table: string, rowId: number, values: Record<string, FieldValue>): Outcome<TableRow> {
    const found = this.#tablesByName.get(table);
    const record = found?.records.get(rowId);
    if (!found || !record) return fail(FM.recordMissing);
    const checked = this.#checkFields(found, values);
    if (!checked.ok) return checked;
    const merged = { ...record.fieldData, ...checked.value };
    const keyProblem = checkKey(found, merged, rowId);
    if (keyProblem) return fail(keyProblem);
    record.fieldData = merged;
    record.modId += 1;
    return ok(toRow(record));
  }

  /** Deletes a record; `false` when there is none with that ROWID. */
  deleteRow(table: string, rowId: number): boolean {
    return this.#tablesByName.get(table)?.records.delete(rowId) ?? false;
  }

  /** Every table's records and next id, copied: what {@link restore} puts back (an atomic changeset). */
  snapshot(): DatabaseSnapshot {
    const tables = new Map<string, { records: StoredRecord[]; nextId: number }>();
    for (const [name, table] of this.#tablesByName) {
      const records = [...table.records.values()].map((record) => ({
        ...record,
        fieldData: { ...record.fieldData },
      }));
      tables.set(name, { records, nextId: table.nextId });
    }
    return { tables } as unknown as DatabaseSnapshot;
  }

  /** Puts back the records of a {@link snapshot} of this file, undoing every write since. */
  restore(snapshot: DatabaseSnapshot): void {
    const { tables } = snapshot as unknown as {
      tables: Map<string, { records: StoredRecord[]; nextId: number }>;
    };
    for (const [name, saved] of tables) {
      const table = this.#tablesByName.get(name);
      if (!table) continue;
      table.records.clear();
      for (const record of saved.records)
        table.records.set(record.recordId, { ...record, fieldData: { ...record.fieldData } });
      table.nextId = saved.nextId;
    }
  }

  /** The file's script names, in fixture order. */
  scriptNames(): string[] {
    return this.fixture.scripts.map((script) => script.name);
  }

  /**
   * Runs a fixture script with an optional parameter (already turned into text, as FileMaker's
   * `Get(ScriptParameter)` is); fails with 104 when the file has no script of that name.
   */
  runScript(name: string, parameter: string | undefined): Outcome<ScriptRun> {
    const script = this.fixture.scripts.find((candidate) => candidate.name === name);
    if (!script) return fail(FM.scriptMissing);
    const result =
      script.exitWith === 'parameter'
        ? (parameter ?? '')
        : script.exitWith === 'text'
          ? script.text
          : undefined;
    return ok({ result, errorCode: script.errorCode });
  }

  hasLayout(name: string): boolean {
    return this.#layout(name) !== undefined;
  }

  layoutNames(): Array<{ name: string; table: string }> {
    return [...this.#layouts.values()].map((layout) => ({ name: layout.name, table: layout.table.name }));
  }

  metadata(layoutName: string): Outcome<object> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    return ok({
      fieldMetaData: layout.table.fields.map((field) => ({
        name: field.name,
        type: 'normal',
        displayType: 'editText',
        result: field.result,
        global: false,
        autoEnter: false,
        fourDigitYear: false,
        maxRepeat: 1,
        maxCharacters: 0,
        notEmpty: false,
        numeric: false,
        timeOfDay: false,
        repetitionStart: 1,
        repetitionEnd: 1,
      })),
      portalMetaData: {},
    });
  }

  range(
    layoutName: string,
    offset: number,
    limit: number,
    sort: readonly SortSpec[] | undefined,
  ): Outcome<object> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    return this.#page(layout, [...layout.table.records.values()], offset, limit, sort);
  }

  get(layoutName: string, recordId: string): Outcome<object> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    const record = findRecord(layout.table, recordId);
    if (!record) return fail(FM.recordMissing);
    return ok({ dataInfo: this.#dataInfo(layout, 1, 1), data: [toWire(layout.table, record)] });
  }

  find(
    layoutName: string,
    requests: ReadonlyArray<Record<string, unknown>>,
    offset: number,
    limit: number,
    sort: readonly SortSpec[] | undefined,
  ): Outcome<object> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    const parsed = requests.map((request) => ({
      omit: String(request.omit ?? 'false').toLowerCase() === 'true',
      criteria: Object.entries(request)
        .filter(([field]) => field !== 'omit')
        .map(([field, value]) => [field, String(value)] as const),
    }));
    // Bounds on the work one find may ask for (the matcher is linear, these keep it small). [guess]
    const criteriaCount = parsed.reduce((sum, request) => sum + request.criteria.length, 0);
    if (
      requests.length > MAX_FIND_REQUESTS ||
      criteriaCount > MAX_FIND_CRITERIA ||
      parsed.some((request) => request.criteria.some(([, text]) => text.length > MAX_CRITERION_LENGTH))
    ) {
      return fail(FM.findTooComplex);
    }
    const found = new Map<number, StoredRecord>();
    for (const { omit, criteria } of parsed) {
      for (const [field] of criteria) if (!layout.table.fieldNames.has(field)) return fail(FM.fieldMissing);
      for (const record of layout.table.records.values()) {
        const matches = criteria.every(([field, text]) => matchesCriterion(record.fieldData[field], text));
        if (!matches) continue;
        if (omit) found.delete(record.recordId);
        else found.set(record.recordId, record);
      }
    }
    if (found.size === 0) return fail(FM.noRecordsMatch);
    return this.#page(layout, [...found.values()], offset, limit, sort);
  }

  create(
    layoutName: string,
    fieldData: Record<string, unknown>,
  ): Outcome<{ recordId: string; modId: string }> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    const values = this.#checkFields(layout.table, fieldData);
    if (!values.ok) return values;
    const table = layout.table;
    const keyProblem = checkKey(table, values.value, undefined);
    if (keyProblem) return fail(keyProblem);
    const record: StoredRecord = { recordId: table.nextId++, modId: 0, fieldData: values.value };
    table.records.set(record.recordId, record);
    return ok({ recordId: String(record.recordId), modId: '0' });
  }

  edit(
    layoutName: string,
    recordId: string,
    fieldData: Record<string, unknown>,
    modId: string | undefined,
  ): Outcome<{ modId: string }> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    const record = findRecord(layout.table, recordId);
    if (!record) return fail(FM.recordMissing);
    if (modId !== undefined && modId !== String(record.modId)) return fail(FM.modIdMismatch);
    const values = this.#checkFields(layout.table, fieldData);
    if (!values.ok) return values;
    const merged = { ...record.fieldData, ...values.value };
    const keyProblem = checkKey(layout.table, merged, record.recordId);
    if (keyProblem) return fail(keyProblem);
    record.fieldData = merged;
    record.modId += 1;
    return ok({ modId: String(record.modId) });
  }

  delete(layoutName: string, recordId: string): Outcome<object> {
    const layout = this.#layout(layoutName);
    if (!layout) return fail(FM.layoutMissing);
    const record = findRecord(layout.table, recordId);
    if (!record) return fail(FM.recordMissing);
    layout.table.records.delete(record.recordId);
    return ok({});
  }

  /** Layout names are matched case-insensitively, as FileMaker does. */
  #layout(name: string): Layout | undefined {
    return this.#layouts.get(name.toLowerCase());
  }

  #checkFields(table: Table, fieldData: Record<string, unknown>): Outcome<Record<string, FieldValue>> {
    const values: Record<string, FieldValue> = {};
    for (const [field, value] of Object.entries(fieldData)) {
      if (!table.fieldNames.has(field)) return fail(FM.fieldMissing);
      if (typeof value !== 'string' && typeof value !== 'number') return fail(FM.parameterInvalid);
      values[field] = value;
    }
    return ok(values);
  }

  #page(
    layout: Layout,
    records: StoredRecord[],
    offset: number,
    limit: number,
    sort: readonly SortSpec[] | undefined,
  ): Outcome<object> {
    if (sort) {
      for (const spec of sort) if (!layout.table.fieldNames.has(spec.fieldName)) return fail(FM.fieldMissing);
      records.sort((a, b) => compareBySort(a, b, sort));
    }
    if (offset > records.length) return fail(FM.noRecordsMatch);
    const page = records.slice(offset - 1, offset - 1 + limit);
    return ok({
      dataInfo: this.#dataInfo(layout, records.length, page.length),
      data: page.map((record) => toWire(layout.table, record)),
    });
  }

  #dataInfo(layout: Layout, foundCount: number, returnedCount: number) {
    return {
      database: this.name,
      layout: layout.name,
      table: layout.table.name,
      totalRecordCount: layout.table.records.size,
      foundCount,
      returnedCount,
    };
  }
}

function toRow(record: StoredRecord): TableRow {
  return { rowId: record.recordId, modId: record.modId, fieldData: { ...record.fieldData } };
}

/** The key field's validation: not empty (509) and unique among the other records (504). */
function checkKey(
  table: Table,
  fieldData: Record<string, FieldValue>,
  ownRecordId: number | undefined,
): FmMessage | undefined {
  if (table.key === undefined) return undefined;
  const value = String(fieldData[table.key] ?? '');
  if (value === '') return FM.validValueRequired;
  for (const other of table.records.values()) {
    if (other.recordId !== ownRecordId && String(other.fieldData[table.key] ?? '') === value)
      return FM.notUnique;
  }
  return undefined;
}

/** The record with this id, when the id is a whole number and such a record exists. */
function findRecord(table: Table, recordId: string): StoredRecord | undefined {
  return /^\d+$/.test(recordId) ? table.records.get(Number(recordId)) : undefined;
}

function toWire(table: Table, record: StoredRecord): WireRecord {
  const fieldData: Record<string, FieldValue> = {};
  for (const field of table.fields) fieldData[field.name] = record.fieldData[field.name] ?? '';
  return { fieldData, portalData: {}, recordId: String(record.recordId), modId: String(record.modId) };
}

function compareBySort(a: StoredRecord, b: StoredRecord, sort: readonly SortSpec[]): number {
  for (const { fieldName, sortOrder } of sort) {
    const left = a.fieldData[fieldName] ?? '';
    const right = b.fieldData[fieldName] ?? '';
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : String(left).localeCompare(String(right));
    if (order !== 0) return sortOrder === 'descend' ? -order : order;
  }
  return a.recordId - b.recordId;
}
