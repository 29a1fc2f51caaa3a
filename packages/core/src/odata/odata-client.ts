import { inspect } from 'node:util';
import type { Dispatcher } from 'undici';
import { assertStrategy } from '../authorization/assert-strategy.js';
import { AuthorizationSource } from '../authorization/authorization-source.js';
import type { AuthorizationToken } from '../authorization/authorization-token.js';
import { constantTimeEqual } from '../authorization/constant-time-equal.js';
import { DEFAULT_REFRESH_MARGIN_MS } from '../authorization/provider-options.js';
import { parseServerAddress, type ServerAddress } from '../base-url.js';
import {
  FileMakerError,
  InvalidCredentialsError,
  NetworkError,
  UnexpectedResponseError,
} from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { resolveTransport } from '../http/create-dispatcher.js';
import { type HttpRequest, type HttpResponse, send } from '../http/send.js';
import type { ResolvedLimits, ResolvedTimeouts } from '../http/transport-options.js';
import { assertNonEmptyString, describeType, InvalidArgumentError } from '../invalid-argument.js';
import { isSecret } from '../secret.js';
import type { AuthStrategy } from '../strategy.js';
import type { ODataClientOptions } from './odata-client-options.js';
import {
  type ODataResponseContext,
  odataErrorFromResponse,
  unusableBodyError,
} from './odata-error-from-response.js';
import { filterText, type ODataFilter } from './odata-filter.js';
import { keySegment, nameSegment, type ODataKey } from './odata-key.js';
import { type ODataQueryOptions, queryString } from './odata-query.js';
import type {
  ODataPage,
  ODataRawResponse,
  ODataRecord,
  ODataRequest,
  ODataScriptResult,
  ODataServiceEntry,
} from './odata-results.js';

const SERVICE_ROOT = '/fmi/odata/v4';
const METHODS = new Set(['GET', 'POST', 'PATCH', 'DELETE']);
/** Script names OData cannot call: `@`, `&`, `/` anywhere, or a leading digit (Claris's run-scripts page). */
const UNSUPPORTED_SCRIPT_NAME = /[@&/]|^\d/;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A FileMaker OData client for one database, authenticated through an {@link AuthStrategy}: Basic on
 * FileMaker Server and Claris Server, `FMID <Claris ID token>` on FileMaker Cloud. OData has no
 * session: credentials go on every request.
 *
 * - **Lazy and single-flight**: the first calls share one strategy call (one Claris ID sign-in).
 * - **Fresh**: FileMaker Cloud credentials are replaced before the Claris ID token expires.
 * - **Self-healing**: a 401 makes the strategy drop its cached credentials, and the call is replayed
 *   once with fresh ones (a refused write changed nothing, so it is replayed too).
 * - **Safe values**: filters are built with `odataFilter`, keys are quoted by type and encoded.
 * - **Typed errors** from OData's JSON and XML error bodies, with the strategy's advice; no secret in any.
 *
 * Create it with {@link createODataClient}.
 */
export class ODataClient implements AsyncDisposable {
  readonly database: string;
  readonly baseUrl: URL;
  readonly #address: ServerAddress;
  readonly #strategy: AuthStrategy;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeouts: ResolvedTimeouts;
  readonly #limits: ResolvedLimits;
  readonly #source: AuthorizationSource;
  /** `/prefix/fmi/odata/v4/{db}`, encoded once. */
  readonly #databasePath: string;
  #closing: Promise<void> | undefined;

