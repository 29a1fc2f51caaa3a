import { describe } from 'vitest';
import type { StrategyContractOptions } from './contract-options.js';
import type { ContractHarness } from './harness.js';
import { checkStrategyOptions, perServer } from './strategy-harnesses.js';
import { concurrencySuite } from './suites/concurrency-suite.js';
import { faultSuite } from './suites/fault-suite.js';
import { invalidateSuite } from './suites/invalidate-suite.js';
import { loginSuite } from './suites/login-suite.js';
import { logoutSuite } from './suites/logout-suite.js';
import { reloginSuite } from './suites/relogin-suite.js';
import { secrecySuite } from './suites/secrecy-suite.js';

/** A strategy suite as exported: declares its group under `fmauth strategy contract: <name>`. */
export type StrategySuite = (options: StrategyContractOptions) => void;

/** One group of the strategy contract: its title in the output and its tests. */
export interface StrategyGroup {
  readonly title: string;
  readonly tests: (h: ContractHarness) => void;
}

export const LOGIN: StrategyGroup = { title: 'login', tests: loginSuite };
export const CONCURRENCY: StrategyGroup = { title: 'concurrency', tests: concurrencySuite };
export const RELOGIN: StrategyGroup = { title: 'expiry and re-login', tests: reloginSuite };
export const INVALIDATE: StrategyGroup = { title: 'invalidate and one retry', tests: invalidateSuite };
export const LOGOUT: StrategyGroup = { title: 'logout', tests: logoutSuite };
export const SECRECY: StrategyGroup = { title: 'secrecy', tests: secrecySuite };
export const FAULTS: StrategyGroup = { title: 'faults', tests: faultSuite };

/** Declares `groups` of the strategy contract, sharing one mock per server. */
export function declareStrategyContract(
  options: StrategyContractOptions,
  groups: readonly StrategyGroup[],
  caller: string,
): void {
  checkStrategyOptions(options, caller);
  describe(`fmauth strategy contract: ${options.name}`, () => {
    perServer(options, (h) => {
      for (const group of groups) describe(group.title, () => group.tests(h));
    });
  });
}

const single =
  (group: StrategyGroup, caller: string): StrategySuite =>
  (options) =>
    declareStrategyContract(options, [group], caller);

/** Logs in on the first call, reuses the token, sends nothing early; rejected credentials → 401. */
export const strategyLoginSuite = single(LOGIN, 'strategyLoginSuite');
/** 50 concurrent callers, cold or after expiry → exactly one login. */
export const strategyConcurrencySuite = single(CONCURRENCY, 'strategyConcurrencySuite');
/** Idle expiry, 952 and renewal before use → one re-login. */
export const strategyReloginSuite = single(RELOGIN, 'strategyReloginSuite');
/** A refused login → `invalidate()` and one retry with reason `rejected`. Runs when the strategy has `invalidate`. */
export const strategyInvalidateSuite = single(INVALIDATE, 'strategyInvalidateSuite');
/** `close()` and `await using` log out; no request for an unused session. */
export const strategyLogoutSuite = single(LOGOUT, 'strategyLogoutSuite');
/** No secret in the strategy, credentials, sessions, errors or `identity`; an id and flavors declared. */
export const strategySecrecySuite = single(SECRECY, 'strategySecrecySuite');
/**
 * Every fault kind of the mock's fault injection (reset, delay, hang, 5xx, nginx 502, HTML 401,
 * truncated JSON, 952 / 956 / 812, Cognito throttling for FileMaker Cloud) → the documented typed
 * error or recovery, within its deadline, no secret in errors or events, logouts match logins.
 */
export const strategyFaultSuite = single(FAULTS, 'strategyFaultSuite');
