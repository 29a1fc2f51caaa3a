import { setTimeout as sleep } from 'node:timers/promises';
import { untilAborted } from '../abortable.js';
import { TimeoutError } from '../errors/error-classes.js';
import type { ResolvedEncryptionKey } from './encryption-keys.js';
import { GuardedStore, UNAVAILABLE } from './guarded-store.js';
import type { TokenStoreEvent } from './store-events.js';
import { decodeTokenValue, encodeTokenValue } from './token-codec.js';
import type { TokenStore, TokenStoreLock } from './token-store.js';

/** Turns a token into JSON for the store and back; `fromJSON` returns `undefined` for anything foreign. */
export interface TokenCodec<T> {
  toJSON(token: T): unknown;
  fromJSON(json: unknown): T | undefined;
}

/** A token as this process holds it, with the exact string the store holds for it (if any). */
export interface CachedToken<T> {
  readonly token: T;
  /** The stored string, for compare-and-delete; `undefined` when the store never got it. */
  readonly stored: string | undefined;
}

/** What a login produced, and how long the store should keep it. */
export interface ProducedToken<T> {
  readonly token: T;
  readonly ttlMs: number;
}

export interface ObtainOptions<T> {
  /** Bounds the whole wait and the login (`produce` is raced against it); aborting rejects with its reason. */
  readonly signal: AbortSignal;
  /** Milliseconds of the signal's budget, for the error message when waiting runs out. */
  readonly budgetMs: number;
  /** Whether a stored token is good enough to use now (e.g. an ID token not yet near its expiry). */
  readonly usable: (token: T) => boolean;
  /** Logs in. `stale` is the last stored token that was not usable (a refresh token may still be good). */
  readonly produce: (stale: T | undefined) => Promise<ProducedToken<T>>;
}

export interface ObtainedToken<T> extends CachedToken<T> {
  /** `login`: this process produced it; `store`: it was there; `waited`: another process produced it. */
  readonly source: 'login' | 'store' | 'waited';
}

export interface SharedTokenCacheOptions<T> {
  readonly store: TokenStore;
  readonly key: string;
  readonly codec: TokenCodec<T>;
  readonly encryptionKeys: readonly ResolvedEncryptionKey[];
  /** Bound of each store call. */
  readonly storeTimeoutMs: number;
  /** How long the login lock lives without a heartbeat (a killed holder blocks others this long at most). */
  readonly lockTtlMs: number;
  readonly clock: () => number;
  readonly emit: (event: TokenStoreEvent) => void;
}

// Waiters poll rather than subscribe, so any store works. The cap bounds how late a waiter notices the
// holder's token or its expired lock; 20 reads a second per waiting process, only while a login runs.
const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 50;

/**
 * One token shared through a {@link TokenStore} by every process that computes the same key:
 *
 * - `obtain()` is single-flight across processes: the first to take the store's lock logs in and writes
 *   the token (fenced: only while it still holds the lock); the others poll until it appears, and take
 *   the lock themselves if the holder dies (its lock expires after `lockTtlMs`; a live holder keeps it
 *   alive with a heartbeat, so a slow MFA prompt does not lose it);
 * - `discard()` removes a rejected token only if the store still holds that very token;
 * - the store is never required: when it fails or hangs (bounded by `storeTimeoutMs`) the cache logs in
 *   per process, reports `store-unavailable`, and shares again once the store answers.
 *
 * In-process single-flight is the caller's job (one `obtain` per process at a time).
 */
export class SharedTokenCache<T> {
  readonly key: string;
  readonly #lockName: string;
  readonly #guard: GuardedStore;
  readonly #options: SharedTokenCacheOptions<T>;
  /** The last stored string reported as unusable: reported once, not on every poll of a wait. */
  #lastDiscarded: string | undefined;

  constructor(options: SharedTokenCacheOptions<T>) {
    this.#options = options;
    this.key = options.key;
    this.#lockName = `${options.key}:lock`;
    this.#guard = new GuardedStore(options.store, options.storeTimeoutMs, options.clock, options.emit);
  }

  get storeName(): string {
    return this.#options.store.name;
  }

