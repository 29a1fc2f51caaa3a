import type { MockRequest, MockResponse } from '../../core/mock-http.js';
import { pathSegments, readJsonBody } from '../../core/mock-http.js';
import { type RouteParams, RouteTable } from '../../core/route-table.js';
import { badGatewayPage } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import {
  type BatchAnswer,
  type BatchOperation,
  batchResponse,
  multipartBoundary,
  operationRequest,
  parseBatch,
} from './batch.js';
import { metadataJson, metadataXml } from './metadata.js';
import type { ODataFlavor } from './odata-flavor.js';
import {
  controlNames,
  ODATA_ERRORS,
  odataError,
  odataJson,
  odataText,
  unauthorized,
} from './odata-responses.js';
import {
  bulkChange,
  countRecords,
  createRecord,
  deleteRecord,
  getFieldValue,
  getRecord,
  listRecords,
  type TableRequest,
  updateRecord,
} from './records.js';
import { readResource } from './resource-path.js';

export interface ODataApiConfig {
  /** The flavor's path prefix (`''`, `/filemaker-cloud`, …), for absolute URLs in answers. */
  readonly prefix: string;
  readonly flavor: ODataFlavor;
  /** The flavor's hosted files now (they are replaced on reset: never keep one across requests). */
  databases(): readonly HostedDatabase[];
  database(name: string): HostedDatabase | undefined;
}

interface Counters {
  odataRequests: number;
  odataBatchOperations: number;
  odataFailedAuth: number;
  odataScriptRuns: number;
}

const FMP12 = /\.fmp12$/i;
const enc = encodeURIComponent;

/**
 * The FileMaker OData API (`/fmi/odata/v4`) over a flavor's hosted files — the same `HostedDatabase`
 * objects as its Data API, so a record written through one is read through the other. No session:
 * every request is authenticated by the flavor. Facts and guesses: docs/odata.md.
 */
export class ODataApi {
  readonly #config: ODataApiConfig;
  #counters: Counters = zeroCounters();

  constructor(config: ODataApiConfig) {
    this.#config = config;
  }

