import { untilAborted } from '../abortable.js';
import type { TokenStoreEvent } from './store-events.js';
import type { TokenStore, TokenStoreCallContext } from './token-store.js';

/** What a guarded call resolves when the store failed, timed out, or is resting after a failure. */
export const UNAVAILABLE: unique symbol = Symbol('fmauth.store-unavailable');
export type Unavailable = typeof UNAVAILABLE;

/** After a failure the store is left alone this long, so an outage costs one timeout, not one per call. */
export const STORE_RETRY_AFTER_MS = 5_000;

/**
 * Every call core makes to a {@link TokenStore} goes through here: bounded by a timeout (a hung store
 * cannot hold a login), never throwing (a store error becomes {@link UNAVAILABLE} and one
 * `store-unavailable` event per outage), and skipped entirely for a few seconds after a failure.
 */
export class GuardedStore {
  readonly store: TokenStore;
  readonly #timeoutMs: number;
  readonly #clock: () => number;
  readonly #emit: (event: TokenStoreEvent) => void;
  #restingUntil = 0;
  #down = false;

  constructor(
    store: TokenStore,
    timeoutMs: number,
    clock: () => number,
    emit: (event: TokenStoreEvent) => void,
  ) {
    this.store = store;
    this.#timeoutMs = timeoutMs;
    this.#clock = clock;
    this.#emit = emit;
  }

  /** True while the store is resting after a failure: callers go on without it. */
  get resting(): boolean {
    return this.#down && this.#clock() < this.#restingUntil;
  }

  async call<T>(
    operation: string,
    run: (store: TokenStore, ctx: TokenStoreCallContext) => Promise<T>,
  ): Promise<T | Unavailable> {
    if (this.resting) return UNAVAILABLE;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      // Raced, not trusted: a store that ignores its signal still cannot hold the caller.
      const result = await untilAborted(run(this.store, { signal }), signal, {
        phase: 'store',
        timeoutMs: this.#timeoutMs,
        what: `The "${this.store.name}" token store's ${operation}`,
        advice: 'The session goes on without the store for a few seconds, then tries it again.',
      });
      if (this.#down) {
        this.#down = false;
        this.#emit({ type: 'store-recovered', store: this.store.name });
      }
      return result;
    } catch (error) {
      this.#restingUntil = this.#clock() + STORE_RETRY_AFTER_MS;
      if (!this.#down) {
        this.#down = true;
        this.#emit({
          type: 'store-unavailable',
          store: this.store.name,
          operation,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
      return UNAVAILABLE;
    }
  }
}
