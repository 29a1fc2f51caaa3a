import type { MockClock } from '../../core/mock-clock.js';
import {
  htmlResponse,
  type MockRequest,
  type MockResponse,
  mediaType,
  pathSegments,
  readJsonBody,
} from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { type RouteParams, RouteTable } from '../../core/route-table.js';
import type { Fixture } from '../../fixture/fixture-schema.js';
import type { DataApiOptions, ServerFlavorName } from '../../fixture/sections/data-api.js';
import { ODataApi } from '../odata/odata-api.js';
import type { ODataFlavor } from '../odata/odata-flavor.js';
import { badGatewayPage, FM, fmError, fmOk, fmResponse } from './fm-messages.js';
import { HostedDatabase, type Outcome, type SortSpec } from './hosted-database.js';
import { SessionStore } from './session-store.js';

/** A flavor's verdict on a login request's credentials. */
export type LoginDecision =
  | { readonly ok: true; readonly account: string; readonly expiresAt?: number }
  | { readonly ok: false; readonly response: MockResponse };

/** Why a session token was refused on a call. */
export type TokenRejection = 'missing' | 'unknown' | 'idle' | 'expired' | 'other-database';

/** What makes one Data API flavor differ from another: mostly who may log in. */
export interface DataApiServiceConfig {
  /** Key in endpoints and stats, e.g. `filemakerServer`. */
  readonly key: string;
  readonly prefix: string;
  /** Which databases it hosts (`hostedOn` in the fixture). */
  readonly flavor: ServerFlavorName;
  readonly productInfo: { readonly name: string; readonly version: string; readonly buildDate: string };
  readonly fixture: Fixture;
  readonly clock: MockClock;
  /** Live options: the control API can change them while the mock runs. */
  readonly options: () => DataApiOptions;
  /** Checks the login request's credentials for `database` (may be async, e.g. a JWT check). */
  login(req: MockRequest, database: HostedDatabase): LoginDecision | Promise<LoginDecision>;
  /** Credentials check of `GET /databases` when "Filter Databases" is on. Default: like a login. */
  authorizeDatabaseList?(req: MockRequest): LoginDecision | Promise<LoginDecision>;
  /**
   * The answer to a call whose token is refused; `undefined` keeps the default, 401 with 952 (or 10
   * without a header).
   */
  rejectedTokenResponse?(reason: TokenRejection): MockResponse | undefined;
  /**
   * Requests outside `/fmi/data` this flavor serves (WebDirect pages, Admin API, …); `undefined` (or a
   * promise of it) leaves the path to the web server's 404 page.
   */
  extraRoute?(
    req: MockRequest,
    segments: string[],
  ): MockResponse | undefined | Promise<MockResponse | undefined>;
  /**
   * The OData API (`/fmi/odata/v4`) over the same hosted files, with this flavor's credential check.
   * Without it, OData paths get the web server's 404 page.
   */
  readonly odata?: ODataFlavor;
  /** Service-specific counters added to `/stats`. */
  extraStats?(): Record<string, number>;
  /** Service-specific state to reset. */
  onReset?(): void;
  /** Other sessions of this server to end with the Data API ones (e.g. Admin API tokens). */
  onExpireSessions?(): void;
}

interface Counters {
  successfulLogins: number;
  failedLogins: number;
  logouts: number;
  requests: number;
}

const VERSIONS = new Set(['v1', 'v2', 'vlatest']);

/**
 * The FileMaker Data API, shared by the FileMaker Server, FileMaker Cloud and Claris Server flavors.
 * Paths, status codes, FileMaker codes and messages follow `protocol/filemaker.md`; see the README's
 * fidelity table for what is documented and what is assumed.
 */
export class DataApiService implements MockService {
  readonly key: string;
  readonly prefix: string;
  readonly sessions: SessionStore;
  readonly #config: DataApiServiceConfig;
  #databases = new Map<string, HostedDatabase>();
  #counters: Counters = zeroCounters();
  readonly #odata: ODataApi | undefined;

