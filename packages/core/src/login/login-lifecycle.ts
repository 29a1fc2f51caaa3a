import { FmAuthError } from '../errors/fm-auth-error.js';
import type {
  AuthenticateContext,
  AuthenticateReason,
  AuthStrategy,
  LoginCredentials,
  TargetApi,
} from '../strategy.js';
import { strategyCredentials } from '../strategy-credentials.js';
import type { ResolvedEncryptionKey } from '../token-store/encryption-keys.js';
import { type CachedToken, SharedTokenCache, type TokenCodec } from '../token-store/shared-token-cache.js';
import type { TokenStoreEvent } from '../token-store/store-events.js';
import type { TokenStore } from '../token-store/token-store.js';

/** What every token the lifecycle manages knows about itself: when it stops being usable (epoch ms). */
export interface LifecycleToken {
  readonly validUntil: number;
}

/** What a lifecycle reports (the session passes these on to `onEvent`). Never carries a secret. */
export type LoginLifecycleEvent =
  | {
      readonly type: 'login';
      readonly reason: AuthenticateReason;
      readonly durationMs: number;
    }
  | {
      readonly type: 'login-failed';
      readonly reason: AuthenticateReason;
      readonly error: FmAuthError | Error;
    }
  | TokenStoreEvent;

/** Where a lifecycle shares its token across sessions and processes. */
export interface LifecycleSharing {
  readonly store: TokenStore;
  /** From `tokenKey()`: never contains a secret. */
  readonly key: string;
  readonly encryptionKeys: readonly ResolvedEncryptionKey[];
  readonly storeTimeoutMs: number;
  readonly lockTtlMs: number;
}

export interface LoginLifecycleOptions<T extends LifecycleToken> {
  readonly strategy: AuthStrategy;
  readonly api: TargetApi;
  /** What the strategy is told besides `reason`, `api` and `signal`. */
  readonly context: Omit<AuthenticateContext, 'reason' | 'api' | 'signal'>;
  /**
   * Turns credentials into a token: the Data API's `POST …/sessions`, the Admin API's auth call, or the
   * credentials themselves for OData. Resolves the typed rejection instead of throwing it, so the
   * lifecycle can ask the strategy for fresh credentials once.
   */
  readonly exchange: (credentials: LoginCredentials, signal: AbortSignal) => Promise<T | FmAuthError>;
  /** Ends the token on the server (Data API logout). Throws a typed error when that fails. */
  readonly revoke?: (token: T) => Promise<void>;
  readonly codec: TokenCodec<T>;
  /** Absent: the token lives in this lifecycle only, as before token stores existed. */
  readonly sharing?: LifecycleSharing | undefined;
  /** The server ends a token this long after its last use (Data API: 15 minutes); `Infinity` for none. */
  readonly idleTimeoutMs: number;
  readonly loginTimeoutMs: number;
  readonly clock: () => number;
  readonly emit: (event: LoginLifecycleEvent) => void;
  /** The error calls get once the lifecycle is closed. */
  readonly closedError: () => Error;
}

/** A shared token's expiry is slid at most this often per process, so use costs no store round trip. */
export const TOUCH_INTERVAL_MS = 60_000;

/**
 * The login lifecycle of one API token, the unit every fmauth client sits on (the Data API session
 * today; the Admin API and OData next):
 *
 * - **single-flight**: concurrent callers share one login, in this process and, with a shared store,
 *   across processes;
 * - **freshness**: a token is reused until it has been idle for `idleTimeoutMs` or reaches its
 *   `validUntil` (FileMaker Cloud's Claris ID expiry), then replaced before a call fails;
 * - **invalidate and retry**: credentials the server refuses make the strategy `invalidate()` its
 *   upstream token and produce fresh ones once;
 * - **rejection**: a token the server no longer accepts is dropped (from the store only if it still holds
 *   that very token) and replaced by exactly one login;
 * - **logout**: `logout()` ends the token for everyone; `release()` ends it only when nobody else can be
 *   using it (no shared store).
 *
 * The hot path, {@link current} with a fresh token, is synchronous and touches no store.
 */
export class LoginLifecycle<T extends LifecycleToken> {
  readonly #options: LoginLifecycleOptions<T>;
  readonly #cache: SharedTokenCache<T> | undefined;
  #current: CachedToken<T> | undefined;
  #lastUsedAt = 0;
  #lastTouchAt = 0;
  #login: Promise<T> | undefined;
  #closed = false;

  constructor(options: LoginLifecycleOptions<T>) {
    this.#options = options;
    const { sharing } = options;
    this.#cache = sharing
      ? new SharedTokenCache({
          store: sharing.store,
          key: sharing.key,
          codec: options.codec,
          encryptionKeys: sharing.encryptionKeys,
          storeTimeoutMs: sharing.storeTimeoutMs,
          lockTtlMs: sharing.lockTtlMs,
          clock: options.clock,
          emit: options.emit,
        })
      : undefined;
  }

  /** True when the token is shared through a store with other sessions or processes. */
  get shared(): boolean {
    return this.#cache !== undefined;
  }

  /** The token this lifecycle believes is valid now, without logging in or asking a store. */
  get fresh(): T | undefined {
    const current = this.#current;
    return current && this.#isFresh(current.token) ? current.token : undefined;
  }

  /** The token this lifecycle holds, fresh or not (e.g. to ask the server whether it still lives). */
  get held(): T | undefined {
    return this.#current?.token;
  }