  stats(): Record<string, number> {
    return { ...this.#counters };
  }

  reset(): void {
    this.#counters = zeroCounters();
  }

  /** Answers a request whose path is `/fmi/odata/…`; `segments` are those after `fmi/odata`. */
  async handle(req: MockRequest, segments: readonly string[]): Promise<MockResponse> {
    this.#counters.odataRequests++;
    if (!this.#config.flavor.options().enabled) return badGatewayPage();
    return this.#routes.dispatch(req, segments);
  }

  readonly #routes = new RouteTable(
    [
      { method: 'GET', path: '/v4', handle: (req) => this.#serviceRoot(req) },
      // proofkit lists databases with `GET /$metadata` and reads `value` (its listDatabaseNames()).
      { method: 'GET', path: '/v4/$metadata', handle: (req) => this.#serviceRoot(req) },
      {
        method: 'GET',
        path: '/v4/:db',
        handle: (req, p) => this.#withDb(req, p, (db) => this.#serviceDocument(req, db, p)),
      },
      {
        method: 'GET',
        path: '/v4/:db/$metadata',
        handle: (req, p) => this.#withDb(req, p, (db) => this.#metadata(req, db, p)),
      },
      {
        method: 'POST',
        path: '/v4/:db/$batch',
        handle: (req, p) => this.#withDb(req, p, (db) => this.#batch(req, db, p.db as string)),
      },
      {
        method: 'GET',
        path: '/v4/:db/:resource/$count',
        handle: (req, p) => this.#withTable(req, p, (request) => countRecords(request)),
      },
      {
        method: ['GET', 'POST', 'PATCH', 'DELETE'],
        path: '/v4/:db/:resource',
        handle: (req, p) => this.#withDb(req, p, (db) => this.#resource(req, db, p)),
      },
      {
        method: 'GET',
        path: '/v4/:db/:resource/:field',
        handle: (req, p) =>
          this.#withTable(req, p, (request, resource) =>
            resource.kind === 'entity'
              ? getFieldValue(request, resource.key, p.field as string)
              : ODATA_ERRORS.syntax(p.field as string),
          ),
      },
    ],
    {
      notFound: () => odataError(404, '-1000', 'Incorrect OData service root path'),
      methodNotAllowed: (_req, allowed) => ODATA_ERRORS.methodNotAllowed(allowed),
    },
  );

  /** `GET /fmi/odata/v4`: the files this account may open with OData (all of them when `open`). */
  async #serviceRoot(req: MockRequest): Promise<MockResponse> {
    const options = this.#config.flavor.options();
    const visible = options.serviceRoot === 'open' ? this.#config.databases() : await this.#openable(req);
    if (options.serviceRoot === 'filtered' && visible.length === 0) {
      this.#counters.odataFailedAuth++;
      return unauthorized(options);
    }
    const base = this.#baseUrl(req);
    const names = controlNames(req, options);
    return odataJson(200, {
      ...(names.context ? { [names.context]: `${base}/$metadata` } : {}),
      value: visible.map((db) => ({
        name: db.name,
        kind: 'EntityContainer',
        url: `${base}/${enc(db.name)}`,
      })),
    });
  }

  #serviceDocument(req: MockRequest, db: HostedDatabase, params: RouteParams): MockResponse {
    const dbUrl = `${this.#baseUrl(req)}/${enc(params.db as string)}`;
    const names = controlNames(req, this.#config.flavor.options());
    return odataJson(200, {
      ...(names.context ? { [names.context]: `${dbUrl}/$metadata` } : {}),
      value: db
        .tableNames()
        .map((table) => ({ name: table, kind: 'EntitySet', url: `${dbUrl}/${enc(table)}` })),
    });
  }

  async #openable(req: MockRequest): Promise<readonly HostedDatabase[]> {
    const { flavor } = this.#config;
    const databases = this.#config.databases();
    if (flavor.openable) return flavor.openable(req, databases);
    const open: HostedDatabase[] = [];
    for (const db of databases) if ((await flavor.authenticate(req, db)).ok) open.push(db);
    return open;
  }

