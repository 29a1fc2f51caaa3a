import type { ControlRoute } from '../../core/control-route.js';
import type { MockClock } from '../../core/mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse, readJsonBody } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { exactSegments, type RouteAnswer, RouteTable } from '../../core/route-table.js';
import { faultControlRoutes } from '../../faults/fault-control-routes.js';
import type { MockFaults } from '../../faults/mock-faults.js';

/** What the control API needs from the mock it controls. */
export interface ControlTarget {
  readonly clock: MockClock;
  services(): readonly MockService[];
  endpoints(): Record<string, string>;
  stats(): Record<string, Record<string, number>>;
  reset(): void;
  options(): unknown;
  /** Merges a partial options object; returns an error message when it is invalid. */
  updateOptions(patch: unknown): string | undefined;
  /** Injected faults (`/faults`). */
  readonly faults: MockFaults;
}

export const CONTROL_PREFIX = '/__control';

/**
 * The mock-only control API, apart from every simulated server's paths: counters for CI assertions,
 * reset, a movable clock, live behaviour switches, and whatever routes the services add.
 */
export class ControlService implements MockService {
  readonly key = 'control';
  readonly prefix = CONTROL_PREFIX;
  readonly #target: ControlTarget;
  // Built on first use: the services' control routes are read once, after every service is mounted.
  #routeList: ControlRoute[] | undefined;
  #table: RouteTable | undefined;

  constructor(target: ControlTarget) {
    this.#target = target;
  }

  stats(): Record<string, number> {
    return {};
  }

  reset(): void {}

  handle(req: MockRequest): RouteAnswer {
    // Control paths are matched as sent (case kept, not decoded), a trailing "/" ignored.
    const path = req.path.replace(/\/+$/, '') || '/';
    this.routes();
    return (this.#table as RouteTable).dispatch({ ...req, path }, exactSegments(path));
  }

  /**
   * Every control route: the built-in ones, then those of each service in mounting order. The first
   * call reads the services' routes and compiles the table, so a malformed route fails then.
   */
  routes(): ControlRoute[] {
    if (!this.#routeList) {
      const routes = this.#routes();
      this.#table = this.#buildTable(routes);
      this.#routeList = routes;
    }
    return this.#routeList;
  }

  #buildTable(routes: readonly ControlRoute[]): RouteTable {
    const listing = () => routes.map((r) => `${r.method} ${r.path}`);
    return new RouteTable(
      routes.map((route) => ({
        method: route.method,
        path: route.path,
        handle: (req: MockRequest) => {
          const body = readJsonBody(req);
          if (body instanceof SyntaxError) return jsonResponse(400, { error: 'the body is not valid JSON' });
          return route.handle(body, req);
        },
      })),
      {
        caseSensitive: true,
        notFound: (req) =>
          jsonResponse(404, { error: `unknown control path ${req.path}`, routes: listing() }),
        methodNotAllowed: (req) =>
          jsonResponse(405, { error: `method ${req.method} not allowed on ${req.path}`, routes: listing() }),
      },
    );
  }

  #routes(): ControlRoute[] {
    const target = this.#target;
    const builtIn: ControlRoute[] = [
      {
        method: 'GET',
        path: '/',
        description: 'this index: endpoints and routes',
        handle: () =>
          jsonResponse(200, {
            endpoints: target.endpoints(),
            routes: this.routes().map((r) => ({
              method: r.method,
              path: r.path,
              description: r.description,
            })),
          }),
      },
      {
        method: 'GET',
        path: '/stats',
        description: 'counters per service: logins, failed logins, active sessions, requests, …',
        handle: () => jsonResponse(200, target.stats()),
      },
      {
        method: 'POST',
        path: '/reset',
        description: 'back to the fixture: sessions, records, counters, options and the clock; clears faults',
        handle: () => {
          target.reset();
          return jsonResponse(200, { reset: true });
        },
      },
      {
        method: 'GET',
        path: '/clock',
        description: 'the mock clock: now (ms since epoch) and offsetMs',
        handle: () => jsonResponse(200, clockState(target.clock)),
      },
      {
        method: 'POST',
        path: '/clock',
        description:
          'move the clock forward: {"advanceMs": n} or {"advanceSeconds": n} or {"advanceMinutes": n}',
        handle: (body) => advanceClock(target.clock, body),
      },
      {
        method: 'GET',
        path: '/options',
        description: 'the live behaviour switches',
        handle: () => jsonResponse(200, target.options()),
      },
      {
        method: 'PATCH',
        path: '/options',
        description: 'change behaviour switches, e.g. {"dataApi": {"dataApiEnabled": false}}',
        handle: (body) => {
          const problem = target.updateOptions(body);
          return problem ? jsonResponse(400, { error: problem }) : jsonResponse(200, target.options());
        },
      },
      {
        method: 'POST',
        path: '/sessions/expire',
        description: 'end every Data API session at once, as a server restart does',
        handle: () => {
          for (const service of target.services()) service.expireSessions?.();
          return jsonResponse(200, { expired: true });
        },
      },
      ...faultControlRoutes(target.faults),
    ];
    return [...builtIn, ...target.services().flatMap((service) => service.controlRoutes?.() ?? [])];
  }
}

function clockState(clock: MockClock) {
  return { now: clock.now(), iso: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs };
}

function advanceClock(clock: MockClock, body: unknown): MockResponse {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const units: Array<[string, number]> = [
    ['advanceMs', 1],
    ['advanceSeconds', 1000],
    ['advanceMinutes', 60_000],
  ];
  const given = units.filter(([key]) => input[key] !== undefined);
  const [unit] = given;
  if (given.length !== 1 || !unit) {
    return jsonResponse(400, { error: 'give exactly one of advanceMs, advanceSeconds, advanceMinutes' });
  }
  const amount = input[unit[0]];
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    return jsonResponse(400, {
      error: `${unit[0]} must be a non-negative number (the clock only moves forward)`,
    });
  }
  clock.advance(amount * unit[1]);
  return jsonResponse(200, clockState(clock));
}
