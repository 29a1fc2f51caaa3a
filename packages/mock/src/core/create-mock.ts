import { validateHeaderName, validateHeaderValue } from 'node:http';
import { inspect } from 'node:util';
import { FaultInjector, type MockFaults } from '../faults/mock-faults.js';
import type { Fixture, FixtureInput, MockOptionsState } from '../fixture/fixture-schema.js';
import { resolveFixture } from '../fixture/load-fixture.js';
import { CONTROL_PREFIX, ControlService } from '../services/control/control-service.js';
import { DEFAULT_SERVICES } from '../services/default-services.js';
import { ClarisIdDirectory } from '../shared/claris-id-directory.js';
import { MockClock } from './mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse } from './mock-http.js';
import type { MockService } from './mock-service.js';
import { allOptions, planOptionsPatch } from './options-patch.js';
import type { ServiceContext, ServiceFactory } from './service-context.js';

export interface CreateMockOptions {
  /** A fixture object, the path of a JSON fixture file, or nothing for the default fixture. */
  readonly fixture?: string | FixtureInput | Fixture;
  /**
   * More services to mount beside ours: e.g. a simulated identity provider of your own, to test your
   * strategy with the contract kit against it. Each factory gets the {@link ServiceContext} (fixture,
   * clock, live options, Claris IDs) and returns one service or several. Prefixes must stay unique.
   *
   * @example
   * createMock({ services: [(ctx) => new MyIdentityProvider(ctx.clock)] })
   */
  readonly services?: readonly ServiceFactory[];
  /** Mount the default services (every FileMaker flavor, Cognito, Claris Studio). Default `true`. */
  readonly defaultServices?: boolean;
}

/**
 * The transport-free heart of the mock: every simulated server plus the control API, answering plain
 * {@link MockRequest}s. The node:http server and the msw handlers are thin adapters around it.
 */
export interface Mock {
  readonly fixture: Fixture;
  readonly clock: MockClock;
  /** Every mounted service, the control API last. */
  readonly services: readonly MockService[];
  /** @deprecated Use {@link Mock.services}: the same list ("flavor" now names a kind of FileMaker server). */
  readonly flavors: readonly MockService[];
  handle(req: MockRequest): Promise<MockResponse>;
  /** Counters per service, as `GET /stats` returns them, plus `faults` (injected and pending faults). */
  stats(): Record<string, Record<string, number>>;
  /**
   * Fault injection: make the next requests matching a service / path / method fail in a chosen way
   * (docs/fault-injection.md). Also `POST /__control/faults`.
   */
  readonly faults: MockFaults;
  /** Back to the fixture: sessions, records, counters, options, the clock, and no faults. */
  reset(): void;
  /** The live behaviour switches. */
  readonly options: MockOptionsState;
  /** Endpoints (and extra readiness fields) for a mock reachable at `baseUrl`. */
  readiness(baseUrl: string): { endpoints: Record<string, string>; [key: string]: unknown };
}

