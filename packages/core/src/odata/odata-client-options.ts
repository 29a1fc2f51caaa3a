import type { AuthorizationEvent } from '../authorization/provider-options.js';
import type { ClientOptionsBase } from '../http/client-options.js';
import type { AuthStrategy } from '../strategy.js';

/**
 * Options of {@link createODataClient}. Transport options (`dispatcher`, `tls`, `proxy`, `timeouts`,
 * `limits`) mean what they mean for the Data API session: `timeouts.requestMs` bounds each OData
 * call, `timeouts.loginMs` the strategy's sign-in, `limits.callBytes` each answer.
 */
export interface ODataClientOptions extends ClientOptionsBase<AuthorizationEvent> {
  /**
   * The server's address, without `/fmi/odata/v4` (the same value as a Data API session's).
   * @example 'https://fms.example.com'
   */
  readonly baseUrl: string | URL;
  /** The hosted file, without `.fmp12`. */
  readonly database: string;
  /** How to authenticate: `fileMakerServer(…)`, `fileMakerCloud(…)`, `clarisServer(…)` or your own. */
  readonly strategy: AuthStrategy;
  /**
   * Fetch fresh credentials this long before the strategy's `validUntil` (FileMaker Cloud's Claris ID
   * token expiry). Milliseconds; default 60 000.
   */
  readonly refreshMarginMs?: number;
  /** Observe credential fetches and refusals (for metrics and logs). Must not throw. */
  readonly onEvent?: (event: AuthorizationEvent) => void;
}
