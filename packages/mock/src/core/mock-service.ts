import type { ControlRoute } from './control-route.js';
import type { MockRequest, MockResponse } from './mock-http.js';

/**
 * A **service**: one simulated product (a FileMaker Server's web server, Cognito, Claris Studio, the
 * control API, or one a third party adds) mounted under a path prefix of the mock. Each service owns
 * its state; the mock routes a request to the service with the longest matching prefix.
 *
 * "Flavor" is kept for the kind of FileMaker server a service simulates (FileMaker Server, FileMaker
 * Cloud, Claris Server), as in `hostedOn` and core's `detectServerFlavor()`.
 */
export interface MockService {
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