export function createMock(options: CreateMockOptions = {}): Mock {
  const fixture = resolveFixture(options.fixture);
  const clock = new MockClock();
  const clarisIds = new ClarisIdDirectory(fixture.clarisIdUsers);
  let liveOptions: MockOptionsState = structuredClone(fixture.options);
  let lastBaseUrl = '';

  const context = { fixture, clock, clarisIds, options: () => liveOptions };
  const build = (factories: readonly ServiceFactory[], name: string) =>
    factories.flatMap((factory, index) => checkedServices(factory(context), `${name}[${index}]`));
  const servers: MockService[] = [
    ...build(options.defaultServices === false ? [] : DEFAULT_SERVICES, 'DEFAULT_SERVICES'),
    ...build(options.services ?? [], 'services'),
  ];
  const faults = new FaultInjector(() => servers.map((service) => service.key));

  const mock: Mock & { [inspect.custom](): string } = {
    fixture,
    clock,
    get services() {
      return services;
    },
    get flavors() {
      return services;
    },
    get options() {
      return liveOptions;
    },
    faults,
    async handle(req) {
      const match = route(services, req.path);
      if (!match) return jsonResponse(404, { error: 'no simulated server at this path' });
      // The control API itself never fails: it is how a test turns faults off.
      const fault =
        match.service === control ? undefined : faults.take(match.service.key, req.method, match.path);
      if (fault)
        return faults.inject(fault, match.service.key, () =>
          answer(match.service, { ...req, path: match.path }),
        );
      return answer(match.service, { ...req, path: match.path });
    },
    stats() {
      return {
        ...Object.fromEntries(servers.map((service) => [service.key, service.stats()])),
        faults: faults.stats(),
      };
    },
    reset() {
      clock.reset();
      clarisIds.reset();
      liveOptions = structuredClone(fixture.options);
      for (const service of servers) {
        service.liveOptions?.reset();
        service.reset();
      }
      faults.reset();
    },
    // The fixture holds passwords: keep them out of dumps of the mock (they stay readable on purpose).
    [inspect.custom]: () => `Mock { services: ${services.map((s) => s.key).join(', ')} }`,
    readiness(baseUrl) {
      lastBaseUrl = baseUrl;
      const endpoints: Record<string, string> = {};
      const extras: Record<string, unknown> = {};
      for (const service of services) {
        endpoints[service.key] = `${baseUrl}${service.prefix}`;
        const { endpoints: more, ...rest } = service.readiness?.(baseUrl) ?? {};
        Object.assign(endpoints, more);
        Object.assign(extras, rest);
      }
      return { endpoints, ...extras };
    },
  };

  const control = new ControlService({
    clock,
    services: () => servers,
    endpoints: () => mock.readiness(lastBaseUrl).endpoints,
    stats: () => mock.stats(),
    reset: () => mock.reset(),
    faults,
    options: () => allOptions(liveOptions, servers),
    updateOptions(patch) {
      const plan = planOptionsPatch(patch, liveOptions, servers);
      if (!plan.ok) return plan.problem;
      liveOptions = plan.apply();
      return undefined;
    },
  });
  const services: readonly MockService[] = [...servers, control];
  assertUniqueServices(services);
  assertOwnOptionSections(servers, Object.keys(fixture.options));
  assertUniqueControlRoutes(control);
  return mock;
}

export { CONTROL_PREFIX };

let internalErrorReporter: (error: unknown) => void = (error) => {
  console.error('[fmauth-mock] internal error:', error);
};

/** Where unexpected exceptions are reported (stderr by default; the CLI's --quiet silences it). */
export function setInternalErrorReporter(reporter: (error: unknown) => void): void {
  internalErrorReporter = reporter;
}

function reportInternalError(error: unknown): void {
  internalErrorReporter(error);
}

/** The service's answer; an unexpected exception becomes a 951, never a stack trace to the client. */
async function answer(service: MockService, req: MockRequest): Promise<MockResponse> {
  try {
    const response = await service.handle(req);
    // A third party's slip (no return, a bad status or header) must not take the adapter down.
    const problem = responseProblem(response);
    if (problem)
      throw new TypeError(`mock service "${service.key}" answered ${req.method} ${req.path} with ${problem}`);
    return response;
  } catch (error) {
    // The adapter's reporter logs it for whoever runs the mock.
    reportInternalError(error);
    return jsonResponse(500, {
      messages: [{ code: '951', message: 'An unexpected error occurred (*)' }],
      response: {},
    });
  }
}

/** The service with the longest prefix that matches `path`, and the path below that prefix. */
function route(
  services: readonly MockService[],
  path: string,
): { service: MockService; path: string } | undefined {
  let best: MockService | undefined;
  for (const service of services) {
    const prefix = service.prefix;
    const matches = prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    if (matches && (!best || prefix.length > best.prefix.length)) best = service;
  }
  if (!best) return undefined;
  return { service: best, path: path.slice(best.prefix.length) || '/' };
}

/** `GET /stats` lists the fault injector's counters beside the services' under this key. */
const RESERVED_KEYS = new Set(['faults']);

