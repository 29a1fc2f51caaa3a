import { describe } from 'vitest';
import { tokenStoreBasicSuite } from './basic-suite.js';
import { tokenStoreCompareAndDeleteSuite } from './compare-and-delete-suite.js';
import { tokenStoreConcurrencySuite } from './concurrency-suite.js';
import { tokenStoreExpirySuite } from './expiry-suite.js';
import { tokenStoreLockSuite } from './lock-suite.js';
import { checkStoreOptions, type TokenStoreSuite } from './store-harness.js';
import type { TokenStoreContractOptions } from './token-store-contract-options.js';
import { tokenStoreTouchSuite } from './touch-suite.js';
import { tokenStoreValuesSuite } from './values-suite.js';

/** Every store suite, in the order they run. */
const ALL: readonly TokenStoreSuite[] = [
  tokenStoreBasicSuite,
  tokenStoreValuesSuite,
  tokenStoreCompareAndDeleteSuite,
  tokenStoreExpirySuite,
  tokenStoreTouchSuite,
  tokenStoreLockSuite,
  tokenStoreConcurrencySuite,
];

/**
 * Declares the fmauth `TokenStore` contract as a vitest `describe` block: basics, opaque values,
 * compare-and-delete, expiry in real time, touch (when the store has it), locks with fencing (when it
 * declares `supports.locks`) and atomicity under 50 concurrent callers. Each test gets a fresh store
 * from `store` and keys under its own random namespace.
 *
 * @example
 * // test/contract.test.ts
 * import { describeTokenStoreContract } from '@fmauth/contract-kit';
 * describeTokenStoreContract({ name: 'my-store', store: ({ namespace }) => myStore({ prefix: namespace }) });
 */
export function describeTokenStoreContract(options: TokenStoreContractOptions): void {
  checkStoreOptions(options);
  describe(`fmauth token store contract: ${options.name}`, () => {
    for (const suite of ALL) suite(options);
  });
}