  constructor(options: ODataClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('createODataClient needs an options object', 'ERR_INVALID_ARG_TYPE');
    }
    assertNonEmptyString(options.database, 'database');
    assertStrategy(options.strategy, 'createODataClient');
    const margin = options.refreshMarginMs;
    if (margin !== undefined && (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0)) {
      throw new InvalidArgumentError(
        `"refreshMarginMs" must be zero or a positive number of milliseconds, got ${String(margin)}`,
      );
    }
    this.#address = parseServerAddress(options.baseUrl, 'baseUrl', options.allowInsecureHttp === true);
    this.baseUrl = this.#address.url;
    this.database = options.database;
    this.#strategy = options.strategy;
    this.#databasePath = `${this.#address.prefix}${SERVICE_ROOT}/${encodeURIComponent(options.database)}`;
    const transport = resolveTransport(options);
    this.#dispatcher = transport.dispatcher;
    this.#ownsDispatcher = transport.owned;
    this.#timeouts = transport.timeouts;
    this.#limits = transport.limits;
    const onEvent = options.onEvent;
    this.#source = new AuthorizationSource({
      strategy: options.strategy,
      api: 'odata',
      baseUrl: this.#address.url,
      database: options.database,
      dispatcher: this.#dispatcher,
      refreshMarginMs: margin ?? DEFAULT_REFRESH_MARGIN_MS,
      loginTimeoutMs: this.#timeouts.loginMs,
      clock: options.clock ?? Date.now,
      emit: (event) => {
        try {
          onEvent?.(event);
        } catch {
          // An observer's bug must not break calls.
        }
      },
      ownerName: `The OData client for database "${options.database}"`,
    });
  }

  /** The strategy this client authenticates with. */
  get strategy(): AuthStrategy {
    return this.#strategy;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** `GET /fmi/odata/v4`: the databases this account can open with OData. */
  async databases(): Promise<ODataServiceEntry[]> {
    return this.#valueOf(
      await this.#json({ method: 'GET', path: SERVICE_ROOT, root: true }),
      'a database list',
    );
  }

  /** `GET /{db}`: the database's tables (table occurrences). */
  async tables(): Promise<ODataServiceEntry[]> {
    return this.#valueOf(await this.#json({ method: 'GET', path: '' }), 'a table list');
  }

  /**
   * `GET /{db}/$metadata`: the CSDL document, as XML text by default, or parsed JSON CSDL with
   * `{ format: 'json' }`.
   */
  metadata(options?: { readonly format?: 'xml'; readonly signal?: AbortSignal }): Promise<string>;
  metadata(options: {
    readonly format: 'json';
    readonly signal?: AbortSignal;
  }): Promise<Record<string, unknown>>;
  async metadata(
    options: { readonly format?: 'xml' | 'json'; readonly signal?: AbortSignal } = {},
  ): Promise<string | Record<string, unknown>> {
    const format = options.format ?? 'xml';
    if (format !== 'xml' && format !== 'json')
      throw new InvalidArgumentError('"format" must be "xml" or "json"');
    if (format === 'json') {
      const body = await this.#json({ method: 'GET', path: '/$metadata', signal: options.signal });
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new UnexpectedResponseError(
          `GET ${this.#databasePath}/$metadata did not answer a JSON CSDL object.`,
          {
            strategyId: this.#strategy.id,
          },
        );
      }
      return body as Record<string, unknown>;
    }
    const { res } = await this.#call({
      method: 'GET',
      path: '/$metadata',
      accept: 'application/xml',
      signal: options.signal,
    });
    return res.text;
  }

  /** `GET /{db}/{table}` with query options: one page of records. */
  async query<T extends ODataRecord = ODataRecord>(
    table: string,
    options?: ODataQueryOptions,
  ): Promise<ODataPage<T>> {
    const path = `/${nameSegment(table, 'table')}${queryString(options)}`;
    return this.#page<T>(await this.#json({ method: 'GET', path, signal: options?.signal }));
  }

  /**
   * Every page of a query, following the server's `nextLink` (only ever to this server). With `top`,
   * pages are asked for `top` records at a time (`$skip` moving on) when the server sends no link.
   */
  async *pages<T extends ODataRecord = ODataRecord>(
    table: string,
    options: ODataQueryOptions = {},
  ): AsyncGenerator<ODataPage<T>, void, undefined> {
    let page = await this.query<T>(table, options);
    let skip = options.skip ?? 0;
    for (;;) {
      yield page;
      if (page.nextLink !== undefined) {
        page = this.#page<T>(
          await this.#json({
            method: 'GET',
            path: this.#sameServerPath(page.nextLink),
            root: true,
            signal: options.signal,
          }),
        );
      } else if (options.top !== undefined && options.top > 0 && page.value.length === options.top) {
        skip += options.top;
        page = await this.query<T>(table, { ...options, skip, count: false });
      } else {
        return;
      }
    }
  }

  /** Every record of a query, page after page (see {@link pages}). */
  async *records<T extends ODataRecord = ODataRecord>(
    table: string,
    options: ODataQueryOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages<T>(table, options)) yield* page.value;
  }

  /** `GET /{db}/{table}({key})`: one record. A missing key is a `FileMakerError` with `fmCode` `-1023`. */
  async get<T extends ODataRecord = ODataRecord>(
    table: string,
    key: ODataKey,
    options: Pick<ODataQueryOptions, 'select' | 'signal'> = {},
  ): Promise<T> {
    const path = `/${nameSegment(table, 'table')}${keySegment(key)}${queryString({ select: options.select })}`;
    return this.#record<T>(await this.#json({ method: 'GET', path, signal: options.signal }));
  }

  /** `POST /{db}/{table}`: creates a record and resolves it as stored (key and defaults included). */
  async create<T extends ODataRecord = ODataRecord>(
    table: string,
    fields: Record<string, unknown>,
  ): Promise<T> {
    const path = `/${nameSegment(table, 'table')}`;
    return this.#record<T>(await this.#json({ method: 'POST', path, body: fieldsBody(fields) }));
  }

  /**
   * `PATCH /{db}/{table}({key})`: changes fields of one record. Resolves the record when the server
   * returns it, else `undefined` (204).
   */
  async update<T extends ODataRecord = ODataRecord>(
    table: string,
    key: ODataKey,
    fields: Record<string, unknown>,
  ): Promise<T | undefined> {
    const path = `/${nameSegment(table, 'table')}${keySegment(key)}`;
    const body = await this.#json({ method: 'PATCH', path, body: fieldsBody(fields) });
    return body === undefined ? undefined : this.#record<T>(body);
  }

  /** `DELETE /{db}/{table}({key})`: deletes one record. */
  async delete(table: string, key: ODataKey): Promise<void> {
    await this.#call({ method: 'DELETE', path: `/${nameSegment(table, 'table')}${keySegment(key)}` });
  }

  /**
   * `GET /{db}/{table}/$count`: how many records match `filter` (all of them without one). Sent accepting
   * any media type; when the server refuses that call (400 or 406, as some FileMaker Server 22 hosts do),
   * the count is read from `$count=true` on an empty page instead: one more request, same number.
   */
  async count(table: string, filter?: ODataFilter | string): Promise<number> {
    const name = nameSegment(table, 'table');
    const filterQuery = filter === undefined ? '' : `$filter=${encodeURIComponent(filterText(filter))}`;
    let answer: { res: HttpResponse; ctx: ODataResponseContext };
    try {
      answer = await this.#call({
        method: 'GET',
        path: `/${name}/$count${filterQuery === '' ? '' : `?${filterQuery}`}`,
        // `text/plain` gets 406 and `application/json` 400 on some FileMaker Server 22 hosts; `*/*` works.
        accept: '*/*',
      });
    } catch (error) {
      if (!isCountRefusal(error)) throw error;
      const page = this.#page(
        await this.#json({
          method: 'GET',
          path: `/${name}?${filterQuery}${filterQuery ? '&' : ''}$top=0&$count=true`,
        }),
      );
      if (page.count === undefined) throw error;
      return page.count;
    }
    const { res, ctx } = answer;
    const text = res.text.trim();
    const count = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(count)) throw unusableBodyError(res, ctx, 'its body is not a count');
    return count;
  }

  /**
   * `POST /{db}/Script.{name}`: runs a script on the server. The body is empty without a parameter,
   * else `{"scriptParameterValue": parameter}`. Resolves FileMaker's `code` (the script's last error,
   * `0` for none) and `resultParameter` (its Exit Script text, when there is one): a script that fails
   * inside resolves with a non-zero code rather than rejecting.
   */
  async runScript(
    name: string,
    parameter?: string | number | Record<string, unknown>,
  ): Promise<ODataScriptResult> {
    assertNonEmptyString(name, 'name');
    if (UNSUPPORTED_SCRIPT_NAME.test(name)) {
      throw new InvalidArgumentError(
        `OData cannot run a script whose name contains @, & or / or starts with a digit; rename the script or call it from one with a plain name`,
      );
    }
    if (parameter !== undefined && !['string', 'number', 'object'].includes(typeof parameter)) {
      throw new InvalidArgumentError(
        `A script parameter must be a string, number or object, got ${describeType(parameter)}`,
        'ERR_INVALID_ARG_TYPE',
      );
    }
    const path = `/Script.${encodeURIComponent(name)}`;
    const body = await this.#json({
      method: 'POST',
      path,
      ...(parameter === undefined ? {} : { body: { scriptParameterValue: parameter } }),
    });
    const result = (body as { scriptResult?: { code?: unknown; resultParameter?: unknown } } | undefined)
      ?.scriptResult;
    const code = typeof result?.code === 'string' ? Number(result.code) : result?.code;
    if (typeof code !== 'number' || !Number.isFinite(code)) {
      throw new UnexpectedResponseError(
        `POST ${this.#databasePath}${path} answered without a scriptResult code.`,
        {
          strategyId: this.#strategy.id,
        },
      );
    }
    const resultParameter = result?.resultParameter;
    return resultParameter === undefined || resultParameter === null
      ? { code }
      : { code, resultParameter: String(resultParameter) };
  }

  /**
   * Any other OData call (related records, `$crossjoin`, references, field values, …), with the same
   * credentials, replay on 401, limits and typed errors. A non-2xx answer rejects.
   */
  async request(req: ODataRequest): Promise<ODataRawResponse> {
    if (typeof req !== 'object' || req === null)
      throw new InvalidArgumentError('request() needs { path }', 'ERR_INVALID_ARG_TYPE');
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    if (!METHODS.has(method))
      throw new InvalidArgumentError(`"method" must be one of ${[...METHODS].join(', ')}`);
    if (typeof req.path !== 'string')
      throw new InvalidArgumentError('"path" must be a string', 'ERR_INVALID_ARG_TYPE');
    if (/[\s#]/.test(req.path) || (req.query !== undefined && /[\s#]/.test(req.query))) {
      throw new InvalidArgumentError('"path" and "query" must be URL-encoded (no spaces or #)');
    }
    const relative = req.path === '' || req.path.startsWith('/') ? req.path : `/${req.path}`;
    const path = `${req.root ? SERVICE_ROOT : ''}${relative}${req.query ? `?${req.query}` : ''}`;
    const { res } = await this.#call({
      method,
      path,
      root: req.root === true,
      accept: req.accept,
      body: req.body,
      signal: req.signal,
    });
    const rawType = res.headers['content-type'];
    const contentType = Array.isArray(rawType) ? rawType[0] : rawType;
    let body: unknown = res.text;
    if (contentType?.includes('json') && res.text.length > 0) {
      try {
        body = JSON.parse(res.text);
      } catch {
        // Kept as text: the caller asked for the raw answer.
      }
    }
    return { status: res.status, contentType, body };
  }

  /**
   * Ends the client: forgets the credentials and closes the connections it opened. Later calls reject
   * with `SessionClosedError`. The strategy is left open (it may serve others). Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toJSON(): Record<string, unknown> {
    return {
      type: 'ODataClient',
      baseUrl: this.baseUrl.href,
      database: this.database,
      strategy: this.#strategy.id,
    };
  }

  [inspect.custom](): string {
    return `ODataClient { baseUrl: '${this.baseUrl.href}', database: '${this.database}', strategy: '${this.#strategy.id}', closed: ${this.closed} }`;
  }

  async #shutdown(): Promise<void> {
    this.#source.close();
    if (this.#ownsDispatcher) await this.#dispatcher.close().catch(() => undefined);
  }

  /** A call whose answer is JSON: the parsed body, `undefined` for 204. */
  async #json(call: CallSpec): Promise<unknown> {
    const { res, ctx } = await this.#call(call);
    if (res.status === 204 || res.text.length === 0) return undefined;
    try {
      return JSON.parse(res.text);
    } catch {
      throw unusableBodyError(res, ctx, 'its body is not JSON');
    }
  }

  /**
   * One call: credentials (shared, fresh), send, and on 401 one replay with fresh credentials. A refused
   * write changed nothing, so it is replayed like a read; but a write is replayed only when the 401 says
   * the credentials were refused, never on a timeout or a network error (which may have done it).
   */
  async #call(call: CallSpec): Promise<{ res: HttpResponse; ctx: ODataResponseContext }> {
    if (this.#closing) throw this.#source.closedError();
    const http = this.#describe(call);
    let token: AuthorizationToken | undefined;
    let res: HttpResponse;
    try {
      token = await this.#credentials();
      res = await this.#send(http, token);
      if (res.status === 401) {
        const refusal = odataErrorFromResponse(res, this.#context(http));
        if (http.method === 'GET' || refusal instanceof InvalidCredentialsError) {
          await this.#source.reject(token, refusal as FmAuthError);
          const refused = token;
          token = await this.#credentials();
          // The same credentials again (a Basic strategy without invalidate()) would only be refused
          // again, and count one more failed login against the account.
          if (!sameCredentials(refused, token)) res = await this.#send(http, token);
        }
      }
    } catch (error) {
      throw this.#closedInstead(error);
    }
    const ctx = this.#context(http);
    if (res.status >= 200 && res.status < 300) return { res, ctx };
    throw odataErrorFromResponse(res, ctx);
  }

  async #credentials(): Promise<AuthorizationToken> {
    const ready = this.#source.current();
    const token = ready instanceof Promise ? await ready : ready;
    if (this.#closing) throw this.#source.closedError();
    return token;
  }

  #describe(call: CallSpec): HttpRequest {
    const path = call.root ? `${this.#address.prefix}${call.path}` : `${this.#databasePath}${call.path}`;
    const http: Mutable<HttpRequest> = {
      origin: this.#address.origin,
      path,
      method: call.method,
      headers: { accept: call.accept ?? 'application/json' },
      timeoutMs: this.#timeouts.requestMs,
      connectTimeoutMs: this.#timeouts.connectMs,
      phase: 'request',
      endpoint: `${call.method} ${path}`,
      maxBytes: this.#limits.callBytes,
      maxBytesOption: 'limits.callBytes',
    };
    if (call.signal) http.signal = call.signal;
    if (call.body !== undefined) {
      http.body = JSON.stringify(call.body);
      http.headers['content-type'] = 'application/json';
    }
    return http;
  }

  #send(http: HttpRequest, token: AuthorizationToken): Promise<HttpResponse> {
    // The described request's headers object is ours: filled in place, also on the replay.
    for (const [name, value] of Object.entries(token.headers)) {
      http.headers[name.toLowerCase()] = isSecret(value) ? String(value.reveal()) : value;
    }
    if (token.authorization !== undefined) http.headers.authorization = token.authorization.reveal();
    return send(this.#dispatcher, http);
  }

  #context(http: HttpRequest): ODataResponseContext {
    return {
      endpoint: http.endpoint,
      database: this.database,
      strategy: this.#strategy,
      scrubber: this.#source.scrubber,
    };
  }

  #valueOf<T>(body: unknown, what: string): T[] {
    const value = (body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(value)) {
      throw new UnexpectedResponseError(`The OData answer was not ${what} (no "value" array).`, {
        strategyId: this.#strategy.id,
      });
    }
    return value as T[];
  }

  #page<T extends ODataRecord>(body: unknown): ODataPage<T> {
    const value = this.#valueOf<T>(body, 'a page of records');
    const page = body as Record<string, unknown>;
    const count = page['@count'] ?? page['@odata.count'];
    const nextLink = page['@nextLink'] ?? page['@odata.nextLink'];
    return {
      value,
      ...(typeof count === 'number'
        ? { count }
        : typeof count === 'string' && /^\d+$/.test(count)
          ? { count: Number(count) }
          : {}),
      ...(typeof nextLink === 'string' && nextLink !== '' ? { nextLink } : {}),
    };
  }

  #record<T extends ODataRecord>(body: unknown): T {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new UnexpectedResponseError('The OData answer was not a record (a JSON object).', {
        strategyId: this.#strategy.id,
      });
    }
    return body as T;
  }

  /** The path of a server-sent link, refused unless it points at this server: credentials go nowhere else. */
  #sameServerPath(link: string): string {
    let url: URL;
    try {
      url = new URL(link, this.#address.url);
    } catch {
      throw new UnexpectedResponseError('The server sent a nextLink that is not a URL.', {
        strategyId: this.#strategy.id,
      });
    }
    const root = `${this.#address.prefix}${SERVICE_ROOT}/`;
    if (url.origin !== this.#address.origin || !url.pathname.startsWith(root)) {
      throw new UnexpectedResponseError(
        `The server sent a nextLink to ${url.origin}${url.pathname.slice(0, 80)}, outside ${this.#address.origin}${root}; it is not followed, so credentials never go elsewhere.`,
        { strategyId: this.#strategy.id },
      );
    }
    return `${url.pathname.slice(this.#address.prefix.length)}${url.search}`;
  }

  #closedInstead(error: unknown): unknown {
    if (this.#closing && error instanceof NetworkError) return this.#source.closedError();
    return error;
  }
}

