import type { StrategyContractOptions } from './contract-options.js';
import {
  CONCURRENCY,
  declareStrategyContract,
  FAULTS,
  INVALIDATE,
  LOGIN,
  LOGOUT,
  RELOGIN,
  SECRECY,
} from './strategy-suites.js';

/**
 * Declares the fmauth strategy contract as a vitest `describe` block: login, token reuse, rejected
 * credentials, single-flight under concurrency, expiry and re-login, invalidate and one retry (when the
 * strategy has `invalidate`), logout, secrecy, and every injectable fault. Every test runs over real HTTP against the fmauth
 * mock server, reset before each test. Each group is also exported on its own (`strategyLoginSuite`, …).
 *
 * @example
 * // test/contract.test.ts
 * import { describeStrategyContract } from '@fmauth/contract-kit';
 * import { myStrategy } from '../src/index.js';
 *
 * describeStrategyContract({
 *   name: 'my-strategy',
 *   server: 'filemakerServer',
 *   validStrategy: () => myStrategy({ username: 'admin', password: 'admin-pass' }),
 *   rejectedStrategies: { 'a wrong password': () => myStrategy({ username: 'admin', password: 'nope' }) },
 *   secrets: ['admin-pass', 'nope'],
 * });
 */
export function describeStrategyContract(options: StrategyContractOptions): void {
  declareStrategyContract(
    options,
    [LOGIN, CONCURRENCY, RELOGIN, INVALIDATE, LOGOUT, SECRECY, FAULTS],
    'describeStrategyContract',
  );
}
