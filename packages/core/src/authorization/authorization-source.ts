import type { Dispatcher } from 'undici';
import { untilAborted } from '../abortable.js';
import { InvalidCredentialsError, SessionClosedError, UnsupportedError } from '../errors/error-classes.js';
import type { FmAuthError } from '../errors/fm-auth-error.js';
import { LoginLifecycle } from '../login/login-lifecycle.js';
import { SecretScrubber } from '../secret-scrubber.js';
import type { AuthenticateReason, AuthStrategy, TargetApi } from '../strategy.js';
import { type AuthorizationToken, authorizationToken, NEVER_STORED } from './authorization-token.js';
import type { AuthorizationEvent } from './provider-options.js';

export interface AuthorizationSourceOptions {
  readonly strategy: AuthStrategy;
  readonly api: TargetApi;
  readonly baseUrl: URL;
  readonly database: string | undefined;
  readonly dispatcher: Dispatcher;
  readonly refreshMarginMs: number;
  readonly loginTimeoutMs: number;
  readonly clock: () => number;
  readonly emit: (event: AuthorizationEvent) => void;
  /** What the owner is called in "was closed" errors, e.g. `The OData client for database "Contacts"`. */
  readonly ownerName: string;
}

/**
 * Credentials for an API without sessions, on the {@link LoginLifecycle}: the strategy's own header is
 * the token. Shared by the public authorization header provider and the OData client.
 *
 * - one `authenticate()` for any number of concurrent callers (the lifecycle's single flight);
 * - replaced before the strategy's `validUntil`, less a margin;
 * - {@link reject} when the server refuses them: the strategy is told to `invalidate()` once per refused
 *   token, however many requests saw the refusal, and the next caller gets fresh credentials;
 * - kept in this process only (see `NEVER_STORED`).
 */
export class AuthorizationSource {
  readonly #options: AuthorizationSourceOptions;
  readonly #lifecycle: LoginLifecycle<AuthorizationToken>;
  /** Every credential handed out, to keep server echoes of them out of errors. */
  readonly scrubber = new SecretScrubber();
  /** The strategy's `invalidate()` in progress: nobody gets credentials until it is done. */
  #invalidating: Promise<void> | undefined;
  /** Set by a rejection: the next `authenticate()` is told `rejected`, whatever the lifecycle says. */
  #nextReason: AuthenticateReason | undefined;
  #closed = false;

  constructor(options: AuthorizationSourceOptions) {
    this.#options = options;
    const { strategy } = options;
    // The lifecycle sees a strategy without invalidate(): refusals arrive on calls, not from an
    // exchange, and are handled by reject(). The reason is ours to set after a refusal.
    const facade: AuthStrategy = {
      id: strategy.id,
      flavors: strategy.flavors,
      ...(strategy.hints ? { hints: strategy.hints } : {}),
      authenticate: (ctx) => {
        const reason = this.#nextReason ?? ctx.reason;
        this.#nextReason = undefined;
        return strategy.authenticate({ ...ctx, reason });
      },
    };
    this.#lifecycle = new LoginLifecycle<AuthorizationToken>({
      strategy: facade,
      api: options.api,
      context: {
        baseUrl: options.baseUrl,
        ...(options.database === undefined ? {} : { database: options.database }),
        dispatcher: options.dispatcher,
      },
      exchange: async (credentials) => {
        this.scrubber.addCredentials(credentials);
        if (credentials.authorization === undefined && !credentials.headers) {
          return new UnsupportedError(
            `The "${strategy.id}" strategy produced no Authorization header (nor other headers) for the ${options.api} API, so there is nothing to send. Use a strategy that supports it: fileMakerServer, fileMakerCloud or clarisServer.`,
            { strategyId: strategy.id },
          );
        }
        return authorizationToken(credentials, options.clock(), options.refreshMarginMs);
      },
      codec: NEVER_STORED,
      sharing: undefined,
      // No session on the server: credentials are good until their own validUntil.
      idleTimeoutMs: Number.POSITIVE_INFINITY,
      loginTimeoutMs: options.loginTimeoutMs,
      clock: options.clock,
      emit: (event) => {
        if (event.type === 'login' || event.type === 'login-failed') options.emit(event);
      },
      closedError: () => this.closedError(),
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Fresh credentials: synchronously when held, else one shared strategy call. */
  current(): AuthorizationToken | Promise<AuthorizationToken> {
    if (this.#closed) throw this.closedError();
    if (this.#invalidating) return this.#invalidating.then(() => this.#lifecycle.current());
    return this.#lifecycle.current();
  }

  /**
   * The server refused `token` (or, when `undefined`, whatever is held). The first report of a token
   * drops it and tells the strategy to `invalidate()`; later reports of the same token (other requests
   * that carried it) and reports of a token already replaced only wait for that to finish.
   */
  reject(token: AuthorizationToken | undefined, error?: FmAuthError): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const held = this.#lifecycle.held;
    if (held === undefined || (token !== undefined && held !== token)) {
      return this.#invalidating ?? Promise.resolve();
    }
    this.#lifecycle.forget(held);
    this.#nextReason = 'rejected';
    this.#options.emit({ type: 'rejected' });
    const { strategy } = this.#options;
    const reason =
      error ??
      new InvalidCredentialsError(`The server refused the credentials of the "${strategy.id}" strategy.`, {
        status: 401,
        strategyId: strategy.id,
      });
    const invalidating: Promise<void> = this.#invalidate(reason).finally(() => {
      if (this.#invalidating === invalidating) this.#invalidating = undefined;
    });
    this.#invalidating = invalidating;
    return invalidating;
  }

  async #invalidate(error: FmAuthError): Promise<void> {
    const { strategy, api, loginTimeoutMs } = this.#options;
    try {
      // A strategy that hangs here must not hold every later call: bounded like a login.
      await untilAborted(strategy.invalidate?.({ error, api }), AbortSignal.timeout(loginTimeoutMs), {
        phase: 'login',
        timeoutMs: loginTimeoutMs,
        what: `The "${strategy.id}" strategy's invalidate()`,
      });
    } catch {
      // The next authenticate() runs anyway; its own failure is what the caller should see.
    }
  }

  /** Resolves once no `invalidate()` of the strategy is in progress. */
  settled(): Promise<void> {
    return this.#invalidating ?? Promise.resolve();
  }

  /** The credentials held now, fresh or not, without fetching any. */
  held(): AuthorizationToken | undefined {
    return this.#lifecycle.held;
  }

  close(): void {
    this.#closed = true;
    this.#lifecycle.close();
  }

  closedError(): SessionClosedError {
    return new SessionClosedError(`${this.#options.ownerName} was closed. Create a new one to continue.`, {
      strategyId: this.#options.strategy.id,
    });
  }
}
