import { parseServerAddress } from '../base-url.js';
import { type DataApiEnvelope, firstCode, headerValue, parseEnvelope } from '../data-api/envelope.js';
import { type SessionToken, sessionToken } from '../data-api/session-token.js';
import { UnexpectedResponseError } from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { type HttpRequest, type HttpResponse, send } from '../http/send.js';
import { assertOptionalPositiveNumber, InvalidArgumentError } from '../invalid-argument.js';
import { TokenSession } from '../login/token-session.js';
import type { AuthStrategy, LoginCredentials } from '../strategy.js';
import {
  type AdminApiRequest,
  type AdminDatabase,
  type AdminSchedule,
  type AdminServerStatus,
  RUN_SCHEDULE_BODY,
} from './admin-api-calls.js';
import { adminErrorFromResponse } from './admin-api-error.js';
import { type AdminApiSessionOptions, DEFAULT_ADMIN_IDLE_TIMEOUT_MS } from './admin-api-options.js';
import { AdminApiPaths } from './admin-api-paths.js';
import { adminApiSharing } from './admin-api-sharing.js';

/**
 * The Admin API says "this token is no longer valid" with 9 or 1703 (fmPDA re-logs in on either), or
 * any 401 on a call.
 */
function isTokenRefusal(res: HttpResponse, envelope: DataApiEnvelope | undefined): boolean {
  const code = firstCode(envelope);
  return res.status === 401 || code === '9' || code === '1703';
}

/**
 * A FileMaker Admin API session (`/fmi/admin/api/v2`), logged in through an {@link AuthStrategy}: the
 * same lifecycle as the Data API session.
 *
 * - **Lazy** and **single-flight**: the first call logs in, concurrent first calls share that login.
 * - **Fresh**: a token idle for 14 minutes (the server ends it at 15) is replaced before a call, and a
 *   FileMaker Cloud token before its Claris ID token expires.
 * - **Self-healing**: a token the server refuses (9, 1703, or 401) leads to one fresh login and one
 *   replay of the call.
 * - **Closable**: `close()` (or `await using`) logs out; a session that never logged in sends nothing.
 *
 * Create it with {@link createAdminApiSession}.
 */
export class AdminApiSession implements AsyncDisposable {
  readonly baseUrl: URL;
  readonly #paths: AdminApiPaths;
  /** Transport, login lifecycle, events, scrubber and closing, as the Data API session has them. */
  readonly #session: TokenSession;