  /** EDMX XML by default; CSDL JSON when the client accepts JSON (`Accept` or `$format=json`). */
  #metadata(req: MockRequest, db: HostedDatabase, params: RouteParams, only?: string): MockResponse {
    const asRequested = params.db as string;
    if (only !== undefined && !db.tableSchema(only)) return ODATA_ERRORS.unknownTable(only);
    const format = req.query.get('$format')?.toLowerCase();
    const wantsJson = format ? format.includes('json') : /application\/json/i.test(req.headers.accept ?? '');
    if (wantsJson) return odataJson(200, metadataJson(db, asRequested, only));
    return odataText(200, metadataXml(db, asRequested, only), 'application/xml;charset=utf-8');
  }

  #resource(req: MockRequest, db: HostedDatabase, params: RouteParams): MockResponse {
    // `/{db}/$metadata%23{table}`: one table's metadata (FMS 22.0.4 and later).
    const segment = params.resource as string;
    if (segment.startsWith('$metadata#')) {
      if (req.method !== 'GET') return ODATA_ERRORS.methodNotAllowed(['GET']);
      return this.#metadata(req, db, params, segment.slice('$metadata#'.length));
    }
    const resource = readResource(params.resource as string);
    if (resource.kind === 'bad-key') return ODATA_ERRORS.parse(resource.near);
    if (resource.kind === 'script') {
      if (req.method !== 'POST') return ODATA_ERRORS.methodNotAllowed(['POST']);
      return this.#runScript(req, db, resource.script);
    }
    // `contacts$top=10` (a forgotten `?`) and names with `~` are syntax errors, not unknown tables.
    const stray = /\$\w*|~/.exec(resource.table);
    if (stray) return ODATA_ERRORS.syntax(stray[0]);
    const request = this.#tableRequest(req, db, params, resource.table);
    if ('status' in request) return request;
    if (resource.kind === 'table') {
      if (req.method === 'GET') return listRecords(request);
      if (req.method === 'POST') return createRecord(request);
      return bulkChange(request, req.method as 'PATCH' | 'DELETE');
    }
    if (req.method === 'GET') return getRecord(request, resource.key);
    if (req.method === 'PATCH') return updateRecord(request, resource.key);
    if (req.method === 'DELETE') return deleteRecord(request, resource.key);
    return ODATA_ERRORS.methodNotAllowed(['GET', 'PATCH', 'DELETE']);
  }

  /**
   * `POST /{db}/Script.{name}`: the body is empty or exactly `{"scriptParameterValue": …}` (`{}` is
   * taken as no parameter: fm-odata-client sends it). Answers `{"scriptResult":{"code":…}}` with
   * `resultParameter` when the script exits with a result.
   */
  #runScript(req: MockRequest, db: HostedDatabase, name: string): MockResponse {
    const body = readJsonBody(req);
    let parameter: string | undefined;
    if (body !== undefined) {
      if (body instanceof SyntaxError || typeof body !== 'object' || body === null || Array.isArray(body))
        return ODATA_ERRORS.badBody();
      const keys = Object.keys(body);
      if (keys.some((key) => key !== 'scriptParameterValue'))
        return ODATA_ERRORS.syntax(keys.find((k) => k !== 'scriptParameterValue') as string);
      const value = (body as Record<string, unknown>).scriptParameterValue;
      if (value !== undefined && value !== null)
        parameter = typeof value === 'string' ? value : JSON.stringify(value);
    }
    this.#counters.odataScriptRuns++;
    const run = db.runScript(name, parameter);
    if (!run.ok) {
      if (this.#config.flavor.options().missingScriptAnswer === 'error')
        return odataError(404, run.error[0], `Script '${name.slice(0, 100)}' not found`);
      return odataJson(200, { scriptResult: { code: Number(run.error[0]) } });
    }
    const { result, errorCode } = run.value;
    return odataJson(200, {
      scriptResult: { code: errorCode, ...(result === undefined ? {} : { resultParameter: result }) },
    });
  }

  /**
   * `POST /{db}/$batch`: runs the parts in order and stops at the first failure (later parts get no
   * answer, as FileMaker does); a changeset is atomic: on a failure its writes are undone and it
   * answers with that one error. Inserts answer 204 + Location, as inside FileMaker's batches
   * (`batchInsertStatus`).
   */
  async #batch(req: MockRequest, db: HostedDatabase, dbAsRequested: string): Promise<MockResponse> {
    const boundary = multipartBoundary(req.headers['content-type']);
    if (!boundary)
      return odataError(400, '-1002', 'Error: a batch needs Content-Type: multipart/mixed; boundary=…');
    const items = parseBatch(req.body.toString('utf8'), boundary);
    if (typeof items === 'string')
      return odataError(400, '-1002', `Error: parse failure in batch body: ${items}`);
    const answers: BatchAnswer[] = [];
    for (const item of items) {
      if (item.kind === 'operation') {
        const response = await this.#operation(req, dbAsRequested, item.operation);
        answers.push({ kind: 'operation', response, contentId: item.operation.contentId });
        if (response.status >= 400) break;
        continue;
      }
      const saved = db.snapshot();
      const responses: Array<{ response: MockResponse; contentId: string | undefined }> = [];
      let failure: { response: MockResponse; contentId: string | undefined } | undefined;
      for (const operation of item.operations) {
        const response = await this.#operation(req, dbAsRequested, operation);
        if (response.status >= 400) {
          failure = { response, contentId: operation.contentId };
          break;
        }
        responses.push({ response, contentId: operation.contentId });
      }
      if (failure) {
        db.restore(saved);
        answers.push({ kind: 'operation', ...failure });
        break;
      }
      answers.push({ kind: 'changeset', responses });
    }
    return batchResponse(answers);
  }

  /** One batch part, answered by the same routes as a request of its own (credentials included). */
  async #operation(
    outer: MockRequest,
    dbAsRequested: string,
    operation: BatchOperation,
  ): Promise<MockResponse> {
    this.#counters.odataBatchOperations++;
    const root = `${this.#config.prefix}/fmi/odata/v4/`;
    let url: URL;
    try {
      url = new URL(operation.target, `${outer.origin}${root}${enc(dbAsRequested)}/`);
    } catch {
      return odataError(400, '-1000', 'Incorrect OData service root path');
    }
    if (!url.pathname.toLowerCase().startsWith(root.toLowerCase()))
      return odataError(400, '-1000', 'Incorrect OData service root path');
    const segments = pathSegments(url.pathname.slice(this.#config.prefix.length));
    const db = segments?.[3];
    // FileMaker's engine compares the sub-request's file with the batch's, `.fmp12` never matching.
    if (
      !segments ||
      db === undefined ||
      FMP12.test(db) ||
      db.toLowerCase() !== dbAsRequested.replace(FMP12, '').toLowerCase()
    )
      return odataError(400, '-1032', 'Operation database does not match batch request database');
    if (segments[4]?.toLowerCase() === '$batch')
      return odataError(400, '-1002', "Error: syntax error in URL at: '$batch'");
    const sub = operationRequest(outer, operation, url.pathname, url.searchParams);
    const inBatch =
      operation.method === 'POST' &&
      !segments[4]?.startsWith('Script.') &&
      this.#config.flavor.options().batchInsertStatus === '204'
        ? { ...sub, headers: { ...sub.headers, prefer: 'return=minimal' } }
        : sub;
    return this.#routes.dispatch(inBatch, segments.slice(2));
  }

  /** Finds the file (`.fmp12` allowed), then checks the credentials for it. */
  async #withDb(
    req: MockRequest,
    params: RouteParams,
    action: (db: HostedDatabase) => MockResponse | Promise<MockResponse>,
  ): Promise<MockResponse> {
    const asRequested = params.db as string;
    const db = this.#config.database(asRequested.replace(FMP12, ''));
    if (!db) return ODATA_ERRORS.databaseMissing(asRequested);
    const verdict = await this.#config.flavor.authenticate(req, db);
    if (!verdict.ok) {
      this.#counters.odataFailedAuth++;
      return verdict.response ?? unauthorized(this.#config.flavor.options(), verdict.code);
    }
    return action(db);
  }

  #withTable(
    req: MockRequest,
    params: RouteParams,
    action: (request: TableRequest, resource: ReturnType<typeof readResource>) => MockResponse,
  ): Promise<MockResponse> {
    return this.#withDb(req, params, (db) => {
      const resource = readResource(params.resource as string);
      if (resource.kind === 'bad-key') return ODATA_ERRORS.parse(resource.near);
      if (resource.kind === 'script') return ODATA_ERRORS.syntax(params.resource as string);
      const request = this.#tableRequest(req, db, params, resource.table);
      return 'status' in request ? request : action(request, resource);
    });
  }

  #tableRequest(
    req: MockRequest,
    db: HostedDatabase,
    params: RouteParams,
    table: string,
  ): TableRequest | MockResponse {
    const schema = db.tableSchema(table);
    if (!schema) return ODATA_ERRORS.unknownTable(table);
    return {
      req,
      db,
      table,
      fields: schema.fields,
      key: schema.key,
      dbUrl: `${this.#baseUrl(req)}/${enc(params.db as string)}`,
      options: this.#config.flavor.options(),
    };
  }

  #baseUrl(req: MockRequest): string {
    return `${req.origin}${this.#config.prefix}/fmi/odata/v4`;
  }
}

function zeroCounters(): Counters {
  return { odataRequests: 0, odataBatchOperations: 0, odataFailedAuth: 0, odataScriptRuns: 0 };
}
