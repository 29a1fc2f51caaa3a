import type { TokenStore } from '@fmauth/core';

/** What the store factory gets for one test. */
export interface TokenStoreTestContext {
  /**
   * A random name unique to this test, e.g. `fmauth-contract-3f9a1c0b7e2d`. Every key and lock name
   * the suite uses starts with it, so tests never collide, even on one shared Redis. A store with a
   * key prefix option may use it as that prefix; nothing requires it.
   */
  readonly namespace: string;
}

/** Options of {@link describeTokenStoreContract} and of each `tokenStore…Suite`. */
export interface TokenStoreContractOptions {
  /** Shown in the test names, e.g. `'@acme/fmauth-token-store-dynamodb'`. */
  readonly name: string;
  /**
   * Makes the store under test. Called once per test (before it), so tests do not share state.
   * May be async (connect first). Give a fresh store each time, or the same one: keys are unique per test.
   */
  readonly store: (ctx: TokenStoreTestContext) => TokenStore | Promise<TokenStore>;
  /**
   * Call `store.close()` after each test. Default `true`: the factory made the store, so the test owns
   * it. Set `false` when the factory hands out one shared instance that must stay open.
   */
  readonly closeAfterEach?: boolean;
  /** Runs after each test (after `close`, if any), e.g. to delete the test's keys or quit a client. */
  readonly teardown?: (store: TokenStore, ctx: TokenStoreTestContext) => void | Promise<void>;
  /**
   * The coarsest expiry step of the store, in milliseconds. Default `1`. A store that keeps expiries in
   * whole seconds sets `1000`: the expiry tests then use TTLs of at least that and wait a step longer.
   */
  readonly ttlGranularityMs?: number;
  /** Each store call gets an `AbortSignal.timeout` of this many milliseconds. Default `5000`. */
  readonly timeoutMs?: number;
  /** Test names (as printed) to skip, each with a reason, like `{ 'test name': 'why' }`. */
  readonly skip?: Readonly<Record<string, string>>;
}