interface CallSpec {
  readonly method: HttpRequest['method'];
  /** Under the database, or under the prefix with `root`. */
  readonly path: string;
  readonly root?: boolean;
  readonly accept?: string | undefined;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** A refusal of the `/$count` path itself (by Accept or by version), not of the credentials. */
function isCountRefusal(error: unknown): boolean {
  return (
    (error instanceof FileMakerError || error instanceof UnexpectedResponseError) &&
    (error.status === 400 || error.status === 406)
  );
}

function sameCredentials(a: AuthorizationToken, b: AuthorizationToken): boolean {
  if (a === b) return true;
  const left = a.authorization?.reveal();
  const right = b.authorization?.reveal();
  if (left === undefined || right === undefined) return false;
  return constantTimeEqual(left, right);
}

function fieldsBody(fields: unknown): Record<string, unknown> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new InvalidArgumentError(
      `Record fields must be an object of field names and values, got ${describeType(fields)}`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  return fields as Record<string, unknown>;
}

/**
 * Creates an OData client for one database. Does no I/O: the first call asks the strategy for credentials.
 *
 * @example
 * import { createODataClient, odataFilter } from '@fmauth/core';
 * import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
 *
 * await using odata = createODataClient({
 *   baseUrl: 'https://fms.example.com',
 *   database: 'Contacts',
 *   strategy: fileMakerServer({ username: 'api', password: process.env.FM_PASSWORD! }),
 * });
 * const { value } = await odata.query('Contacts', { filter: odataFilter`city eq ${'London'}`, top: 10 });
 */
export function createODataClient(options: ODataClientOptions): ODataClient {
  return new ODataClient(options);
}