  constructor(options: AdminApiSessionOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('createAdminApiSession needs an options object', 'ERR_INVALID_ARG_TYPE');
    }
    const strategy = options.strategy as Partial<AuthStrategy> | undefined;
    if (
      typeof strategy?.authenticate !== 'function' ||
      typeof strategy.id !== 'string' ||
      strategy.id === ''
    ) {
      throw new InvalidArgumentError(
        '"strategy" must be an AuthStrategy, e.g. fileMakerServer({ username, password }) with the Admin Console account',
        'ERR_INVALID_ARG_TYPE',
      );
    }
    assertOptionalPositiveNumber(options.idleTimeoutMs, 'idleTimeoutMs');
    const address = parseServerAddress(options.baseUrl, 'baseUrl', options.allowInsecureHttp === true);
    this.baseUrl = address.url;
    this.#paths = new AdminApiPaths(address.prefix);
    this.#session = new TokenSession({
      options,
      address,
      api: 'admin-api',
      defaultIdleTimeoutMs: DEFAULT_ADMIN_IDLE_TIMEOUT_MS,
      exchange: (credentials, signal) => this.#exchange(credentials, signal),
      revoke: (token) => this.#revoke(token),
      sharing: (address, timeouts) => adminApiSharing(options, address, timeouts),
      isTokenRefusal,
      closedMessage: 'The Admin API session was closed. Create a new session to continue.',
    });
  }

  /** The strategy this session logs in with. */
  get strategy(): AuthStrategy {
    return this.#session.strategy;
  }

  /** True while the session holds a token it believes is valid (no request is made to check). */
  get isLoggedIn(): boolean {
    return this.#session.lifecycle.fresh !== undefined;
  }

  /** True when the token is shared with other sessions or processes through `tokenStore`. */
  get sharesToken(): boolean {
    return this.#session.lifecycle.shared;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#session.closed;
  }

  /** Logs in if needed. Calls do this on their own; use it to fail fast at start-up on bad credentials. */
  async login(): Promise<void> {
    await this.#session.token();
  }

  /** `GET server/status`: whether the server is running. */
  serverStatus(): Promise<AdminServerStatus> {
    return this.request<AdminServerStatus>({ path: 'server/status' });
  }

  /** `GET databases`: the hosted files and their state. */
  async databases(): Promise<AdminDatabase[]> {
    const response = await this.request<{ files?: { files?: AdminDatabase[] } }>({ path: 'databases' });
    return response.files?.files ?? [];
  }

  /** `GET schedules`: every schedule of the server. */
  async schedules(): Promise<AdminSchedule[]> {
    return (await this.request<{ schedules?: AdminSchedule[] }>({ path: 'schedules' })).schedules ?? [];
  }

  /**
   * Runs a schedule now (`PATCH schedules/{id}` with `{"status":"RUNNING"}`, as fmcsadmin does) and
   * resolves the schedule as the server reports it after the run started.
   */
  async runSchedule(id: string | number): Promise<AdminSchedule> {
    const path = `schedules/${encodeURIComponent(String(id))}`;
    const response = await this.request<{ schedule?: AdminSchedule }>({
      method: 'PATCH',
      path,
      body: RUN_SCHEDULE_BODY,
    });
    if (!response.schedule) {
      throw new UnexpectedResponseError(
        `PATCH ${this.#paths.call(path)} succeeded but returned no schedule.`,
        {
          strategyId: this.#session.strategy.id,
        },
      );
    }
    return response.schedule;
  }

  /**
   * Any Admin API call: logs in when needed, and on a refused token logs in once more and replays the
   * call once. Resolves the envelope's `response`; a FileMaker error code becomes a typed error.
   */
  async request<T = unknown>(req: AdminApiRequest): Promise<T> {
    const http = this.#describe(req);
    const { res, envelope, token } = await this.#session.call<T>(http);
    if (res.status >= 200 && res.status < 300 && envelope && firstCode(envelope) === '0')
      return envelope.response;
    throw adminErrorFromResponse(res, envelope, {
      endpoint: http.endpoint,
      phase: 'call',
      strategy: this.#session.strategy,
      scrubber: this.#session.scrub(token),
    });
  }

  /**
   * Logs out (`DELETE …/user/auth/{token}`) and throws if that fails. The session stays usable: the
   * next call logs in again. With a `tokenStore`, this ends the token for every process sharing it.
   */
  logout(): Promise<void> {
    return this.#session.logout();
  }

  /**
   * Ends the session object: logs out if logged in (best effort, with the logout timeout), then closes
   * the connections it opened. Never throws; a failed logout is reported through `onEvent`. With a
   * `tokenStore`, the shared token is left to other processes unless `{ logout: true }`. Idempotent.
   */
  close(options: { readonly logout?: boolean } = {}): Promise<void> {
    return this.#session.close(options);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** `POST …/user/auth` with the strategy's Authorization. Resolves the token or the typed rejection. */
  async #exchange(credentials: LoginCredentials, signal: AbortSignal): Promise<SessionToken | FmAuthError> {
    const path = this.#paths.auth();
    const endpoint = `POST ${path}`;
    this.#session.scrubber.addCredentials(credentials);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (credentials.authorization) headers.authorization = credentials.authorization.reveal();
    const res = await send(this.#session.dispatcher, {
      ...this.#session.controlRequest('POST', path, endpoint),
      headers,
      body: '{}',
      timeoutMs: this.#session.timeouts.loginMs,
      phase: 'login',
      signal,
    });
    const envelope = parseEnvelope<{ token?: unknown }>(res);
    if (res.status !== 200 || firstCode(envelope) !== '0') {
      return adminErrorFromResponse(res, envelope, {
        endpoint,
        phase: 'login',
        strategy: this.#session.strategy,
        scrubber: this.#session.scrubber,
      });
    }
    // The login answers in the body; a call made with Basic/FMID answers in X-FM-Access-Token. Take either.
    const fromBody = envelope?.response.token;
    const token =
      typeof fromBody === 'string' && fromBody ? fromBody : (headerValue(res, 'x-fm-access-token') ?? '');
    if (!token) {
      throw new UnexpectedResponseError(
        `${endpoint} succeeded but returned no token (neither response.token nor X-FM-Access-Token).`,
        {
          status: res.status,
          endpoint,
          strategyId: this.#session.strategy.id,
        },
      );
    }
    this.#session.scrubber.add(token);
    return sessionToken(token, credentials.validUntil ?? Number.POSITIVE_INFINITY);
  }

  /** `DELETE …/user/auth/{token}`, with the token only in the path. A refused token counts as done. */
  async #revoke(token: SessionToken): Promise<void> {
    const endpoint = `DELETE ${this.#paths.logoutRedacted()}`;
    const res = await send(this.#session.dispatcher, {
      ...this.#session.controlRequest('DELETE', this.#paths.logout(token.token.reveal()), endpoint),
      timeoutMs: this.#session.timeouts.logoutMs,
      phase: 'logout',
    });
    const envelope = parseEnvelope(res);
    if ((res.status === 200 && firstCode(envelope) === '0') || isTokenRefusal(res, envelope)) {
      this.#session.emit({ type: 'logout' });
      return;
    }
    throw adminErrorFromResponse(res, envelope, {
      endpoint,
      phase: 'logout',
      strategy: this.#session.strategy,
      scrubber: this.#session.scrub(token),
    });
  }

  /** Everything about a call that does not depend on the token, computed once even when it is replayed. */
  #describe(req: AdminApiRequest): HttpRequest {
    if (typeof req !== 'object' || req === null || typeof req.path !== 'string' || req.path.trim() === '') {
      throw new InvalidArgumentError(
        'request() needs { path }, e.g. { path: "server/status" }',
        'ERR_INVALID_ARG_TYPE',
      );
    }
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    let path = this.#paths.call(req.path);
    if (req.query) path += queryString(req.query);
    const http: Mutable<HttpRequest> = this.#session.callRequest(method, path, `${method} ${path}`);
    if (req.signal) http.signal = req.signal;
    if (req.body !== undefined) {
      http.body = JSON.stringify(req.body);
      http.headers['content-type'] = 'application/json';
    }
    return http;
  }
}

/**
 * Creates an Admin API session. Does no I/O: the first call logs in.
 *
 * @example
 * import { createAdminApiSession } from '@fmauth/core';
 * import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
 *
 * await using admin = createAdminApiSession({
 *   baseUrl: 'https://fms.example.com',
 *   strategy: fileMakerServer({ username: 'admin', password: process.env.FMS_CONSOLE_PASSWORD! }),
 * });
 * const { status } = await admin.serverStatus();
 */
export function createAdminApiSession(options: AdminApiSessionOptions): AdminApiSession {
  return new AdminApiSession(options);
}

function queryString(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
