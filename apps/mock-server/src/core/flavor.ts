import type { ControlRoute } from './control-route.js';
import type { MockRequest, MockResponse } from './mock-http.js';

/**
 * One simulated server (or the control API) mounted under a path prefix of the mock. Each flavor
 * owns its state; the mock routes by the longest matching prefix.
 */
export interface Flavor {
  /** Key in the readiness line's `endpoints` and in `/stats`, e.g. `filemakerServer`. */
  readonly key: string;
  /** Path prefix, `''` for the root. No trailing slash. */
  readonly prefix: string;
  handle(req: MockRequest): MockResponse | Promise<MockResponse>;
  /** Counters for `GET /stats`. */
  stats(): Record<string, number>;
  /** Back to the fixture's initial state: sessions, records, counters. */
  reset(): void;
  /**
   * Extra fields for the readiness line (e.g. a Cognito pool id), merged at the top level; an
   * `endpoints` object in it is merged into the readiness endpoints.
   */
  readiness?(baseUrl: string): Record<string, unknown>;
  /** Mock-only endpoints this flavor adds to the control API. */
  controlRoutes?(): readonly ControlRoute[];
  /** Ends every session, as a server restart does (`POST /sessions/expire` on the control API). */
  expireSessions?(): void;
}
