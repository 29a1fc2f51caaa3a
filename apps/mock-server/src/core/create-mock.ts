import { inspect } from 'node:util';
import { FaultInjector, type MockFaults } from '../faults/mock-faults.js';
import {
  type Fixture,
  type FixtureInput,
  type MockOptionsState,
  optionsSchema,
} from '../fixture/fixture-schema.js';
import { resolveFixture } from '../fixture/load-fixture.js';
import { CONTROL_PREFIX, ControlFlavor } from '../flavors/control/control-flavor.js';
import { FLAVOR_FACTORIES } from '../flavors/registry.js';
import { ClarisIdDirectory } from '../shared/claris-id-directory.js';
import type { Flavor } from './flavor.js';
import { MockClock } from './mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse } from './mock-http.js';

export interface CreateMockOptions {
  /** A fixture object, the path of a JSON fixture file, or nothing for the default fixture. */
  readonly fixture?: string | FixtureInput | Fixture;
}

/**
 * The transport-free heart of the mock: every simulated server plus the control API, answering plain
 * {@link MockRequest}s. The node:http server and the msw handlers are thin adapters around it.
 */
export interface Mock {
  readonly fixture: Fixture;
  readonly clock: MockClock;
  readonly flavors: readonly Flavor[];
  handle(req: MockRequest): Promise<MockResponse>;
  /** Counters per flavor, as `GET /stats` returns them, plus `faults` (injected and pending faults). */
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
  const servers: Flavor[] = FLAVOR_FACTORIES.flatMap((factory) => factory(context));
  const faults = new FaultInjector(() => servers.map((flavor) => flavor.key));

  const mock: Mock & { [inspect.custom](): string } = {
    fixture,
    clock,
    get flavors() {
      return flavors;
    },
    get options() {
      return liveOptions;
    },
    faults,
    async handle(req) {
      const match = route(flavors, req.path);
      if (!match) return jsonResponse(404, { error: 'no simulated server at this path' });
      // The control API itself never fails: it is how a test turns faults off.
      const fault =
        match.flavor === control ? undefined : faults.take(match.flavor.key, req.method, match.path);
      if (fault)
        return faults.inject(fault, match.flavor.key, () =>
          answer(match.flavor, { ...req, path: match.path }),
        );
      return answer(match.flavor, { ...req, path: match.path });
    },
    stats() {
      return {
        ...Object.fromEntries(servers.map((flavor) => [flavor.key, flavor.stats()])),
        faults: faults.stats(),
      };
    },
    reset() {
      clock.reset();
      clarisIds.reset();
      liveOptions = structuredClone(fixture.options);
      for (const flavor of servers) flavor.reset();
      faults.reset();
    },
    // The fixture holds passwords: keep them out of dumps of the mock (they stay readable on purpose).
    [inspect.custom]: () => `Mock { flavors: ${flavors.map((f) => f.key).join(', ')} }`,
    readiness(baseUrl) {
      lastBaseUrl = baseUrl;
      const endpoints: Record<string, string> = {};
      const extras: Record<string, unknown> = {};
      for (const flavor of flavors) {
        endpoints[flavor.key] = `${baseUrl}${flavor.prefix}`;
        const { endpoints: more, ...rest } = flavor.readiness?.(baseUrl) ?? {};
        Object.assign(endpoints, more);
        Object.assign(extras, rest);
      }
      return { endpoints, ...extras };
    },
  };

  const control = new ControlFlavor({
    clock,
    flavors: () => servers,
    endpoints: () => mock.readiness(lastBaseUrl).endpoints,
    stats: () => mock.stats(),
    reset: () => mock.reset(),
    faults,
    options: () => liveOptions,
    updateOptions(patch) {
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'send a JSON object';
      const merged: Record<string, unknown> = structuredClone(liveOptions);
      for (const [section, values] of Object.entries(patch)) {
        const current = merged[section];
        merged[section] =
          typeof current === 'object' && current !== null && typeof values === 'object'
            ? { ...current, ...values }
            : values;
      }
      const result = optionsSchema.safeParse(merged);
      if (!result.success) {
        return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      }
      liveOptions = result.data;
      return undefined;
    },
  });
  const flavors: readonly Flavor[] = [...servers, control];
  assertUniquePrefixes(flavors);
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

/** The flavor's answer; an unexpected exception becomes a 951, never a stack trace to the client. */
async function answer(flavor: Flavor, req: MockRequest): Promise<MockResponse> {
  try {
    return await flavor.handle(req);
  } catch (error) {
    // The adapter's reporter logs it for whoever runs the mock.
    reportInternalError(error);
    return jsonResponse(500, {
      messages: [{ code: '951', message: 'An unexpected error occurred (*)' }],
      response: {},
    });
  }
}

/** The flavor with the longest prefix that matches `path`, and the path below that prefix. */
function route(flavors: readonly Flavor[], path: string): { flavor: Flavor; path: string } | undefined {
  let best: Flavor | undefined;
  for (const flavor of flavors) {
    const prefix = flavor.prefix;
    const matches = prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    if (matches && (!best || prefix.length > best.prefix.length)) best = flavor;
  }
  if (!best) return undefined;
  return { flavor: best, path: path.slice(best.prefix.length) || '/' };
}

function assertUniquePrefixes(flavors: readonly Flavor[]): void {
  const seen = new Set<string>();
  for (const flavor of flavors) {
    if (seen.has(flavor.prefix)) throw new Error(`two mock flavors share the prefix "${flavor.prefix}"`);
    seen.add(flavor.prefix);
  }
}
