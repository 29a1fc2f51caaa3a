import type { ControlRoute } from './control-route.js';
import type { ServiceLiveOptions } from './live-options.js';
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
  /**
   * Key in the readiness line's `endpoints`, in `/stats` and in fault injection's `service`, e.g.
   * `filemakerServer`. Letters, digits, `-` and `_`, starting with a letter; unique; not `faults`.
   */
  readonly key: string;
  /**
   * Path prefix: `''` for the root, else `/segment[/segment…]` of unreserved URL characters, no
   * trailing slash. Unique; the longest prefix matching a request's path wins.
   */
  readonly prefix: string;
  /**
   * Answers one request; `req.path` is the path below the prefix (`'/'` at least). An exception, or an
   * answer that cannot be sent (no status from 100 to 599, an invalid header, a body that is not a
   * string or Buffer), becomes FileMaker's 951 answer (HTTP 500) and is reported, never shown.
   */
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
  /**
   * Mock-only endpoints this service adds to the control API (paths below `/__control`). Read once, when the
   * mock is built; a method and path another route has is an error then.
   */
  controlRoutes?(): readonly ControlRoute[];
  /**
   * Behaviour switches tests change while the mock runs: shown by `GET /__control/options` under this
   * service's key, changed by `PATCH /__control/options` with `{"<key>": {…}}`, restored on reset.
   */
  readonly liveOptions?: ServiceLiveOptions;
  /** Ends every session, as a server restart does (`POST /sessions/expire` on the control API). */
  expireSessions?(): void;
}