  /** A token that is good to use now: the current one (synchronously), a login in flight, or a new login. */
  current(): T | Promise<T> {
    if (this.#closed) throw this.#options.closedError();
    const current = this.#current;
    if (current && this.#isFresh(current.token)) return current.token;
    if (this.#login) return this.#login;
    this.#current = undefined;
    return this.#startLogin(current ? 'expired' : 'initial', undefined);
  }

  /** Call right before sending with `token`: keeps the idle window sliding (and the shared copy alive). */
  used(token: T): void {
    const now = this.#options.clock();
    this.#lastUsedAt = now;
    const cache = this.#cache;
    if (cache === undefined || now - this.#lastTouchAt < TOUCH_INTERVAL_MS) return;
    const current = this.#current;
    if (current?.token !== token) return;
    this.#lastTouchAt = now;
    void cache.touch(current, Math.min(this.#options.idleTimeoutMs, token.validUntil - now));
  }

  /**
   * The server no longer accepts `token` (Data API 952, or a 401 on a call). Callers that saw the same
   * rejection share one replacement; a caller whose token was already replaced gets the new one.
   */
  rejected(token: T): T | Promise<T> {
    if (this.#closed) throw this.#options.closedError();
    const current = this.#current;
    let dropped: CachedToken<T> | undefined;
    if (current?.token === token) {
      this.#current = undefined;
      dropped = current;
    }
    if (this.#current) return this.#current.token;
    return this.#login ?? this.#startLogin('expired', dropped);
  }

  /** Forgets `token` in this process only (e.g. `validateSession()` found it dead). */
  forget(token: T): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  /**
   * Ends the token for everyone: waits for a login in flight, removes the token from the store (if it
   * still holds it) and revokes it on the server. Resolves `false` when there was no token to end.
   * Throws what `revoke` throws. The lifecycle stays usable: the next call logs in again.
   */
  async logout(): Promise<boolean> {
    if (this.#login) await this.#login.catch(() => undefined);
    let ending = this.#current;
    this.#current = undefined;
    if (!ending && this.#cache) ending = await this.#cache.read();
    if (!ending) return false;
    await this.#cache?.discard(ending);
    await this.#options.revoke?.(ending.token);
    return true;
  }

  /**
   * Lets go of the token when its owner closes: logs out when the token is this lifecycle's alone; a
   * shared token is left for the other sessions and processes (it ends by idle expiry, or by an explicit
   * {@link logout}). Later calls throw the closed error.
   */
  async release(): Promise<void> {
    try {
      if (!this.#cache) await this.logout();
    } finally {
      this.#closed = true;
      this.#current = undefined;
    }
  }

  /** Stops accepting calls at once (the owner is closing); a login in flight is not awaited. */
  close(): void {
    this.#closed = true;
  }

  #isFresh(token: T): boolean {
    const now = this.#options.clock();
    return now - this.#lastUsedAt < this.#options.idleTimeoutMs && now < token.validUntil;
  }

  #startLogin(reason: AuthenticateReason, rejected: CachedToken<T> | undefined): Promise<T> {
    const login = this.#obtain(reason, rejected).finally(() => {
      if (this.#login === login) this.#login = undefined;
    });
    this.#login = login;
    return login;
  }

  async #obtain(reason: AuthenticateReason, rejected: CachedToken<T> | undefined): Promise<T> {
    const { clock, loginTimeoutMs, emit } = this.#options;
    const started = clock();
    const signal = AbortSignal.timeout(loginTimeoutMs);
    let loggedIn = false;
    try {
      const cache = this.#cache;
      let obtained: CachedToken<T>;
      if (!cache) {
        obtained = { token: await this.#performLogin(reason, signal), stored: undefined };
        loggedIn = true;
      } else {
        // The store may still hold the token the server just refused; only that very token is removed.
        if (rejected) await cache.discard(rejected);
        const result = await cache.obtain({
          signal,
          budgetMs: loginTimeoutMs,
          usable: (token) => clock() < token.validUntil,
          produce: async () => {
            const token = await this.#performLogin(reason, signal);
            loggedIn = true;
            return { token, ttlMs: Math.min(this.#options.idleTimeoutMs, token.validUntil - clock()) };
          },
        });
        obtained = result;
      }
      if (this.#closed) throw this.#options.closedError();
      this.#current = obtained;
      this.#lastUsedAt = clock();
      this.#lastTouchAt = this.#lastUsedAt;
      if (loggedIn) emit({ type: 'login', reason, durationMs: clock() - started });
      return obtained.token;
    } catch (error) {
      emit({ type: 'login-failed', reason, error: error as Error });
      throw error;
    }
  }

  /** One login, with one more try on fresh upstream credentials when the strategy can produce them. */
  async #performLogin(reason: AuthenticateReason, signal: AbortSignal): Promise<T> {
    const { strategy, api, context, exchange, loginTimeoutMs } = this.#options;
    let attempt = reason;
    for (;;) {
      const credentials = await strategyCredentials(
        strategy,
        { ...context, reason: attempt, api },
        signal,
        loginTimeoutMs,
      );
      if (this.#closed) throw this.#options.closedError();
      const result = await exchange(credentials, signal);
      if (!(result instanceof FmAuthError)) return result;
      if (result.code !== 'FMAUTH_INVALID_CREDENTIALS' || !strategy.invalidate || attempt === 'rejected') {
        throw result;
      }
      await strategy.invalidate({ error: result, api });
      attempt = 'rejected';
    }
  }
}
