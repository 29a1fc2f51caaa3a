import type { MockRequest, MockResponse } from './mock-http.js';

/**
 * A mock-only endpoint under the control prefix, contributed by a service (e.g. "set a Claris Server
 * extended password" for CI). `body` is the parsed JSON body, `undefined` when empty.
 */
export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the control prefix, e.g. `/claris-id/extended-password`. */
  readonly path: string;
  /** One line for the control API's index. */
  readonly description: string;
  handle(body: unknown, req: MockRequest): MockResponse | Promise<MockResponse>;
}
