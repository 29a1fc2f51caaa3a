import type { MockClock } from '../../core/mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import { type Route, RouteTable } from '../../core/route-table.js';
import type { AdminApiOptions } from '../../fixture/sections/admin-api.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { ADMIN, type AdminMessage, adminOk, adminResponse } from './admin-messages.js';
import { type AdminSession, AdminSessions } from './admin-sessions.js';
import { databaseListing } from './database-listing.js';
import { ScriptSchedules, type ScriptSchedulesDeps } from './script-schedules.js';

export type { AdminSession } from './admin-sessions.js';

/** The flavor's verdict on Admin API credentials other than a bearer token (Basic, FMID, PKI, …). */
export type AdminLoginDecision =
  | { readonly ok: true; readonly user: string; readonly expiresAt?: number }
  | { readonly ok: false; readonly response: MockResponse };

export interface AdminApiConfig {
  readonly clock: MockClock;
  /** Live options (the control API may change them at any time, so they are read per request). */
  readonly options: () => AdminApiOptions;
  /**
   * Checks the credentials of a login (`POST …/user/auth`), or of any call made without a bearer token
   * (Basic, FMID, PKI, whichever the flavor accepts); may be async.
   */
  login(req: MockRequest): AdminLoginDecision | Promise<AdminLoginDecision>;
  /** The files this server hosts, for `GET databases`. */
  readonly databases: () => readonly HostedDatabase[];
  /** How the flavor's script schedules open their file (see {@link ScriptSchedules}). */
  readonly schedules: Omit<ScriptSchedulesDeps, 'clock'>;
}

const V1_NOT_SUPPORTED =
  'FileMaker Admin API version 1 is not supported. To learn about FileMaker Admin API version 2, see FileMaker Admin API Reference at https://<host>/fmi/admin/apidoc';

/** The text fmPDA and the Admin API table give 1703 (a bad login or JWT). */
const INVALID_CREDENTIALS_1703: AdminMessage = ['1703', 'Invalid username or password, or JSON Web Token'];

/**
 * The Admin API (`/fmi/admin/api/v2`), shared by the three flavors, which differ only in who may log
 * in ({@link AdminApiConfig.login}) and what a schedule's script account is checked against:
 *
 * - login `POST user/auth` (token in the body), logout `DELETE user/auth/{token}` (the token in the
 *   path is enough, no Authorization header needed);
 * - every other call takes `Bearer <token>`, or the flavor's login credentials, which open a new
 *   session and answer with its token in `X-FM-Access-Token`;
 * - tokens end 15 idle minutes after their last call (mock clock), or when the FMID that opened them
 *   expires; more than `maxSessions` at once gives 956;
 * - `GET server/status`, `GET databases`, and the script schedules (list, create, read, run, delete).
 *
 * Messages are keyed `text`, as the Admin API sends them.
 */
export class AdminApi {
  readonly #config: AdminApiConfig;
  readonly #sessions: AdminSessions;
  readonly #schedules: ScriptSchedules;
  readonly #routes: RouteTable;
  #counters = zeroCounters();

  constructor(config: AdminApiConfig) {
    this.#config = config;
    this.#sessions = new AdminSessions(config.clock, () => config.options().sessionIdleMinutes * 60_000);
    this.#schedules = new ScriptSchedules({ clock: config.clock, ...config.schedules });
    const authenticated = (route: Route): Route => ({
      method: route.method,
      path: route.path,
      handle: (req, params) => this.#authorized(req, () => route.handle(req, params)),
    });
    this.#routes = new RouteTable(
      [
        { method: 'POST', path: '/user/auth', handle: (req) => this.#login(req) },
        { method: 'DELETE', path: '/user/auth/:token', handle: (_req, p) => this.#logout(p.token as string) },
        authenticated({
          method: 'GET',
          path: '/server/status',
          handle: () => adminOk({ status: 'RUNNING' }),
        }),
        authenticated({
          method: 'GET',
          path: '/databases',
          handle: () => adminOk(databaseListing(config.databases())),
        }),
        ...this.#schedules.routes().map(authenticated),
      ],
      {
        notFound: () => adminResponse(404, ADMIN.notFound),
        // [guess] A wrong method on a known path is not recorded; 405 with 1700 is our reading.
        methodNotAllowed: () => adminResponse(405, ADMIN.notFound),
      },
    );
  }

  /** Handles `segments` that start with `fmi/admin/api`; `undefined` for other paths. */
  async handle(req: MockRequest, segments: readonly string[]): Promise<MockResponse | undefined> {
    const [fmi, admin, api, version] = segments.map((s) => s.toLowerCase());
    if (fmi !== 'fmi' || admin !== 'admin' || api !== 'api') return undefined;
    this.#counters.adminRequests++;
    if (version === 'v1') return jsonResponse(400, { errorMessage: V1_NOT_SUPPORTED, result: -1 });
    if (version !== 'v2') return adminResponse(404, ADMIN.notFound);
    return this.#routes.dispatch(req, segments.slice(4));
  }

  stats(): Record<string, number> {
    return {
      ...this.#counters,
      adminActiveSessions: this.#sessions.activeCount(),
      ...this.#schedules.stats(),
    };
  }

  /** Ends every Admin API session, as a server restart does. Schedules stay. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  reset(): void {
    this.#sessions.clear();
    this.#schedules.reset();
    this.#counters = zeroCounters();
  }

  async #login(req: MockRequest): Promise<MockResponse> {
    const opened = await this.#open(req);
    return 'status' in opened ? opened : adminOk({ token: opened.token });
  }

  /** Checks the flavor's credentials and opens a session, or answers why not. */
  async #open(req: MockRequest): Promise<AdminSession | MockResponse> {
    const decision = await this.#config.login(req);
    if (!decision.ok) {
      this.#counters.adminFailedLogins++;
      return decision.response;
    }
    const session = this.#sessions.open(
      decision.user,
      this.#config.options().maxSessions,
      decision.expiresAt,
    );
    if (!session) {
      this.#counters.adminFailedLogins++;
      return adminResponse(500, ADMIN.maxSessions);
    }
    this.#counters.adminLogins++;
    return session;
  }

  #logout(token: string): MockResponse {
    if (!this.#sessions.close(token)) return adminResponse(401, this.#rejectedToken());
    this.#counters.adminLogouts++;
    return adminOk();
  }

  /** Runs `action` for a bearer token's session, or for credentials that open one on the spot. */
  async #authorized(
    req: MockRequest,
    action: () => MockResponse | Promise<MockResponse>,
  ): Promise<MockResponse> {
    const header = req.headers.authorization?.trim();
    if (!header) return adminResponse(401, ADMIN.missingAuthorization);
    const bearer = /^bearer\s+(\S+)$/i.exec(header);
    if (bearer) {
      if (!this.#sessions.use(bearer[1] as string)) return adminResponse(401, this.#rejectedToken());
      return action();
    }
    const opened = await this.#open(req);
    if ('status' in opened) return opened;
    const response = await action();
    return { ...response, headers: { ...response.headers, 'x-fm-access-token': opened.token } };
  }

  #rejectedToken(): AdminMessage {
    return this.#config.options().rejectedTokenCode === '1703'
      ? INVALID_CREDENTIALS_1703
      : ADMIN.accessDenied;
  }
}

function zeroCounters() {
  return { adminLogins: 0, adminFailedLogins: 0, adminLogouts: 0, adminRequests: 0 };
}
