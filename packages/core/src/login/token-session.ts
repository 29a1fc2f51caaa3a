import type { Dispatcher } from 'undici';
import type { ServerAddress } from '../base-url.js';
import { type DataApiEnvelope, firstCode, parseEnvelope } from '../data-api/envelope.js';
import type { SessionEvent } from '../data-api/session-options.js';
import type { SessionToken } from '../data-api/session-token.js';
import { sessionTokenCodec } from '../data-api/session-token.js';
import { NetworkError, SessionClosedError } from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { resolveTransport } from '../http/create-dispatcher.js';
import { type HttpRequest, type HttpResponse, send } from '../http/send.js';
import type { ResolvedLimits, ResolvedTimeouts } from '../http/transport-options.js';
import { SecretScrubber } from '../secret-scrubber.js';
import type { AuthStrategy, LoginCredentials, TargetApi } from '../strategy.js';
import { type LifecycleSharing, LoginLifecycle } from './login-lifecycle.js';
import type { TokenSessionOptions } from './token-session-options.js';

/** What a token-based session (Data API, Admin API) tells the wiring it shares with the others. */
export interface TokenSessionSetup {
  readonly options: TokenSessionOptions;
  /** The server, parsed by the session first so that a bad `baseUrl` is the first error reported. */
  readonly address: ServerAddress;
  readonly api: Extract<TargetApi, 'data-api' | 'admin-api'>;
  readonly database?: string;
  readonly defaultIdleTimeoutMs: number;
  /** The API's own login request: resolves the token, or the typed refusal (so the lifecycle retries once). */
  readonly exchange: (
    credentials: LoginCredentials,
    signal: AbortSignal,
  ) => Promise<SessionToken | FmAuthError>;
  /** The API's own logout request. */
  readonly revoke: (token: SessionToken) => Promise<void>;
  /** Where the token is shared; called once the address and timeouts are known. */
  readonly sharing: (address: ServerAddress, timeouts: ResolvedTimeouts) => LifecycleSharing | undefined;
  /** Which answers mean "this token is no longer valid" (a re-login and one replay follow). */
  readonly isTokenRefusal: (res: HttpResponse, envelope: DataApiEnvelope | undefined) => boolean;
  /** The text of the {@link SessionClosedError} thrown after `close()`. */
  readonly closedMessage: string;
}

/** One call's last answer, with the token it was sent with (error paths scrub that token). */
export interface TokenCallResult<T> {
  readonly res: HttpResponse;
  readonly envelope: DataApiEnvelope<T> | undefined;
  readonly token: SessionToken;
}

/**
 * The part every token-based session shares: transport, `LoginLifecycle`, events, the secrets
 * scrubber, closing, and the "send with one re-login and replay" loop. A session holds one and keeps
 * only what its API does differently (paths, the login exchange, which codes refuse a token, typed
 * calls). Composition rather than a base class, so each session's public surface stays its own.
 */
export class TokenSession {
  readonly address: ServerAddress;
  readonly strategy: AuthStrategy;
  readonly dispatcher: Dispatcher;
  readonly timeouts: ResolvedTimeouts;
  readonly limits: ResolvedLimits;
  readonly lifecycle: LoginLifecycle<SessionToken>;
  /** Every secret the session sent, to keep server echoes of them out of errors and events. */
  readonly scrubber = new SecretScrubber();
  readonly #ownsDispatcher: boolean;
  readonly #onEvent: ((event: SessionEvent) => void) | undefined;
  readonly #isTokenRefusal: TokenSessionSetup['isTokenRefusal'];
  readonly #closedMessage: string;
  #closing: Promise<void> | undefined;

