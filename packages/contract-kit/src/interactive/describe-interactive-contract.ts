import { describe } from 'vitest';
import type { StrategyContractOptions } from '../contract-options.js';
import { flavorOfServer } from '../flavors.js';
import { perServer } from '../strategy-harnesses.js';
import { interactiveSuite } from '../suites/interactive-suite.js';
import type { InteractiveStrategyContractOptions } from './interactive-options.js';

/**
 * Declares the contract of an **interactive** strategy, one with a person in a browser between two
 * steps (e.g. FileMaker Server's OAuth sign-in): the kit starts a sign-in with `interactive.begin`,
 * plays the browser leg over plain HTTP against the mock's simulated identity provider (fills the
 * sign-in form with a test user, presses Sign in / Allow, or Cancel / Deny), stops at the app's return
 * URL and hands it to the strategy's `complete`. Checks the happy path, two users, a denied sign-in,
 * crossed and replayed returns, and a user without an account (typed errors, no session, no loop),
 * with every value of the return URL treated as a secret.
 *
 * @example
 * describeInteractiveStrategyContract({
 *   name: '@fmauth/strategy-filemaker-oauth',
 *   server: 'filemakerServer',
 *   interactive: {
 *     user: { username: 'alice@acme.example', password: 'Alice-pass-1' },
 *     begin: async (env) => { … return { authorizationUrl, returnUrl, complete: async (url) => strategy }; },
 *   },
 * });
 */
export function describeInteractiveStrategyContract(options: InteractiveStrategyContractOptions): void {
  if (typeof options?.interactive?.begin !== 'function') {
    throw new TypeError('describeInteractiveStrategyContract: "interactive.begin" must start a sign-in');
  }
  if (!options.interactive.user?.username || !options.interactive.user.password) {
    throw new TypeError(
      'describeInteractiveStrategyContract: "interactive.user" needs a username and a password',
    );
  }
  if (typeof options.server !== 'string') {
    throw new TypeError('describeInteractiveStrategyContract: name the "server" the strategy signs in to');
  }
  const flavor = flavorOfServer(options.server);
  // The harness reads declared capabilities from a strategy; an interactive one has none before a
  // sign-in, so it gets a stand-in that declares the server under test and is never logged in with.
  const harnessOptions: StrategyContractOptions = {
    ...options,
    secrets: options.secrets ?? [],
    rejectedStrategies: {},
    validStrategy: () => ({
      id: 'interactive-stand-in',
      flavors: flavor ? [flavor] : [],
      authenticate: () => {
        throw new Error('the interactive contract never logs in without a sign-in');
      },
    }),
  };
  describe(`fmauth interactive strategy contract: ${options.name}`, () => {
    perServer(harnessOptions, (h) => interactiveSuite(h, options.interactive));
  });
}
