import { randomBytes } from 'node:crypto';
import type { MockClock } from '../../core/mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import { ADMIN, adminOk, adminResponse } from './admin-messages.js';

/** The flavor's verdict on an Admin API login request. */
export type AdminLoginDecision =
  | { readonly ok: true; readonly user: string; readonly expiresAt?: number }
  | { readonly ok: false; readonly response: MockResponse };

export interface AdminSession {
  readonly token: string;
  readonly user: string;
  lastUsedAt: number;
  readonly expiresAt: number;
}

/** An authenticated Admin API route a flavor adds, e.g. `schedules/filemakerscript`. */
export interface AdminRoute {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below `/fmi/admin/api/v2/`, `:name` segments capture parameters, e.g. `schedules/:id`. */
  readonly path: string;
  handle(
    req: MockRequest,
    params: Readonly<Record<string, string>>,
    session: AdminSession,
  ): MockResponse | Promise<MockResponse>;
}

export interface AdminApiConfig {
  readonly clock: MockClock;
  /** Idle minutes before an Admin API token expires (15, like the Data API). */
  readonly sessionIdleMinutes?: number;
  readonly maxSessions?: number;
  /** Checks the credentials of `POST /fmi/admin/api/v2/user/auth` (Basic, FMID, PKI, …); may be async. */
  login(req: MockRequest): AdminLoginDecision | Promise<AdminLoginDecision>;
  readonly routes?: readonly AdminRoute[];
}

const V1_NOT_SUPPORTED =
  'FileMaker Admin API version 1 is not supported. To learn about FileMaker Admin API version 2, see FileMaker Admin API Reference at https://<host>/fmi/admin/apidoc';

/**
 * The Admin API's authentication surface, shared by the flavors that have one: login
 * (`POST /fmi/admin/api/v2/user/auth`, token in the body), logout (`DELETE …/user/auth/{token}`, the
 * token in the path is enough), bearer checks with a 15-minute idle expiry, plus the routes a flavor
 * adds. Messages are keyed `text`, as the Admin API sends them.
 */
export class AdminApi {
  readonly #config: AdminApiConfig;
  readonly #sessions = new Map<string, AdminSession>();
  #counters = { adminLogins: 0, adminFailedLogins: 0, adminRequests: 0 };

  constructor(config: AdminApiConfig) {
    this.#config = config;
  }

  /** Handles `segments` that start with `fmi/admin/api`; `undefined` for other paths. */
  async handle(req: MockRequest, segments: readonly string[]): Promise<MockResponse | undefined> {
    const [fmi, admin, api, version, ...rest] = segments.map((s) => s.toLowerCase());
    if (fmi !== 'fmi' || admin !== 'admin' || api !== 'api') return undefined;
    this.#counters.adminRequests++;
    if (version === 'v1') return jsonResponse(400, { errorMessage: V1_NOT_SUPPORTED, result: -1 });
    if (version !== 'v2') return adminResponse(404, ADMIN.notFound);
    const original = segments.slice(4);
    if (rest[0] === 'user' && rest[1] === 'auth') {
      if (rest.length === 2 && req.method === 'POST') return this.#login(req);
      if (rest.length === 3 && req.method === 'DELETE') return this.#logout(original[2] as string);
      return adminResponse(405, ADMIN.notFound);
    }
    for (const route of this.#config.routes ?? []) {
      const params = matchPath(route.path, original);
      if (!params || route.method !== req.method) continue;
      const session = this.#authorize(req);
      if ('status' in session) return session;
      return route.handle(req, params, session);
    }
    return adminResponse(404, ADMIN.notFound);
  }

  stats(): Record<string, number> {
    return { ...this.#counters, adminActiveSessions: this.activeCount() };
  }

  activeCount(): number {
    for (const [token, session] of this.#sessions) if (!this.#alive(session)) this.#sessions.delete(token);
    return this.#sessions.size;
  }

  /** Ends every Admin API session, as a server restart does. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  reset(): void {
    this.#sessions.clear();
    this.#counters = { adminLogins: 0, adminFailedLogins: 0, adminRequests: 0 };
  }

  async #login(req: MockRequest): Promise<MockResponse> {
    const decision = await this.#config.login(req);
    if (!decision.ok) {
      this.#counters.adminFailedLogins++;
      return decision.response;
    }
    if (this.activeCount() >= (this.#config.maxSessions ?? 100)) {
      this.#counters.adminFailedLogins++;
      return adminResponse(500, ADMIN.maxSessions);
    }
    const now = this.#config.clock.now();
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(token, {
      token,
      user: decision.user,
      lastUsedAt: now,
      expiresAt: decision.expiresAt ?? Number.POSITIVE_INFINITY,
    });
    this.#counters.adminLogins++;
    return adminOk({ token });
  }

  #logout(token: string): MockResponse {
    const session = this.#sessions.get(token);
    if (!session || !this.#alive(session)) return adminResponse(401, ADMIN.accessDenied);
    this.#sessions.delete(token);
    return adminOk();
  }

  #authorize(req: MockRequest): AdminSession | MockResponse {
    const header = req.headers.authorization;
    if (!header) return adminResponse(401, ADMIN.missingAuthorization);
    const match = /^bearer\s+(\S+)$/i.exec(header.trim());
    const session = match ? this.#sessions.get(match[1] as string) : undefined;
    if (!session || !this.#alive(session)) return adminResponse(401, ADMIN.accessDenied);
    session.lastUsedAt = this.#config.clock.now();
    return session;
  }

  #alive(session: AdminSession): boolean {
    const now = this.#config.clock.now();
    const idleMs = (this.#config.sessionIdleMinutes ?? 15) * 60_000;
    return now < session.expiresAt && now - session.lastUsedAt < idleMs;
  }
}

function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const actual = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = actual;
    else if (part.toLowerCase() !== actual.toLowerCase()) return undefined;
  }
  return params;
}
