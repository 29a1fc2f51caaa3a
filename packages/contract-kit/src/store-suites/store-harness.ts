import { randomBytes } from 'node:crypto';
import type { TokenStore, TokenStoreCallContext } from '@fmauth/core';
import { afterEach, beforeEach, describe } from 'vitest';
import type { TokenStoreContractOptions, TokenStoreTestContext } from './token-store-contract-options.js';

/** Per-test state of a store suite: the store the factory made and this test's namespace. */
export class StoreHarness {
  readonly options: TokenStoreContractOptions;
  readonly granularityMs: number;
  readonly timeoutMs: number;
  #store: TokenStore | undefined;
  #test: TokenStoreTestContext | undefined;

  constructor(options: TokenStoreContractOptions) {
    checkStoreOptions(options);
    this.options = options;
    this.granularityMs = options.ttlGranularityMs ?? 1;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** The store of the running test. */
  get store(): TokenStore {
    if (!this.#store) throw new Error('the token store contract has not made a store for this test yet');
    return this.#store;
  }

  /** A short TTL the store can honour: at least 150 ms and at least one granularity step. */
  get shortTtlMs(): number {
    return Math.max(150, this.granularityMs);
  }

  /** A TTL no test outlives. */
  get longTtlMs(): number {
    return 60_000;
  }

  /** How long to wait for a `shortTtlMs` value to be gone: a second-granularity store may round up a step. */
  get expiryWaitMs(): number {
    return this.shortTtlMs + this.granularityMs + 60;
  }

  /** What every store call gets, like core gives it: a real signal that fires after `timeoutMs`. */
  ctx(): TokenStoreCallContext {
    return { signal: AbortSignal.timeout(this.timeoutMs) };
  }

  /** A key (or lock name) unique to this test. */
  key(suffix = 'key'): string {
    if (!this.#test) throw new Error('keys exist only inside a test');
    return `${this.#test.namespace}:${suffix}`;
  }

  async setUp(): Promise<void> {
    this.#test = { namespace: `fmauth-contract-${randomBytes(6).toString('hex')}` };
    this.#store = await this.options.store(this.#test);
  }

  async tearDown(): Promise<void> {
    const store = this.#store;
    const test = this.#test;
    this.#store = undefined;
    this.#test = undefined;
    if (!store || !test) return;
    try {
      if (this.options.closeAfterEach ?? true) await store.close?.();
    } finally {
      // The caller's cleanup runs even when close() fails, so one bad close leaks nothing more.
      await this.options.teardown?.(store, test);
    }
  }
}

/** Throws at declaration time, so a wrong call fails loudly instead of as a run of confusing tests. */
export function checkStoreOptions(options: TokenStoreContractOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('the token store contract takes an options object');
  }
  if (typeof options.name !== 'string' || options.name === '') {
    throw new TypeError('the token store contract needs a "name" for its test names');
  }
  if (typeof options.store !== 'function') {
    throw new TypeError('the token store contract needs "store": a factory called once per test');
  }
  for (const key of ['ttlGranularityMs', 'timeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`the token store contract's "${key}" must be a positive number of milliseconds`);
    }
  }
}

/** A store suite as exported: declares its own `describe` block with a fresh store per test. */
export type TokenStoreSuite = (options: TokenStoreContractOptions) => void;

/** Wraps a group of store tests into an exported suite. */
export function storeSuite(title: string, body: (h: StoreHarness) => void): TokenStoreSuite {
  return (options) => {
    const h = new StoreHarness(options);
    describe(title, () => {
      beforeEach(() => h.setUp());
      afterEach(() => h.tearDown());
      body(h);
    });
  };
}