  constructor(setup: TokenSessionSetup) {
    const { options } = setup;
    this.address = setup.address;
    this.strategy = options.strategy;
    this.#onEvent = options.onEvent;
    this.#isTokenRefusal = setup.isTokenRefusal;
    this.#closedMessage = setup.closedMessage;
    const transport = resolveTransport(options);
    this.dispatcher = transport.dispatcher;
    this.#ownsDispatcher = transport.owned;
    this.timeouts = transport.timeouts;
    this.limits = transport.limits;
    const context: { baseUrl: URL; database?: string; dispatcher: Dispatcher } = {
      baseUrl: this.address.url,
      dispatcher: this.dispatcher,
    };
    if (setup.database !== undefined) context.database = setup.database;
    this.lifecycle = new LoginLifecycle<SessionToken>({
      strategy: this.strategy,
      api: setup.api,
      context,
      exchange: setup.exchange,
      revoke: setup.revoke,
      codec: sessionTokenCodec,
      sharing: setup.sharing(this.address, this.timeouts),
      idleTimeoutMs: options.idleTimeoutMs ?? setup.defaultIdleTimeoutMs,
      loginTimeoutMs: this.timeouts.loginMs,
      clock: options.clock ?? Date.now,
      emit: (event) => this.emit(event),
      closedError: () => this.closedError(),
    });
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** A token that is good to use now: the current one, a login in flight, or a new login. */
  token(): Promise<SessionToken> | SessionToken {
    if (this.#closing) throw this.closedError();
    return this.lifecycle.current();
  }

  /**
   * Sends `http` with a good token; when the server refuses the token, logs in once more and replays
   * it once. Resolves the last answer whatever its status: what counts as success is the caller's.
   */
  async call<T>(http: HttpRequest): Promise<TokenCallResult<T>> {
    const ready = this.token();
    let token: SessionToken;
    let res: HttpResponse;
    let envelope: DataApiEnvelope<T> | undefined;
    try {
      // A live token is returned as it is; awaiting only a login in flight saves a tick on every call.
      token = ready instanceof Promise ? await this.#afterLogin(ready) : ready;
      res = await this.#send(http, token);
      envelope = parseEnvelope<T>(res);
      if (this.#isTokenRefusal(res, envelope)) {
        const fmCode = this.scrub(token).scrub(firstCode(envelope));
        this.emit({ type: 'session-rejected', status: res.status, fmCode });
        const renewed = this.lifecycle.rejected(token);
        token = renewed instanceof Promise ? await this.#afterLogin(renewed) : renewed;
        res = await this.#send(http, token);
        envelope = parseEnvelope<T>(res);
      }
    } catch (error) {
      throw this.closedInstead(error);
    }
    return { res, envelope, token };
  }

  /** A call's request without its token: the answer may be as large as `limits.callBytes`. */
  callRequest(method: HttpRequest['method'], path: string, endpoint: string): HttpRequest {
    return {
      origin: this.address.origin,
      path,
      method,
      headers: {},
      timeoutMs: this.timeouts.requestMs,
      connectTimeoutMs: this.timeouts.connectMs,
      phase: 'request',
      endpoint,
      maxBytes: this.limits.callBytes,
      maxBytesOption: 'limits.callBytes',
    };
  }

  /** A request of the session's own (login, logout, validation), whose answers are small. */
  controlRequest(method: HttpRequest['method'], path: string, endpoint: string): HttpRequest {
    return {
      ...this.callRequest(method, path, endpoint),
      maxBytes: this.limits.controlBytes,
      maxBytesOption: 'limits.controlBytes',
    };
  }

  /** Logs out and throws if that fails; the next call logs in again. */
  async logout(): Promise<void> {
    if (this.#closing) throw this.closedError();
    await this.lifecycle.logout();
  }

  /** Logs out (best effort) and closes owned connections. Never throws; idempotent. */
  close(options: { readonly logout?: boolean } = {}): Promise<void> {
    this.#closing ??= this.#shutdown(options.logout === true);
    return this.#closing;
  }

  /**
   * The scrubber, taught `token` first. Only error paths call this: the hot path never pays for it. A
   * token can come from a shared store without a login here, so it is learnt when it is about to matter.
   */
  scrub(token: SessionToken): SecretScrubber {
    return this.scrubber.add(token.token);
  }

  /**
   * A call that was under way when `close()` began fails with {@link SessionClosedError}, not with the
   * transport error of the dispatcher being closed under it. Only on the error path.
   */
  closedInstead(error: unknown): unknown {
    if (this.#closing && error instanceof NetworkError) return this.closedError();
    return error;
  }

  closedError(): SessionClosedError {
    return new SessionClosedError(this.#closedMessage, { strategyId: this.strategy.id });
  }

  emit(event: SessionEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(event);
    } catch {
      // An observer's bug must not break logins.
    }
  }

  #send(http: HttpRequest, token: SessionToken): Promise<HttpResponse> {
    this.lifecycle.used(token);
    // The described request's headers object is ours: filling it in place saves a copy per call.
    http.headers.authorization = token.bearer.reveal();
    return send(this.dispatcher, http);
  }

  async #shutdown(logoutShared: boolean): Promise<void> {
    try {
      if (logoutShared) await this.lifecycle.logout();
      await this.lifecycle.release();
    } catch (error) {
      this.emit({ type: 'logout-failed', error: error as Error });
    }
    if (this.#ownsDispatcher) await this.dispatcher.close().catch(() => undefined);
  }

  /** Waits for a login in flight; a session closed meanwhile sends nothing more. */
  async #afterLogin(login: Promise<SessionToken>): Promise<SessionToken> {
    const token = await login;
    if (this.#closing) throw this.closedError();
    return token;
  }
}
