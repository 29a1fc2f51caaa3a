/** One OData record (entity) as the server sends it, control information (`@id`, …) included. */
export type ODataRecord = Record<string, unknown>;

/** A page of `query()`. */
export interface ODataPage<T extends ODataRecord = ODataRecord> {
  /** The records of this page. */
  readonly value: T[];
  /** With `count: true`: how many records match in all (`@count` / `@odata.count`). */
  readonly count?: number;
  /** Where the next page is (`@nextLink` / `@odata.nextLink`), when the server paged the answer. */
  readonly nextLink?: string;
}

/** An entry of `databases()` or `tables()`. */
export interface ODataServiceEntry {
  readonly name: string;
  readonly kind: string;
  readonly url: string;
}

/** What `runScript()` resolves: FileMaker's last error in the script (`0`: none) and its Exit Script text. */
export interface ODataScriptResult {
  readonly code: number;
  readonly resultParameter?: string;
}

/** What `request()` resolves. */
export interface ODataRawResponse {
  readonly status: number;
  /** The `Content-Type` the server sent. */
  readonly contentType: string | undefined;
  /** The body parsed as JSON when it is JSON, else its text (`''` for 204). */
  readonly body: unknown;
}

/** `request()`'s description of a call. */
export interface ODataRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /**
   * Path under the database, already encoded, e.g. `Contacts(1)/name` or `$crossjoin(A,B)`; or, with
   * `root: true`, under `/fmi/odata/v4`.
   */
  readonly path: string;
  /** Query string without `?`, already encoded. Values in a `$filter` must come from `odataFilter`. */
  readonly query?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** `Accept`. Default `application/json`. */
  readonly accept?: string;
  /** Path is under the service root, not the database. Default `false`. */
  readonly root?: boolean;
  readonly signal?: AbortSignal;
}
