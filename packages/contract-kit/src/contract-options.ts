import type { AuthStrategy, DataApiSessionOptions, ServerFlavor } from '@fmauth/core';
import type { FixtureInput, MockControl, ServiceFactory } from '@fmauth/mock';

/** What a strategy factory gets: where the mock's servers are, and its control API. */
export interface ContractEnvironment {
  /** Base URL of each simulated server and of the control API, by key (`filemakerServer`, `cognito`, …). */
  readonly endpoints: Readonly<Record<string, string>>;
  /**
   * Base URL of each service you mounted with the `services` option, by its key, e.g.
   * `{ acmeIdp: 'http://127.0.0.1:54321/acme-idp' }`: what your strategy factory points at. Empty
   * without `services` (and with `mock`: find your services in `endpoints` then).
   */
  readonly services: Readonly<Record<string, string>>;
  /** The whole readiness object (endpoints plus extras such as a Cognito pool id). */
  readonly readiness: Readonly<Record<string, unknown>>;
  readonly control: MockControl;
  /** The key of the server under test in `endpoints`, e.g. `'filemakerServer'`. */
  readonly server: string;
  /**
   * The flavor of the server under test, when the mock simulates it. Without a `server` option the
   * suite runs once per flavor the strategy declares: pick that flavor's credentials from this.
   */
  readonly flavor: ServerFlavor | undefined;
}

/** Options of {@link describeStrategyContract}. */
export interface StrategyContractOptions {
  /** Shown in the test names, e.g. `'@acme/fmauth-strategy-vault'`. */
  readonly name: string;
  /**
   * Which simulated server the strategy logs in to: its key in the mock's endpoints,
   * `'filemakerServer'`, `'filemakerCloud'` or `'clarisServer'`. Default: every flavor the strategy
   * declares in `flavors` (the tests of the others are reported as skipped), with `env.flavor` telling
   * the factories which one a test is for.
   */
  readonly server?: 'filemakerServer' | 'filemakerCloud' | 'clarisServer' | (string & {});
  /** Hosted database to log in to. Default `'Contacts'` (the default fixture's). */
  readonly database?: string;
  /** Layout used for authenticated calls. Default `'Contacts'`. */
  readonly layout?: string;
  /** A strategy whose credentials the server accepts. Called once per test, so tests do not share state. */
  readonly validStrategy: (env: ContractEnvironment) => AuthStrategy;
  /**
   * Strategies whose credentials the server must reject, by a name for the test. Each must end in
   * `InvalidCredentialsError` (HTTP 401) and count as one failed login or more.
   * @example { 'wrong password': (env) => myStrategy({ password: 'nope' }) }
   */
  readonly rejectedStrategies: Readonly<Record<string, (env: ContractEnvironment) => AuthStrategy>>;
  /** Every secret the strategies above hold (passwords, keys). None may appear in errors, logs or dumps. */
  readonly secrets: readonly string[];
  /**
   * Where the mock runs. Default: a fresh in-process mock on loopback for this suite. Give the
   * readiness object of a mock you started (`startMockServer()` or the `--json` line) to use that one;
   * the suite resets it before each test, so do not share it with suites running in parallel.
   */
  readonly mock?: { readonly endpoints: Readonly<Record<string, string>>; readonly [key: string]: unknown };
  /** Fixture for the in-process mock (ignored with `mock`). */
  readonly fixture?: FixtureInput;
  /**
   * More simulated services to mount in the suite's mock beside ours, as `createMock({ services })`
   * takes them: e.g. the identity provider your strategy gets its credentials from. Each mock the
   * suite starts calls the factories afresh; the services are reset before each test with the rest of
   * the mock, share its clock, and are reached through `env.services`; the fault suite also fails each
   * of them while the strategy logs in. Not with `mock`: mount them in the mock you start
   * (`startMockServer({ services })`). Default: none.
   *
   * @example
   * services: [(ctx) => new AcmeIdpService(ctx.clock, { clients })],
   * validStrategy: (env) => acmeStrategy({ issuer: env.services.acmeIdp, … }),
   */
  readonly services?: readonly ServiceFactory[];
  /** Extra options for every session the suite creates (timeouts, dispatcher, …). */
  readonly sessionOptions?: Partial<DataApiSessionOptions>;
  /** Test names (as printed) to skip, each with a reason, like `{ 'logout': 'not supported by …' }`. */
  readonly skip?: Readonly<Record<string, string>>;
}
