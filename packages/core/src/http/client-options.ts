import type { TransportOptions } from './transport-options.js';

/**
 * What every API client of this package takes besides its server, database and strategy: the
 * transport, the `http://` escape hatch, the clock and an event observer. Each client's options extend
 * it and may restate an option to word its TSDoc for that API (`onEvent` always is: events differ).
 */
export interface ClientOptionsBase<Event> extends TransportOptions {
  /** Allow `http://` to a non-loopback host. Sends credentials unencrypted; only for trusted networks. */
  readonly allowInsecureHttp?: boolean;
  /** Milliseconds since the epoch; replace in tests to move time. Default `Date.now`. */
  readonly clock?: () => number;
  /** Observe the client's logins and failures (for metrics and logs). Must not throw. */
  readonly onEvent?: (event: Event) => void;
}
