import type { DatabaseFixture, FieldFixture } from '../../fixture/sections/data-api.js';
import {
  MAX_CRITERION_LENGTH,
  MAX_FIND_CRITERIA,
  MAX_FIND_REQUESTS,
  matchesCriterion,
} from './find-criteria.js';
import { FM, type FmMessage } from './fm-messages.js';

type FieldValue = string | number;

interface StoredRecord {
  readonly recordId: number;
  modId: number;
  fieldData: Record<string, FieldValue>;
}

interface Table {
  readonly name: string;
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

  constructor(fixture: DatabaseFixture) {
    this.name = fixture.name;
    this.fixture = fixture;
    const tables = new Map<string, Table>();
    for (const table of fixture.tables) {
      const records = new Map<number, StoredRecord>();
      table.records.forEach((fieldData, index) => {
        records.set(index + 1, { recordId: index + 1, modId: 0, fieldData: { ...fieldData } });
      });
      tables.set(table.name.toLowerCase(), {
        name: table.name,
        fields: table.fields,
        fieldNames: new Set(table.fields.map((f) => f.name)),
        records,
        nextId: table.records.length + 1,
      });
    }
    for (const layout of fixture.layouts) {
      const table = tables.get((layout.table ?? layout.name).toLowerCase());
      // The fixture schema guarantees the table exists.
      if (table) this.#layouts.set(layout.name.toLowerCase(), { name: layout.name, table });
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
    record.fieldData = { ...record.fieldData, ...values.value };
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