  constructor(config: DataApiServiceConfig) {
    this.#config = config;
    this.key = config.key;
    this.prefix = config.prefix;
    // Reads the files through database() on every request: reset() replaces them.
    this.#odata = config.odata
      ? new ODataApi({
          prefix: config.prefix,
          flavor: config.odata,
          databases: () => [...this.#databases.values()],
          database: (name) => this.database(name),
        })
      : undefined;
    this.sessions = new SessionStore(config.clock, () => config.options().sessionIdleMinutes * 60_000);
    this.#loadDatabases();
  }

  /** The hosted database of that name (case-insensitive), as clients see it now. */
  database(name: string): HostedDatabase | undefined {
    return this.#databases.get(name.toLowerCase());
  }

  stats(): Record<string, number> {
    return {
      ...this.#counters,
      activeSessions: this.sessions.activeCount(),
      ...this.#odata?.stats(),
      ...this.#config.extraStats?.(),
    };
  }

  reset(): void {
    this.sessions.clear();
    this.#counters = zeroCounters();
    this.#loadDatabases();
    this.#odata?.reset();
    this.#config.onReset?.();
  }

  expireSessions(): void {
    this.sessions.clear();
    this.#config.onExpireSessions?.();
  }

  /** Counts a failed login made outside the Data API routes (e.g. an Admin API login of this flavor). */
  countLogin(ok: boolean): void {
    if (ok) this.#counters.successfulLogins++;
    else this.#counters.failedLogins++;
  }

  async handle(req: MockRequest): Promise<MockResponse> {
    this.#counters.requests++;
    const segments = pathSegments(req.path);
    if (!segments) return fmResponse(400, FM.urlFormat);
    if (this.#odata && segments[0]?.toLowerCase() === 'fmi' && segments[1]?.toLowerCase() === 'odata')
      return this.#odata.handle(req, segments.slice(2));
    if (segments[0]?.toLowerCase() !== 'fmi' || segments[1]?.toLowerCase() !== 'data') {
      const extra = await this.#config.extraRoute?.(req, segments);
      return extra ?? notFoundPage();
    }
    if (!this.#config.options().dataApiEnabled) return badGatewayPage();
    const version = segments[2];
    if (version === undefined || !VERSIONS.has(version.toLowerCase())) return fmResponse(404, FM.urlFormat);
    return this.#routes.dispatch(req, segments.slice(3));
  }

  /** The Data API's URL map below `/fmi/data/{version}`. */
  readonly #routes = new RouteTable(
    [
      { method: 'GET', path: '/productInfo', handle: () => this.#productInfo() },
      { method: 'GET', path: '/validateSession', handle: (req) => this.#validateSession(req) },
      { method: 'GET', path: '/databases', handle: (req) => this.#databaseList(req) },
      { method: 'POST', path: '/databases/:db/sessions', handle: (req, p) => this.#login(req, db(p)) },
      {
        method: 'DELETE',
        path: '/databases/:db/sessions/:token',
        handle: (_req, p) => this.#logout(db(p), p.token as string),
      },
      {
        method: 'GET',
        path: '/databases/:db/layouts',
        handle: (req, p) => this.#authorized(req, db(p), (hosted) => fmOk({ layouts: hosted.layoutNames() })),
      },
      {
        method: 'GET',
        path: '/databases/:db/layouts/:layout',
        handle: (req, p) => this.#authorized(req, db(p), (hosted) => outcome(hosted.metadata(layout(p)))),
      },
      {
        method: 'GET',
        path: '/databases/:db/scripts',
        handle: (req, p) =>
          this.#authorized(req, db(p), (hosted) =>
            fmOk({ scripts: hosted.scriptNames().map((name) => ({ name, isFolder: false })) }),
          ),
      },
      {
        method: 'GET',
        path: '/databases/:db/layouts/:layout/script/:script',
        handle: (req, p) =>
          this.#authorized(req, db(p), (hosted) =>
            this.#runScript(req, hosted, layout(p), p.script as string),
          ),
      },
      {
        method: 'POST',
        path: '/databases/:db/layouts/:layout/_find',
        handle: (req, p) => this.#find(req, db(p), layout(p)),
      },
      {
        method: 'GET',
        path: '/databases/:db/layouts/:layout/records',
        handle: (req, p) => this.#authorized(req, db(p), (hosted) => this.#range(req, hosted, layout(p))),
      },
      {
        method: 'POST',
        path: '/databases/:db/layouts/:layout/records',
        handle: (req, p) =>
          this.#withBody(req, db(p), (hosted, body) => this.#create(hosted, layout(p), body)),
      },
      {
        method: 'GET',
        path: '/databases/:db/layouts/:layout/records/:id',
        handle: (req, p) => this.#authorized(req, db(p), (hosted) => outcome(hosted.get(layout(p), id(p)))),
      },
      {
        method: 'PATCH',
        path: '/databases/:db/layouts/:layout/records/:id',
        handle: (req, p) =>
          this.#withBody(req, db(p), (hosted, body) => this.#edit(hosted, layout(p), id(p), body)),
      },
      {
        method: 'DELETE',
        path: '/databases/:db/layouts/:layout/records/:id',
        handle: (req, p) =>
          this.#authorized(req, db(p), (hosted) => outcome(hosted.delete(layout(p), id(p)))),
      },
    ],
    { notFound: () => fmResponse(404, FM.urlFormat), methodNotAllowed: () => methodNotAllowed() },
  );

  #productInfo(): MockResponse {
    const { name, version, buildDate } = this.#config.productInfo;
    const productInfo: Record<string, string> = { name };
    if (this.#config.options().productInfoVersion) Object.assign(productInfo, { buildDate, version });
    Object.assign(productInfo, {
      dateFormat: 'MM/dd/yyyy',
      timeFormat: 'HH:mm:ss',
      timeStampFormat: 'MM/dd/yyyy HH:mm:ss',
    });
    return fmOk({ productInfo });
  }

  async #databaseList(req: MockRequest): Promise<MockResponse> {
    if (this.#config.options().filterDatabases) {
      const decision = await (this.#config.authorizeDatabaseList?.(req) ?? this.#anyDatabaseLogin(req));
      if (!decision.ok) return decision.response;
    }
    return fmOk({ databases: [...this.#databases.values()].map((db) => ({ name: db.name })) });
  }

  /** "Filter Databases": credentials valid for at least one hosted file. */
  async #anyDatabaseLogin(req: MockRequest): Promise<LoginDecision> {
    let last: LoginDecision | undefined;
    for (const db of this.#databases.values()) {
      last = await this.#config.login(req, db);
      if (last.ok) return last;
    }
    return last ?? { ok: false, response: fmResponse(401, FM.invalidAccount) };
  }

  #validateSession(req: MockRequest): MockResponse {
    const token = bearerToken(req);
    if (token === undefined) return fmResponse(401, FM.callWithoutAuthorization);
    const lookup = this.sessions.use(token, undefined);
    if (!lookup.ok) return this.#rejected(lookup.reason);
    return fmOk(this.#config.options().validateSessionInUse ? { isSessionInUse: false } : {});
  }

  async #login(req: MockRequest, databaseName: string): Promise<MockResponse> {
    const options = this.#config.options();
    const type = mediaType(req);
    if (type !== 'application/json') return this.#failedLogin(fmResponse(415, FM.parameterInvalid));
    if (
      options.strictContentType &&
      req.headers['content-type']?.trim().toLowerCase() !== 'application/json'
    ) {
      return this.#failedLogin(fmResponse(400, FM.parameterInvalid));
    }
    const body = readJsonBody(req);
    if (body instanceof SyntaxError || !isValidLoginBody(body))
      return this.#failedLogin(fmResponse(400, FM.parameterInvalid));
    const db = this.database(databaseName);
    if (!db) return this.#failedLogin(fmError(FM.fileMissing));
    const decision = await this.#config.login(req, db);
    if (!decision.ok) return this.#failedLogin(decision.response);
    const limitCode = options.sessionLimitCode === '812' ? FM.hostCapacity : FM.maxSessions;
    const session = this.sessions.open(
      databaseName,
      decision.account,
      options.maxSessions,
      decision.expiresAt,
    );
    if (!session) return this.#failedLogin(fmError(limitCode));
    this.#counters.successfulLogins++;
    return fmOk({ token: session.token }, { 'x-fm-data-access-token': session.token });
  }

  #failedLogin(response: MockResponse): MockResponse {
    this.#counters.failedLogins++;
    return response;
  }

  #logout(databaseName: string, token: string): MockResponse {
    if (!this.sessions.close(token, databaseName)) return this.#rejected('unknown');
    this.#counters.logouts++;
    return fmOk();
  }

  #authorized(
    req: MockRequest,
    databaseName: string,
    action: (db: HostedDatabase) => MockResponse,
  ): MockResponse {
    const token = bearerToken(req);
    if (token === undefined) return this.#rejected('missing');
    const lookup = this.sessions.use(token, databaseName);
    if (!lookup.ok) return this.#rejected(lookup.reason);
    const db = this.database(databaseName);
    if (!db) return fmError(FM.fileMissing);
    return action(db);
  }

  #withBody(
    req: MockRequest,
    databaseName: string,
    action: (db: HostedDatabase, body: Record<string, unknown>) => MockResponse,
  ): MockResponse {
    return this.#authorized(req, databaseName, (db) => {
      if (mediaType(req) !== 'application/json') return fmResponse(415, FM.parameterInvalid);
      const body = readJsonBody(req);
      if (body instanceof SyntaxError || typeof body !== 'object' || body === null || Array.isArray(body)) {
        return fmResponse(400, FM.parameterInvalid);
      }
      return action(db, body as Record<string, unknown>);
    });
  }

  #range(req: MockRequest, db: HostedDatabase, layout: string): MockResponse {
    const paging = readPaging(req.query.get('_offset'), req.query.get('_limit'), req.query.get('_sort'));
    if (!paging) return fmError(FM.parameterInvalid);
    return outcome(db.range(layout, paging.offset, paging.limit, paging.sort));
  }

  #find(req: MockRequest, databaseName: string, layout: string): MockResponse {
    return this.#withBody(req, databaseName, (db, body) => {
      const query = body.query;
      if (!Array.isArray(query) || query.length === 0 || !query.every(isPlainObject))
        return fmError(FM.parameterInvalid);
      const paging = readPaging(body.offset, body.limit, body.sort);
      if (!paging) return fmError(FM.parameterInvalid);
      return outcome(db.find(layout, query, paging.offset, paging.limit, paging.sort));
    });
  }

  /** `GET …/layouts/{layout}/script/{name}?script.param=…`: the script's result and last error. */
  #runScript(req: MockRequest, db: HostedDatabase, layout: string, script: string): MockResponse {
    if (!db.hasLayout(layout)) return fmError(FM.layoutMissing);
    const run = db.runScript(script, req.query.get('script.param') ?? undefined);
    if (!run.ok) {
      if (this.#config.options().missingScriptAnswer === 'error') return fmError(run.error);
      return fmOk({ scriptError: run.error[0] });
    }
    const { result, errorCode } = run.value;
    return fmOk({
      ...(result === undefined ? {} : { scriptResult: result }),
      scriptError: String(errorCode),
    });
  }

  #create(db: HostedDatabase, layout: string, body: Record<string, unknown>): MockResponse {
    if (!isPlainObject(body.fieldData)) return fmError(FM.parameterInvalid);
    return outcome(db.create(layout, body.fieldData));
  }

  #edit(db: HostedDatabase, layout: string, recordId: string, body: Record<string, unknown>): MockResponse {
    if (!isPlainObject(body.fieldData)) return fmError(FM.parameterInvalid);
    const modId = body.modId === undefined ? undefined : String(body.modId);
    return outcome(db.edit(layout, recordId, body.fieldData, modId));
  }

  #rejected(reason: TokenRejection): MockResponse {
    const custom = this.#config.rejectedTokenResponse?.(reason);
    if (custom) return custom;
    return reason === 'missing'
      ? fmResponse(401, FM.callWithoutAuthorization)
      : fmResponse(401, FM.invalidToken);
  }

  #loadDatabases(): void {
    this.#databases = new Map(
      this.#config.fixture.databases
        .filter((db) => db.hostedOn.includes(this.#config.flavor))
        .map((db) => [db.name.toLowerCase(), new HostedDatabase(db)]),
    );
  }
}

