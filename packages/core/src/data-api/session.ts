import type { Dispatcher } from 'undici';
import { parseServerAddress, type ServerAddress } from '../base-url.js';
import {
  FileMakerError,
  NetworkError,
  SessionClosedError,
  UnexpectedResponseError,
} from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { resolveTransport } from '../http/create-dispatcher.js';
import { type HttpRequest, type HttpResponse, send } from '../http/send.js';
import type { ResolvedLimits, ResolvedTimeouts } from '../http/transport-options.js';
import {
  assertNonEmptyString,
  assertOptionalPositiveNumber,
  InvalidArgumentError,
} from '../invalid-argument.js';
import { LoginLifecycle } from '../login/login-lifecycle.js';
import { SecretScrubber } from '../secret-scrubber.js';
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
import { type DataApiSessionOptions, DEFAULT_IDLE_TIMEOUT_MS, type SessionEvent } from './session-options.js';
import { dataApiSharing } from './session-sharing.js';
import { type SessionToken, sessionToken, sessionTokenCodec } from './session-token.js';

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
  readonly #address: ServerAddress;
  readonly #paths: DataApiPaths;
  readonly #version: DataApiVersion;
  readonly #strategy: AuthStrategy;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeouts: ResolvedTimeouts;
  readonly #limits: ResolvedLimits;
  readonly #fmDataSource: readonly FmDataSourceCredential[];
  readonly #onEvent: ((event: SessionEvent) => void) | undefined;
  readonly #lifecycle: LoginLifecycle<SessionToken>;
  /** Every secret this session sent, to keep server echoes of them out of errors and events. */
  readonly #scrubber = new SecretScrubber();
  #closing: Promise<void> | undefined;

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
    this.#address = parseServerAddress(options.baseUrl, 'baseUrl', options.allowInsecureHttp === true);
    this.baseUrl = this.#address.url;
    this.database = options.database;
    this.#version = version;
    this.#paths = new DataApiPaths(this.#address.prefix, version, options.database);
    this.#strategy = options.strategy;
    this.#fmDataSource = (options.fmDataSource ?? []).map(toFmDataSourceCredential);
    this.#scrubber.addCredentials({ fmDataSource: this.#fmDataSource });
    this.#onEvent = options.onEvent;
    const transport = resolveTransport(options);
    this.#dispatcher = transport.dispatcher;
    this.#ownsDispatcher = transport.owned;
    this.#timeouts = transport.timeouts;
    this.#limits = transport.limits;
    this.#lifecycle = new LoginLifecycle<SessionToken>({
      strategy: this.#strategy,
      api: 'data-api',
      context: { baseUrl: this.#address.url, database: this.database, dispatcher: this.#dispatcher },
      exchange: (credentials, signal) => this.#exchange(credentials, signal),
      revoke: (token) => this.#revoke(token),
      codec: sessionTokenCodec,
      sharing: dataApiSharing(options, this.#address, this.#fmDataSource, this.#timeouts),
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      loginTimeoutMs: this.#timeouts.loginMs,
      clock: options.clock ?? Date.now,
      emit: (event) => this.#emit(event),
      closedError: () => this.#closedError(),
    });
  }

  /** The strategy this session logs in with. */
  get strategy(): AuthStrategy {
    return this.#strategy;
  }

  /** True while the session holds a token it believes is valid (no request is made to check). */
  get isLoggedIn(): boolean {
    return this.#lifecycle.fresh !== undefined;
  }

  /** True when the session token is shared with other sessions or processes through `tokenStore`. */
  get sharesToken(): boolean {
    return this.#lifecycle.shared;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /**
   * Makes sure the session is logged in, logging in if needed. Calls do this on their own; use it to
   * fail fast at start-up on bad credentials.
   */
  async login(): Promise<void> {
    await this.#token();
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
    const ready = this.#token();
    let res: HttpResponse;
    let envelope: DataApiEnvelope<T> | undefined;
    let token: SessionToken;
    try {
      // A live token is returned as it is; awaiting only a login in flight saves a tick on every call.
      token = ready instanceof Promise ? await this.#afterLogin(ready) : ready;
      res = await this.#send(http, token);
      envelope = parseEnvelope<T>(res);
      if (isSessionRejection(res, envelope)) {
        const fmCode = this.#scrub(token).scrub(firstCode(envelope));
        this.#emit({ type: 'session-rejected', status: res.status, fmCode });
        const renewed = this.#lifecycle.rejected(token);
        token = renewed instanceof Promise ? await this.#afterLogin(renewed) : renewed;
        res = await this.#send(http, token);
        envelope = parseEnvelope<T>(res);
      }
    } catch (error) {
      throw this.#closedInstead(error);
    }
    if (res.status >= 200 && res.status < 300 && envelope && firstCode(envelope) === '0') return envelope;
    throw errorFromResponse(res, envelope, {
      endpoint: http.endpoint,
      phase: 'call',
      database: this.database,
      strategy: this.#strategy,
      scrubber: this.#scrub(token),
    });
  }

  /** `GET …/productInfo`: server name, version and date formats. Needs no login. */
  async productInfo(): Promise<ProductInfo> {
    if (this.#closing) throw this.#closedError();
    try {
      return await fetchProductInfo(this.#serverContext());
    } catch (error) {
      throw this.#closedInstead(error);
    }
  }

  /** `GET …/databases`: names of the hosted files, with the strategy's credentials if the server asks. */
  async databaseNames(): Promise<string[]> {
    if (this.#closing) throw this.#closedError();
    try {
      return await fetchDatabaseNames(this.#serverContext(), this.#strategy);
    } catch (error) {
      throw this.#closedInstead(error);
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
          strategyId: this.#strategy.id,
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
    if (this.#closing) throw this.#closedError();
    const current = this.#lifecycle.held;
    if (!current) return false;
    const path = this.#paths.inRoot('validateSession');
    let res: HttpResponse;
    try {
      res = await send(this.#dispatcher, {
        ...this.#control('GET', path, `GET ${path}`),
        headers: { authorization: current.bearer.reveal() },
      });
    } catch (error) {
      throw this.#closedInstead(error);
    }
    const envelope = parseEnvelope(res);
    if (res.status === 200 && firstCode(envelope) === '0') {
      this.#lifecycle.used(current);
      return true;
    }
    if (isSessionRejection(res, envelope)) {
      this.#lifecycle.forget(current);
      return false;
    }
    throw errorFromResponse(res, envelope, {
      endpoint: `GET ${path}`,
      phase: 'call',
      strategy: this.#strategy,
      scrubber: this.#scrub(current),
    });
  }

  /**
   * Logs out (`DELETE …/sessions/{token}`) and throws if that fails. The session stays usable: the next
   * call logs in again. With a shared `tokenStore` this ends the Data API session **for every process**
   * sharing it (the stored token is removed too); use it when you mean that, e.g. on shutdown of the
   * whole fleet or after rotating the account's password. Use {@link close} to end this session object.
   */
  async logout(): Promise<void> {
    if (this.#closing) throw this.#closedError();
    await this.#lifecycle.logout();
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
    this.#closing ??= this.#shutdown(options.logout === true);
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #shutdown(logoutShared: boolean): Promise<void> {
    try {
      if (logoutShared) await this.#lifecycle.logout();
      await this.#lifecycle.release();
    } catch (error) {
      this.#emit({ type: 'logout-failed', error: error as Error });
    }
    if (this.#ownsDispatcher) await this.#dispatcher.close().catch(() => undefined);
  }

  /** A token that is good to use now: the current one, a login in flight, or a new login. */
  #token(): Promise<SessionToken> | SessionToken {
    if (this.#closing) throw this.#closedError();
    return this.#lifecycle.current();
  }

  /** `DELETE …/sessions/{token}`. 952 counts as done: the server already ended it. */
  async #revoke(token: SessionToken): Promise<void> {
    const endpoint = `DELETE ${this.#paths.sessionRedacted()}`;
    const res = await send(this.#dispatcher, {
      ...this.#control('DELETE', this.#paths.session(token.token.reveal()), endpoint),
      timeoutMs: this.#timeouts.logoutMs,
      phase: 'logout',
    });
    const envelope = parseEnvelope(res);
    if ((res.status === 200 && firstCode(envelope) === '0') || isSessionRejection(res, envelope)) {
      this.#emit({ type: 'logout' });
      return;
    }
    throw errorFromResponse(res, envelope, {
      endpoint,
      phase: 'logout',
      database: this.database,
      scrubber: this.#scrub(token),
    });
  }

  /** One login request. Resolves the token, or the typed rejection (so the lifecycle can retry once). */
  async #exchange(credentials: LoginCredentials, signal: AbortSignal): Promise<SessionToken | FmAuthError> {
    const path = this.#paths.sessions();
    const endpoint = `POST ${path}`;
    this.#scrubber.addCredentials(credentials);
    const res = await send(this.#dispatcher, {
      ...this.#control('POST', path, endpoint),
      headers: loginHeaders(credentials),
      body: JSON.stringify(loginBody(credentials, this.#fmDataSource)),
      timeoutMs: this.#timeouts.loginMs,
      phase: 'login',
      signal,
    });
    const envelope = parseEnvelope<{ token?: unknown }>(res);
    if (res.status !== 200 || firstCode(envelope) !== '0') {
      return errorFromResponse(res, envelope, {
        endpoint,
        phase: 'login',
        database: this.database,
        strategy: this.#strategy,
        scrubber: this.#scrubber,
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
        { status: res.status, endpoint, strategyId: this.#strategy.id },
      );
    }
    return sessionToken(token, credentials.validUntil ?? Number.POSITIVE_INFINITY);
  }

  /** Everything about a call that does not depend on the token, computed once even when it is replayed. */
  #describe(req: DataApiRequest): HttpRequest {
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    let path = this.#paths.inDatabase(req.path);
    if (req.query) path += toQueryString(req.query);
    const http: Mutable<HttpRequest> = this.#base(method, path, `${method} ${path}`);
    if (req.signal) http.signal = req.signal;
    if (req.body !== undefined) {
      http.body = JSON.stringify(req.body);
      http.headers['content-type'] = 'application/json';
    }
    return http;
  }

  #send(http: HttpRequest, token: SessionToken): Promise<HttpResponse> {
    this.#lifecycle.used(token);
    // The described request's headers object is ours: filling it in place saves a copy per call.
    http.headers.authorization = token.bearer.reveal();
    return send(this.#dispatcher, http);
  }

  #base(method: HttpRequest['method'], path: string, endpoint: string): HttpRequest {
    return {
      origin: this.#address.origin,
      path,
      method,
      headers: {},
      timeoutMs: this.#timeouts.requestMs,
      connectTimeoutMs: this.#timeouts.connectMs,
      phase: 'request',
      endpoint,
      maxBytes: this.#limits.callBytes,
      maxBytesOption: 'limits.callBytes',
    };
  }

  /** A request of the session's own (login, logout, validateSession), whose answers are small. */
  #control(method: HttpRequest['method'], path: string, endpoint: string): HttpRequest {
    return {
      ...this.#base(method, path, endpoint),
      maxBytes: this.#limits.controlBytes,
      maxBytesOption: 'limits.controlBytes',
    };
  }

  #serverContext(): ServerContext {
    return {
      address: this.#address,
      version: this.#version,
      dispatcher: this.#dispatcher,
      timeouts: this.#timeouts,
      limits: this.#limits,
      scrubber: this.#scrubber,
    };
  }

  /**
   * The scrubber, taught `token` first. Only error paths call this: the hot path never pays for it. A
   * token can come from a shared store without a login here, so it is learnt when it is about to matter.
   */
  #scrub(token: SessionToken): SecretScrubber {
    return this.#scrubber.add(token.token);
  }

  /** Waits for a login in flight; a session closed meanwhile sends nothing more. */
  async #afterLogin(login: Promise<SessionToken>): Promise<SessionToken> {
    const token = await login;
    if (this.#closing) throw this.#closedError();
    return token;
  }

  /**
   * A call that was under way when `close()` began fails with {@link SessionClosedError}, not with the
   * transport error of the dispatcher being closed under it. Only on the error path.
   */
  #closedInstead(error: unknown): unknown {
    if (this.#closing && error instanceof NetworkError) return this.#closedError();
    return error;
  }

  #closedError(): SessionClosedError {
    return new SessionClosedError(
      `The Data API session for database "${this.database}" was closed. Create a new session to continue.`,
      { strategyId: this.#strategy.id },
    );
  }

  #emit(event: SessionEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(event);
    } catch {
      // An observer's bug must not break logins.
    }
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
