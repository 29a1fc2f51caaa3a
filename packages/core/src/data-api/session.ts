import { parseServerAddress } from '../base-url.js';
import type { SessionClosedError } from '../errors/error-classes.js';
import { FileMakerError, UnexpectedResponseError } from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { type HttpRequest, type HttpResponse, send } from '../http/send.js';
import {
  assertNonEmptyString,
  assertOptionalPositiveNumber,
  InvalidArgumentError,
} from '../invalid-argument.js';
import { TokenSession } from '../login/token-session.js';
import type { AuthStrategy, FmDataSourceCredential, LoginCredentials } from '../strategy.js';
import { type DataApiEnvelope, firstCode, headerValue, parseEnvelope } from './envelope.js';
import { errorFromResponse } from './error-from-response.js';
import { loginBody, loginHeaders, toFmDataSourceCredential } from './login-request.js';
import {
  createRecordRequest,
  type DataApiRequest,
  deleteRecordRequest,
  editRecordRequest,
  type FieldData,
  type FindQuery,
  type FmRecord,
  findRequest,
  getRecordRequest,
  getRecordsRequest,
  type LayoutInfo,
  type LayoutMetadata,
  type RangeOptions,
  type RecordsResponse,
} from './operations.js';
import { DATA_API_VERSIONS, DataApiPaths, type DataApiVersion, segment } from './paths.js';
import { fetchDatabaseNames, fetchProductInfo, type ProductInfo, type ServerContext } from './server-info.js';
import { type DataApiSessionOptions, DEFAULT_IDLE_TIMEOUT_MS } from './session-options.js';
import { dataApiSharing } from './session-sharing.js';
import { type SessionToken, sessionToken } from './session-token.js';

/** Marks a response that says "this session token is no longer valid": 952, or any 401 on a call. */
function isSessionRejection(res: HttpResponse, envelope: DataApiEnvelope | undefined): boolean {
  return res.status === 401 || firstCode(envelope) === '952';
}

/**
 * A FileMaker Data API session for one database, logged in through an {@link AuthStrategy}.
 *
 * - **Lazy**: nothing goes on the wire until the first call.
 * - **Single-flight**: any number of concurrent callers on a cold or expired session share one login.
 * - **Self-healing**: a 952 (or a 401 on a call) leads to one fresh login and one replay of the call;
 *   an idle session (14 minutes by default) is renewed before use instead of failing first.
 * - **Closable**: `close()` (or `await using`) logs out; a session that never logged in sends nothing.
 *
 * Create it with {@link createDataApiSession}.
 */
export class DataApiSession implements AsyncDisposable {
  readonly database: string;
  readonly baseUrl: URL;
  readonly #paths: DataApiPaths;
  readonly #version: DataApiVersion;
  readonly #fmDataSource: readonly FmDataSourceCredential[];
  /** Transport, login lifecycle, events, scrubber and closing, as every token-based session has them. */
  readonly #session: TokenSession;

