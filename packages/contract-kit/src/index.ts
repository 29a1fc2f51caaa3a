export type { ContractEnvironment, StrategyContractOptions } from './contract-options.js';
export { describeStrategyContract } from './describe-strategy-contract.js';
export {
  type BrowserLegOptions,
  type BrowserLegResult,
  driveBrowserLeg,
  type TestUser,
} from './interactive/browser-leg.js';
export { describeInteractiveStrategyContract } from './interactive/describe-interactive-contract.js';
export type {
  InteractiveContractOptions,
  InteractiveSignIn,
  InteractiveStrategyContractOptions,
} from './interactive/interactive-options.js';
export { tokenStoreBasicSuite } from './store-suites/basic-suite.js';
export { tokenStoreCompareAndDeleteSuite } from './store-suites/compare-and-delete-suite.js';
export { tokenStoreConcurrencySuite } from './store-suites/concurrency-suite.js';
export { describeTokenStoreContract } from './store-suites/describe-token-store-contract.js';
export { tokenStoreExpirySuite } from './store-suites/expiry-suite.js';
export { tokenStoreLockSuite } from './store-suites/lock-suite.js';
export type { TokenStoreSuite } from './store-suites/store-harness.js';
export type {
  TokenStoreContractOptions,
  TokenStoreTestContext,
} from './store-suites/token-store-contract-options.js';
export { tokenStoreTouchSuite } from './store-suites/touch-suite.js';
export { tokenStoreValuesSuite } from './store-suites/values-suite.js';
export {
  type StrategySuite,
  strategyConcurrencySuite,
  strategyFaultSuite,
  strategyInvalidateSuite,
  strategyLoginSuite,
  strategyLogoutSuite,
  strategyReloginSuite,
  strategySecrecySuite,
} from './strategy-suites.js';
export { FAULT_CASES, type FaultCase } from './suites/fault-suite.js';
