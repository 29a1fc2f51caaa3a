import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { StrategyContractOptions } from './contract-options.js';
import { ContractHarness } from './harness.js';
import { concurrencySuite } from './suites/concurrency-suite.js';
import { loginSuite } from './suites/login-suite.js';
import { logoutSuite } from './suites/logout-suite.js';
import { reloginSuite } from './suites/relogin-suite.js';
import { secrecySuite } from './suites/secrecy-suite.js';

/**
 * Declares the fmauth strategy contract as a vitest `describe` block: login, token reuse, rejected
 * credentials, expiry and re-login, single-flight under concurrency, logout, and secrecy. Every test
 * runs over real HTTP against the fmauth mock server, reset before each test.
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
  if (Object.keys(options.rejectedStrategies ?? {}).length === 0) {
    throw new TypeError(
      'describeStrategyContract: rejectedStrategies needs at least one credential the server must refuse',
    );
  }
  if (!options.secrets?.length)
    throw new TypeError('describeStrategyContract: list the strategies\' secrets in "secrets"');
  describe(`fmauth strategy contract: ${options.name}`, () => {
    const h = new ContractHarness(options);
    beforeAll(() => h.start(), 30_000);
    afterAll(() => h.stop());
    beforeEach(() => h.env.control.reset());
    afterEach(() => h.closeSessions());

    describe('login', () => loginSuite(h));
    describe('concurrency', () => concurrencySuite(h));
    describe('expiry and re-login', () => reloginSuite(h));
    describe('logout', () => logoutSuite(h));
    describe('secrecy', () => secrecySuite(h));
  });
}