/** What a service factory returned, as a list, or a clear error naming what is missing. */
function checkedServices(made: MockService | readonly MockService[], factory: string): MockService[] {
  const list: unknown[] = Array.isArray(made) ? [...made] : [made];
  for (const service of list) {
    const candidate = service as Partial<Record<keyof MockService, unknown>> | null | undefined;
    const missing = (['key', 'prefix', 'handle', 'stats', 'reset'] as const).filter((member) =>
      member === 'key' || member === 'prefix'
        ? typeof candidate?.[member] !== 'string'
        : typeof candidate?.[member] !== 'function',
    );
    if (missing.length > 0)
      throw new TypeError(
        `the mock service factory ${factory} returned something that is not a MockService (missing or wrong: ${missing.join(', ')})`,
      );
  }
  return list as MockService[];
}

/** A clear error for a composition mistake, e.g. a third-party service mounted over one of ours. */
function assertUniqueServices(services: readonly MockService[]): void {
  const prefixes = new Map<string, string>();
  const keys = new Set<string>();
  for (const service of services) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(service.key))
      throw new Error(
        `mock service key ${JSON.stringify(service.key)}: use letters, digits, "-" or "_", starting with a letter (e.g. "acmeIdp")`,
      );
    if (RESERVED_KEYS.has(service.key))
      throw new Error(
        `mock service key "${service.key}" is reserved: /stats reports the fault injector under it`,
      );
    const other = prefixes.get(service.prefix);
    if (other !== undefined)
      throw new Error(`mock services "${other}" and "${service.key}" share the prefix "${service.prefix}"`);
    if (keys.has(service.key)) throw new Error(`two mock services share the key "${service.key}"`);
    // Unreserved URL characters only: the prefix is compared with the path as sent, still encoded.
    if (service.prefix !== '' && !/^(\/[A-Za-z0-9._~-]+)+$/.test(service.prefix))
      throw new Error(
        `mock service "${service.key}": prefix ${JSON.stringify(service.prefix)} must be "" (the root) or "/segment[/segment…]" of letters, digits, ".", "_", "~", "-", without a trailing "/"`,
      );
    prefixes.set(service.prefix, service.key);
    keys.add(service.key);
  }
}

/** Two services (or a service and the control API itself) claiming one control path and method. */
function assertUniqueControlRoutes(control: ControlService): void {
  const seen = new Set<string>();
  for (const route of control.routes()) {
    const id = `${route.method} ${route.path}`;
    if (seen.has(id)) throw new Error(`two control routes are declared as ${id}: give one another path`);
    seen.add(id);
  }
}

/** A service's live options live under its key in `/options`: that must not be a section of ours. */
function assertOwnOptionSections(services: readonly MockService[], ourSections: readonly string[]): void {
  for (const service of services) {
    const live = service.liveOptions as Partial<Record<string, unknown>> | undefined;
    if (live === undefined) continue;
    if (
      ['preview', 'apply', 'reset'].some((member) => typeof live[member] !== 'function') ||
      !('current' in live)
    )
      throw new TypeError(
        `mock service "${service.key}": liveOptions must be a LiveOptions (new LiveOptions({...}))`,
      );
    if (ourSections.includes(service.key))
      throw new Error(
        `mock service "${service.key}" has live options, but "${service.key}" is already a section of the mock's options: give the service another key`,
      );
  }
}

/** What is wrong with a service's answer, or `undefined` when both adapters can send it. */
function responseProblem(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return `${String(response)}, not a MockResponse`;
  const { status, headers, body, transport } = response as Partial<Record<keyof MockResponse, unknown>>;
  if (transport !== undefined) return undefined;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)
    return `status ${String(status)}: it must be a whole number from 100 to 599`;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body))
    return 'a body that is neither a string nor a Buffer';
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null) return 'headers that are not an object';
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
      if (typeof value !== 'string') throw new TypeError('not a string');
      validateHeaderValue(name, value);
    } catch {
      return `an invalid header ${JSON.stringify(name.slice(0, 64))}`;
    }
  }
  return undefined;
}