  constructor(options: DataApiSessionOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('createDataApiSession needs an options object', 'ERR_INVALID_ARG_TYPE');
    }
    assertNonEmptyString(options.database, 'database');
    assertStrategy(options.strategy);
    assertOptionalPositiveNumber(options.idleTimeoutMs, 'idleTimeoutMs');
    const version = options.version ?? 'vLatest';
    if (!DATA_API_VERSIONS.includes(version)) {
      throw new InvalidArgumentError(`"version" must be one of ${DATA_API_VERSIONS.join(', ')}`);
    }
    const address = parseServerAddress(options.baseUrl, 'baseUrl', options.allowInsecureHttp === true);
    this.baseUrl = address.url;
    this.database = options.database;
    this.#version = version;
    this.#paths = new DataApiPaths(address.prefix, version, options.database);
    const fmDataSource = (options.fmDataSource ?? []).map(toFmDataSourceCredential);
    this.#fmDataSource = fmDataSource;
    this.#session = new TokenSession({
      options,
      address,
      api: 'data-api',
      database: options.database,
      defaultIdleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
      exchange: (credentials, signal) => this.#exchange(credentials, signal),
      revoke: (token) => this.#revoke(token),
      sharing: (address, timeouts) => dataApiSharing(options, address, fmDataSource, timeouts),
      isTokenRefusal: isSessionRejection,
      closedMessage: `The Data API session for database "${options.database}" was closed. Create a new session to continue.`,
    });
    this.#session.scrubber.addCredentials({ fmDataSource });
  }

  /** The strategy this session logs in with. */
  get strategy(): AuthStrategy {
    return this.#session.strategy;
  }

  /** True while the session holds a token it believes is valid (no request is made to check). */
  get isLoggedIn(): boolean {
    return this.#session.lifecycle.fresh !== undefined;
  }

  /** True when the session token is shared with other sessions or processes through `tokenStore`. */
  get sharesToken(): boolean {
    return this.#session.lifecycle.shared;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#session.closed;
  }

  /**
   * Makes sure the session is logged in, logging in if needed. Calls do this on their own; use it to
   * fail fast at start-up on bad credentials.
   */
  async login(): Promise<void> {
    await this.#session.token();
  }

  /**
   * Sends one authenticated call and returns the envelope's `response`. Logs in when needed, and on a
   * rejected token logs in once more and replays the call once.
   */
  async request<T = unknown>(req: DataApiRequest): Promise<T> {
    const envelope = await this.requestEnvelope<T>(req);
    return envelope.response;
  }

  /** Like {@link request}, but returns the whole `{ response, messages }` envelope. */
  async requestEnvelope<T = unknown>(req: DataApiRequest): Promise<DataApiEnvelope<T>> {
    const http = this.#describe(req);
    const { res, envelope, token } = await this.#session.call<T>(http);
    if (res.status >= 200 && res.status < 300 && envelope && firstCode(envelope) === '0') return envelope;
    throw errorFromResponse(res, envelope, {
      endpoint: http.endpoint,
      phase: 'call',
      database: this.database,
      strategy: this.#session.strategy,
      scrubber: this.#session.scrub(token),
    });
  }

  /** `GET …/productInfo`: server name, version and date formats. Needs no login. */
  async productInfo(): Promise<ProductInfo> {
    if (this.#session.closed) throw this.#session.closedError();
    try {
      return await fetchProductInfo(this.#serverContext());
    } catch (error) {
      throw this.#session.closedInstead(error);
    }
  }

  /** `GET …/databases`: names of the hosted files, with the strategy's credentials if the server asks. */
  async databaseNames(): Promise<string[]> {
    if (this.#session.closed) throw this.#session.closedError();
    try {
      return await fetchDatabaseNames(this.#serverContext(), this.#session.strategy);
    } catch (error) {
      throw this.#session.closedInstead(error);
    }
  }

  /** `GET layouts` — the layouts (and folders) of the database. */
  async layouts(): Promise<LayoutInfo[]> {
    return (await this.request<{ layouts: LayoutInfo[] }>({ path: 'layouts' })).layouts;
  }

  /** `GET layouts/{layout}` — field and portal metadata of one layout. */
  layoutMetadata(layout: string): Promise<LayoutMetadata> {
    return this.request<LayoutMetadata>({ path: `layouts/${segment(layout)}` });
  }

  /** A range of records (`GET layouts/{layout}/records`). */
  getRecords<F extends FieldData = FieldData>(
    layout: string,
    options?: RangeOptions,
  ): Promise<RecordsResponse<F>> {
    return this.request<RecordsResponse<F>>(getRecordsRequest(layout, options));
  }

  /** One record by its record id. */
  async getRecord<F extends FieldData = FieldData>(
    layout: string,
    recordId: string | number,
  ): Promise<FmRecord<F>> {
    const { data } = await this.request<RecordsResponse<F>>(getRecordRequest(layout, recordId));
    const record = data[0];
    if (!record) {
      throw new UnexpectedResponseError(
        `GET record ${String(recordId)} on layout "${layout}" returned no record.`,
        {
          strategyId: this.#session.strategy.id,
        },
      );
    }
    return record;
  }

  /**
   * A find (`POST layouts/{layout}/_find`). FileMaker reports "no records match" as error 401; that
   * surfaces as a {@link FileMakerError} with `fmCode` `"401"` unless `emptyOnNoMatch` is set.
   */
  async find<F extends FieldData = FieldData>(
    layout: string,
    query: FindQuery,
    options: RangeOptions & { readonly emptyOnNoMatch?: boolean } = {},
  ): Promise<RecordsResponse<F>> {
    try {
      return await this.request<RecordsResponse<F>>(findRequest(layout, query, options));
    } catch (error) {
      if (options.emptyOnNoMatch && error instanceof FileMakerError && error.fmCode === '401') {
        return {
          data: [],
          dataInfo: {
            database: this.database,
            layout,
            table: '',
            totalRecordCount: 0,
            foundCount: 0,
            returnedCount: 0,
          },
        };
      }
      throw error;
    }
  }

  /** Creates a record; resolves its `recordId` and `modId`. */
  createRecord(layout: string, fieldData: FieldData): Promise<{ recordId: string; modId: string }> {
    return this.request(createRecordRequest(layout, fieldData));
  }

  /** Edits a record's fields; resolves the new `modId`. */
  editRecord(layout: string, recordId: string | number, fieldData: FieldData): Promise<{ modId: string }> {
    return this.request(editRecordRequest(layout, recordId, fieldData));
  }

  /** Deletes a record. */
  async deleteRecord(layout: string, recordId: string | number): Promise<void> {
    await this.request(deleteRecordRequest(layout, recordId));
  }

  /**
   * Asks the server whether the current token is still valid (`GET …/validateSession`). Never logs in:
   * resolves `false` without a request when there is no token.
   */
  async validateSession(): Promise<boolean> {
    if (this.#session.closed) throw this.#session.closedError();
    const current = this.#session.lifecycle.held;
    if (!current) return false;
    const path = this.#paths.inRoot('validateSession');
    let res: HttpResponse;
    try {
      res = await send(this.#session.dispatcher, {
        ...this.#session.controlRequest('GET', path, `GET ${path}`),
        headers: { authorization: current.bearer.reveal() },
      });
    } catch (error) {
      throw this.#session.closedInstead(error);
    }
    const envelope = parseEnvelope(res);
    if (res.status === 200 && firstCode(envelope) === '0') {
      this.#session.lifecycle.used(current);
      return true;
    }
    if (isSessionRejection(res, envelope)) {
      this.#session.lifecycle.forget(current);
      return false;
    }
    throw errorFromResponse(res, envelope, {
      endpoint: `GET ${path}`,
      phase: 'call',
      strategy: this.#session.strategy,
      scrubber: this.#session.scrub(current),
    });
  }

  /**
   * Logs out (`DELETE …/sessions/{token}`) and throws if that fails. The session stays usable: the next
   * call logs in again. With a shared `tokenStore` this ends the Data API session **for every process**
   * sharing it (the stored token is removed too); use it when you mean that, e.g. on shutdown of the
   * whole fleet or after rotating the account's password. Use {@link close} to end this session object.
   */
  logout(): Promise<void> {
    return this.#session.logout();
  }

  /**
   * Ends the session object: logs out if logged in (best effort, with the logout timeout), then closes
   * the HTTP connections the session opened. Never throws; a failed logout is reported through
   * `onEvent`. Later calls throw {@link SessionClosedError}. Idempotent.
   *
   * With a shared `tokenStore`, other processes may be using the same Data API session, so `close()`
   * does not log out: the server ends it 15 minutes after its last use. Pass `{ logout: true }` to end
   * it for everyone anyway. The strategy is left open, since it may serve other sessions; call its
   * `close()` yourself when you are done with it.
   */
  close(options: { readonly logout?: boolean } = {}): Promise<void> {
    return this.#session.close(options);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** `DELETE …/sessions/{token}`. 952 counts as done: the server already ended it. */
  async #revoke(token: SessionToken): Promise<void> {
    const endpoint = `DELETE ${this.#paths.sessionRedacted()}`;
    const res = await send(this.#session.dispatcher, {
      ...this.#session.controlRequest('DELETE', this.#paths.session(token.token.reveal()), endpoint),
      timeoutMs: this.#session.timeouts.logoutMs,
      phase: 'logout',
    });
    const envelope = parseEnvelope(res);
    if ((res.status === 200 && firstCode(envelope) === '0') || isSessionRejection(res, envelope)) {
      this.#session.emit({ type: 'logout' });
      return;
    }
    throw errorFromResponse(res, envelope, {
      endpoint,
      phase: 'logout',
      database: this.database,
      scrubber: this.#session.scrub(token),
    });
  }

  /** One login request. Resolves the token, or the typed rejection (so the lifecycle can retry once). */
  async #exchange(credentials: LoginCredentials, signal: AbortSignal): Promise<SessionToken | FmAuthError> {
    const path = this.#paths.sessions();
    const endpoint = `POST ${path}`;
    this.#session.scrubber.addCredentials(credentials);
    const res = await send(this.#session.dispatcher, {
      ...this.#session.controlRequest('POST', path, endpoint),
      headers: loginHeaders(credentials),
      body: JSON.stringify(loginBody(credentials, this.#fmDataSource)),
      timeoutMs: this.#session.timeouts.loginMs,
      phase: 'login',
      signal,
    });
    const envelope = parseEnvelope<{ token?: unknown }>(res);
    if (res.status !== 200 || firstCode(envelope) !== '0') {
      return errorFromResponse(res, envelope, {
        endpoint,
        phase: 'login',
        database: this.database,
        strategy: this.#session.strategy,
        scrubber: this.#session.scrubber,
      });
    }
    // The token is in the X-FM-Data-Access-Token header and in response.token; servers differ in which
    // they fill, so accept either.
    const fromBody = envelope?.response.token;
    const token =
      headerValue(res, 'x-fm-data-access-token') || (typeof fromBody === 'string' ? fromBody : '');
    if (!token) {
      throw new UnexpectedResponseError(
        `${endpoint} succeeded but returned no session token (neither the X-FM-Data-Access-Token header nor response.token). A proxy may be stripping headers.`,
        { status: res.status, endpoint, strategyId: this.#session.strategy.id },
      );
    }
    return sessionToken(token, credentials.validUntil ?? Number.POSITIVE_INFINITY);
  }

  /** Everything about a call that does not depend on the token, computed once even when it is replayed. */
  #describe(req: DataApiRequest): HttpRequest {
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    let path = this.#paths.inDatabase(req.path);
    if (req.query) path += toQueryString(req.query);
    const http: Mutable<HttpRequest> = this.#session.callRequest(method, path, `${method} ${path}`);
    if (req.signal) http.signal = req.signal;
    if (req.body !== undefined) {
      http.body = JSON.stringify(req.body);
      http.headers['content-type'] = 'application/json';
    }
    return http;
  }

  #serverContext(): ServerContext {
    return {
      address: this.#session.address,
      version: this.#version,
      dispatcher: this.#session.dispatcher,
      timeouts: this.#session.timeouts,
      limits: this.#session.limits,
      scrubber: this.#session.scrubber,
    };
  }
}

/**
 * Creates a Data API session. Does no I/O: the first call logs in.
 *
 * @example
 * import { createDataApiSession } from '@fmauth/core';
 * import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
 *
 * await using session = createDataApiSession({
 *   baseUrl: 'https://fms.example.com',
 *   database: 'Contacts',
 *   strategy: fileMakerServer({ username: 'api', password: process.env.FM_PASSWORD! }),
 * });
 * const { data } = await session.getRecords('Contacts', { limit: 10 });
 */
export function createDataApiSession(options: DataApiSessionOptions): DataApiSession {
  return new DataApiSession(options);
}

function assertStrategy(strategy: unknown): asserts strategy is AuthStrategy {
  const candidate = strategy as Partial<AuthStrategy> | undefined;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.authenticate !== 'function') {
    throw new InvalidArgumentError(
      '"strategy" must be an AuthStrategy (an object with an authenticate() method), e.g. fileMakerServer({ username, password })',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  assertNonEmptyString(candidate.id, 'strategy.id');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toQueryString(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  let text = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    text += `${text ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return text;
}
