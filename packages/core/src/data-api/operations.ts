import { segment } from './paths.js';

/** One Data API call below `/fmi/data/{version}/databases/{database}/`. */
export interface DataApiRequest {
  /** Default `GET`, or `POST` when there is a body. */
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the database, segments already encoded, e.g. `layouts/Contacts/records`. */
  readonly path: string;
  /** Query string parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Abort this call. */
  readonly signal?: AbortSignal;
}

/** Field values of one record, keyed by field name. */
export type FieldData = Record<string, unknown>;

/** One record as the Data API returns it. */
export interface FmRecord<F extends FieldData = FieldData> {
  readonly fieldData: F;
  readonly portalData: Record<string, unknown[]>;
  readonly recordId: string;
  readonly modId: string;
}

/** `dataInfo` of a record response. */
export interface DataInfo {
  readonly database: string;
  readonly layout: string;
  readonly table: string;
  readonly totalRecordCount: number;
  readonly foundCount: number;
  readonly returnedCount: number;
}

export interface RecordsResponse<F extends FieldData = FieldData> {
  readonly data: FmRecord<F>[];
  readonly dataInfo: DataInfo;
}

/** Paging and sorting of a record range or find. */
export interface RangeOptions {
  /** 1-based first record. Default 1. */
  readonly offset?: number;
  /** Most records to return. FileMaker's default is 100. */
  readonly limit?: number;
  /** Sort order, e.g. `[{ fieldName: 'name', sortOrder: 'ascend' }]`. */
  readonly sort?: ReadonlyArray<{
    readonly fieldName: string;
    readonly sortOrder?: 'ascend' | 'descend' | (string & {});
  }>;
}

/** A find request: one object per request, fields to match; `omit: "true"` excludes. */
export type FindQuery = ReadonlyArray<Readonly<Record<string, string | number>>>;

export interface LayoutInfo {
  readonly name: string;
  readonly table?: string;
  readonly isFolder?: boolean;
  readonly folderLayoutNames?: LayoutInfo[];
}

export interface FieldMetaData {
  readonly name: string;
  readonly type: string;
  readonly displayType: string;
  readonly result: string;
  readonly [key: string]: unknown;
}

export interface LayoutMetadata {
  readonly fieldMetaData: FieldMetaData[];
  readonly portalMetaData: Record<string, FieldMetaData[]>;
}

export function getRecordsRequest(layout: string, options: RangeOptions = {}): DataApiRequest {
  return {
    path: `layouts/${segment(layout)}/records`,
    query: {
      _offset: options.offset,
      _limit: options.limit,
      _sort: options.sort ? JSON.stringify(options.sort) : undefined,
    },
  };
}

export function getRecordRequest(layout: string, recordId: string | number): DataApiRequest {
  return { path: `layouts/${segment(layout)}/records/${segment(recordId)}` };
}

export function findRequest(layout: string, query: FindQuery, options: RangeOptions = {}): DataApiRequest {
  const body: Record<string, unknown> = { query };
  if (options.offset !== undefined) body.offset = String(options.offset);
  if (options.limit !== undefined) body.limit = String(options.limit);
  if (options.sort) body.sort = options.sort;
  return { method: 'POST', path: `layouts/${segment(layout)}/_find`, body };
}

export function createRecordRequest(layout: string, fieldData: FieldData): DataApiRequest {
  return { method: 'POST', path: `layouts/${segment(layout)}/records`, body: { fieldData } };
}

export function editRecordRequest(
  layout: string,
  recordId: string | number,
  fieldData: FieldData,
): DataApiRequest {
  return {
    method: 'PATCH',
    path: `layouts/${segment(layout)}/records/${segment(recordId)}`,
    body: { fieldData },
  };
}

export function deleteRecordRequest(layout: string, recordId: string | number): DataApiRequest {
  return { method: 'DELETE', path: `layouts/${segment(layout)}/records/${segment(recordId)}` };
}
