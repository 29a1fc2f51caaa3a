import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { StrategyContractOptions } from './contract-options.js';
import { FLAVOR_SERVERS } from './flavors.js';
import { ContractHarness } from './harness.js';

/** Throws at declaration time, so a wrong call fails loudly instead of as a run of confusing tests. */
export function checkStrategyOptions(options: StrategyContractOptions, caller: string): void {
  if (typeof options?.validStrategy !== 'function') {
    throw new TypeError(`${caller}: "validStrategy" must be a factory of a strategy the server accepts`);
  }
  if (Object.keys(options.rejectedStrategies ?? {}).length === 0) {
    throw new TypeError(`${caller}: rejectedStrategies needs at least one credential the server must refuse`);
  }
  if (!options.secrets?.length) throw new TypeError(`${caller}: list the strategies' secrets in "secrets"`);
  if (options.services !== undefined) {
    if (!Array.isArray(options.services) || options.services.some((factory) => typeof factory !== 'function'))
      throw new TypeError(`${caller}: "services" must be a list of service factories, (ctx) => MockService`);
    if (options.mock !== undefined && options.services.length > 0)
      throw new TypeError(
        `${caller}: "services" mounts services in the suite's own mock; with "mock", mount them where you start it (startMockServer({ services }))`,
      );
  }
}

/**
 * Declares `body` once per server under test, each with its own harness: one mock per block, reset
 * before each test, sessions closed after it. With a `server` option that is one block; without, one
 * per flavor the mock simulates, named after it (its tests skip unless the strategy declares it).
 */
export function perServer(options: StrategyContractOptions, body: (h: ContractHarness) => void): void {
  const withHarness = (server: string) => {
    const h = new ContractHarness(options, server);
    beforeAll(() => h.start(), 30_000);
    afterAll(() => h.stop());
    beforeEach(() => h.env.control.reset());
    afterEach(() => h.closeSessions());
    body(h);
  };
  if (options.server !== undefined) {
    withHarness(options.server);
    return;
  }
  for (const [flavor, server] of Object.entries(FLAVOR_SERVERS)) {
    describe(flavor, () => withHarness(server));
  }
}
