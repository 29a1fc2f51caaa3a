import type { MockRequest, MockResponse } from '../../core/mock-http.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';

/** A flavor's verdict on an OData request's credentials for one hosted file. */
export type ODataAuthVerdict =
  | { readonly ok: true; readonly account: string }
  /** `response` replaces the default 401 (e.g. FileMaker Cloud's HTML page for an expired FMID). */
  | { readonly ok: false; readonly code?: '212' | '9'; readonly response?: MockResponse };

/** What a server flavor gives the OData simulation: its live switches and its credential check. */
export interface ODataFlavor {
  /** The live `options.odata` (read per request: the control API may change them). */
  readonly options: () => ODataOptions;
  /**
   * Checks the request's credentials for `db`. OData has no session: every request carries them
   * (Basic on FileMaker Server and Claris Server, `FMID <ID token>` on FileMaker Cloud).
   */
  authenticate(req: MockRequest, db: HostedDatabase): ODataAuthVerdict | Promise<ODataAuthVerdict>;
  /**
   * The service root's list: which of `databases` these credentials open. Default: `authenticate` on
   * each. A flavor whose credentials are not per file (Claris ID) checks them once here, so one
   * refused request counts once (e.g. in `rejectedClarisIdPasswords`).
   */
  openable?(
    req: MockRequest,
    databases: readonly HostedDatabase[],
  ): readonly HostedDatabase[] | Promise<readonly HostedDatabase[]>;
}
