/**
 * The contract between fmauth and a place where tokens are kept: process memory, Redis, or your own
 * backend (Upstash, DynamoDB, Postgres…). A store moves opaque strings and nothing more: core does the
 * encoding, the format version, optional encryption, expiry checks, timeouts and the fallback when the
 * store is down. Every method may reject; core turns a rejection or a hang into a `store-unavailable`
 * event and carries on per process, so a store never needs retries of its own.
 *
 * Run `describeTokenStoreContract()` from `@fmauth/contract-kit` against an implementation to prove it.
 */
export interface TokenStore {
  /** Short name for events and errors, e.g. `'memory'` or `'redis'`. Never a URL or a password. */
  readonly name: string;
  /** What this store can do. The contract kit runs the lock tests only when `locks` is true. */
  readonly supports: TokenStoreSupports;
  /** The value under `key`, or `undefined` when there is none or it has expired. */
  get(key: string, ctx: TokenStoreCallContext): Promise<string | undefined>;
  /**
   * Writes `value` under `key`, to expire after `ttlMs` (milliseconds; stores with second granularity
   * round up). With `lock`, writes only while that lock is still held (fencing: a holder whose lock
   * expired and was taken over must not overwrite the new holder's result). Resolves `false` when the
   * write was refused for that reason, `true` when written.
   */
  set(
    key: string,
    value: string,
    options: TokenStoreSetOptions,
    ctx: TokenStoreCallContext,
  ): Promise<boolean>;
  /**
   * Deletes `key` only if it still holds exactly `expected`, atomically. Resolves `true` when deleted.
   * Used when a server rejects a shared token: only the rejected token is removed, never a newer one.
   */
  compareAndDelete(key: string, expected: string, ctx: TokenStoreCallContext): Promise<boolean>;
  /**
   * Resets the expiry of `key` to `ttlMs` only if it still holds exactly `expected`. Optional: without
   * it, a shared Data API token expires one idle window after its login instead of sliding with use.
   */
  touch?(key: string, expected: string, ttlMs: number, ctx: TokenStoreCallContext): Promise<boolean>;
  /**
   * Takes the lock named `name` for `ttlMs` if nobody holds it. Resolves the lock, or `undefined` when
   * another holder has it. Required when `supports.locks` is true. The lock must expire on its own so
   * a holder that dies (SIGKILL) blocks the others for at most `ttlMs`.
   */
  acquireLock?(name: string, ttlMs: number, ctx: TokenStoreCallContext): Promise<TokenStoreLock | undefined>;
  /** Extends a lock still held by `lock`'s holder to `ttlMs` from now. Resolves `false` if it was lost. */
  extendLock?(lock: TokenStoreLock, ttlMs: number, ctx: TokenStoreCallContext): Promise<boolean>;
  /** Releases a lock if `lock`'s holder still has it; a lock already lost or expired is no error. */
  releaseLock?(lock: TokenStoreLock, ctx: TokenStoreCallContext): Promise<void>;
  /** Releases connections the store opened itself. Idempotent. Core never calls it: you own the store. */
  close?(): Promise<void>;
}

/** A store's capability manifest. */
export interface TokenStoreSupports {
  /**
   * Implements `acquireLock`, `extendLock`, `releaseLock` and fenced `set`. Without locks, tokens are
   * still shared, but concurrent logins are single-flight only inside each process: N processes that
   * all miss at once log in N times (and a FileMaker Cloud sign-in with MFA prompts N times).
   */
  readonly locks: boolean;
  /** Values are visible to other processes (Redis), not only to this one (memory). */
  readonly crossProcess: boolean;
}

/** A held lock. `fence` is the holder's random, unguessable id: only its holder can extend or release it. */
export interface TokenStoreLock {
  readonly name: string;
  readonly fence: string;
}

export interface TokenStoreSetOptions {
  /** Milliseconds until the value expires. Always a positive integer. */
  readonly ttlMs: number;
  /** Write only while this lock is held (see {@link TokenStore.set}). */
  readonly lock?: TokenStoreLock;
}

/** What core passes to every store call. */
export interface TokenStoreCallContext {
  /** Aborts when core stops waiting (the store timeout). A store should abandon the call then. */
  readonly signal: AbortSignal;
}