  /** The stored token, or `undefined` on a miss, an unusable value (reported) or an unavailable store. */
  async read(): Promise<CachedToken<T> | undefined> {
    const raw = await this.#guard.call('get', (store, ctx) => store.get(this.key, ctx));
    if (raw === UNAVAILABLE || raw === undefined) return undefined;
    const { codec, encryptionKeys, clock } = this.#options;
    const decoded = decodeTokenValue(this.key, raw, encryptionKeys, clock());
    const token = decoded.ok ? codec.fromJSON(decoded.value.data) : undefined;
    if (token === undefined) {
      if (raw === this.#lastDiscarded) return undefined;
      this.#lastDiscarded = raw;
      this.#options.emit({
        type: 'store-value-discarded',
        store: this.storeName,
        reason: decoded.ok ? 'unreadable' : decoded.reason,
      });
      return undefined;
    }
    return { token, stored: raw };
  }

  /** A usable token: from the store, from another process's login, or from a login of our own. */
  async obtain(options: ObtainOptions<T>): Promise<ObtainedToken<T>> {
    const started = this.#options.clock();
    const { store } = this.#options;
    let stale: T | undefined;
    let waited = false;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(MAX_POLL_MS, Math.ceil(pause * 1.5))) {
      const found = await this.read();
      if (found && options.usable(found.token)) return this.#shared(found, waited ? started : undefined);
      if (found) stale = found.token;
      if (!store.supports.locks || this.#guard.resting) return this.#produce(options, stale, undefined);
      const lock = await this.#guard.call('acquireLock', (s, ctx) =>
        s.acquireLock!(this.#lockName, this.#options.lockTtlMs, ctx),
      );
      if (lock === UNAVAILABLE) return this.#produce(options, stale, undefined);
      if (lock) return this.#asHolder(options, lock, stale);
      // Another process is logging in: wait for its token, or for its lock to go (it failed or died).
      waited = true;
      try {
        await sleep(pause, undefined, { signal: options.signal });
      } catch {
        throw this.#waitedTooLong(options);
      }
    }
  }

  /** Removes `cached` from the store if the store still holds exactly it. Never throws. */
  async discard(cached: CachedToken<T>): Promise<void> {
    const { stored } = cached;
    if (stored === undefined) return;
    await this.#guard.call('compareAndDelete', (store, ctx) => store.compareAndDelete(this.key, stored, ctx));
  }

  /** Slides the stored token's expiry, if the store can and still holds it. Never throws. */
  async touch(cached: CachedToken<T>, ttlMs: number): Promise<void> {
    const { stored } = cached;
    const { store } = this.#options;
    if (stored === undefined || !store.touch || ttlMs < 1) return;
    await this.#guard.call('touch', (s, ctx) => s.touch!(this.key, stored, Math.ceil(ttlMs), ctx));
  }

  async #asHolder(
    options: ObtainOptions<T>,
    lock: TokenStoreLock,
    stale: T | undefined,
  ): Promise<ObtainedToken<T>> {
    const heartbeat = this.#heartbeat(lock);
    try {
      // Someone may have written between our read and our lock: look once more before logging in.
      const found = await this.read();
      if (found && options.usable(found.token)) return this.#shared(found, undefined);
      return await this.#produce(options, found?.token ?? stale, lock);
    } finally {
      clearInterval(heartbeat);
      // Not awaited: other processes see the token already; the lock only needs to go eventually.
      void this.#guard.call('releaseLock', (s, ctx) => s.releaseLock!(lock, ctx));
    }
  }

  async #produce(
    options: ObtainOptions<T>,
    stale: T | undefined,
    lock: TokenStoreLock | undefined,
  ): Promise<ObtainedToken<T>> {
    // Bounded even when `produce` ignores the signal: a stuck sign-in must not hold the lock forever.
    const produced = await untilAborted(options.produce(stale), options.signal, {
      phase: 'login',
      timeoutMs: options.budgetMs,
      what: 'The sign-in',
    });
    const { codec, encryptionKeys, clock } = this.#options;
    const ttlMs = Math.ceil(produced.ttlMs);
    if (ttlMs < 1 || this.#guard.resting)
      return { token: produced.token, stored: undefined, source: 'login' };
    const value = encodeTokenValue(
      this.key,
      { data: codec.toJSON(produced.token), expiresAt: clock() + ttlMs },
      encryptionKeys,
    );
    const written = await this.#guard.call('set', (store, ctx) =>
      store.set(this.key, value, lock ? { ttlMs, lock } : { ttlMs }, ctx),
    );
    // Refused (our lock expired and another holder took over) or failed: keep using our token here,
    // but it is not the shared one, so never compare-and-delete with it.
    return { token: produced.token, stored: written === true ? value : undefined, source: 'login' };
  }

  /** `waitingSince` is set when this process waited for another one's login. */
  #shared(found: CachedToken<T>, waitingSince: number | undefined): ObtainedToken<T> {
    const waitedMs = waitingSince === undefined ? 0 : Math.max(0, this.#options.clock() - waitingSince);
    this.#options.emit({ type: 'shared-token', store: this.storeName, waitedMs });
    return { ...found, source: waitingSince === undefined ? 'store' : 'waited' };
  }

  /** Keeps the lock alive while a long login (an MFA prompt) runs; stops when the lock is lost. */
  #heartbeat(lock: TokenStoreLock): ReturnType<typeof setInterval> {
    const { lockTtlMs } = this.#options;
    const timer = setInterval(
      () => {
        void this.#guard.call('extendLock', (s, ctx) => s.extendLock!(lock, lockTtlMs, ctx));
      },
      Math.max(50, Math.floor(lockTtlMs / 3)),
    );
    timer.unref();
    return timer;
  }

  #waitedTooLong(options: ObtainOptions<T>): unknown {
    const reason = options.signal.reason as { name?: string } | undefined;
    if (reason?.name !== 'TimeoutError') return reason;
    return new TimeoutError(
      `Waited ${options.budgetMs} ms for another process to finish logging in (it holds the login lock in the "${this.storeName}" token store). The login may be stuck on an MFA prompt; a crashed holder's lock expires after ${this.#options.lockTtlMs} ms.`,
      { phase: 'login', timeoutMs: options.budgetMs, cause: reason },
    );
  }
}