function zeroCounters(): Counters {
  return { successfulLogins: 0, failedLogins: 0, logouts: 0, requests: 0 };
}

/** [guess] The Data API's answer to a wrong HTTP method is not recorded; 405 with 1630 is our reading. */
function methodNotAllowed(): MockResponse {
  return fmResponse(405, FM.urlFormat);
}

function notFoundPage(): MockResponse {
  return htmlResponse(
    404,
    '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>',
  );
}

const db = (params: RouteParams) => params.db as string;
const layout = (params: RouteParams) => params.layout as string;
const id = (params: RouteParams) => params.id as string;

function outcome(result: Outcome<unknown>): MockResponse {
  return result.ok ? fmOk(result.value) : fmError(result.error);
}

function bearerToken(req: MockRequest): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The login body: `{}` or `{ fmDataSource: [...] }` with well-formed entries. */
function isValidLoginBody(body: unknown): boolean {
  if (body === undefined) return true;
  if (!isPlainObject(body)) return false;
  for (const key of Object.keys(body)) if (key !== 'fmDataSource') return false;
  if (body.fmDataSource === undefined) return true;
  if (!Array.isArray(body.fmDataSource)) return false;
  return body.fmDataSource.every(
    (entry) =>
      isPlainObject(entry) &&
      typeof entry.database === 'string' &&
      ((typeof entry.username === 'string' && typeof entry.password === 'string') ||
        (typeof entry.oAuthRequestId === 'string' && typeof entry.oAuthIdentifier === 'string')),
  );
}

/** Offset (1-based), limit (default 100) and sort from query parameters or a find body. */
function readPaging(
  offset: unknown,
  limit: unknown,
  sort: unknown,
): { offset: number; limit: number; sort: SortSpec[] | undefined } | undefined {
  const toInt = (value: unknown, fallback: number) => {
    if (value === undefined || value === null) return fallback;
    const number = Number(value);
    return Number.isInteger(number) && number >= 1 ? number : undefined;
  };
  const start = toInt(offset, 1);
  const count = toInt(limit, 100);
  if (start === undefined || count === undefined) return undefined;
  let specs: unknown = sort;
  if (typeof sort === 'string') {
    try {
      specs = JSON.parse(sort);
    } catch {
      return undefined;
    }
  }
  if (specs === undefined || specs === null) return { offset: start, limit: count, sort: undefined };
  if (!Array.isArray(specs) || !specs.every((s) => isPlainObject(s) && typeof s.fieldName === 'string'))
    return undefined;
  return { offset: start, limit: count, sort: specs as SortSpec[] };
}
