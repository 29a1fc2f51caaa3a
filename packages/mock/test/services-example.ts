// The complete example of docs/services.md, quoted there between the "example:start" and
// "example:end" lines (test/services-docs-in-step.test.ts keeps the two identical, reading the import
// of '../src/index.js' as '@fmauth/mock', as a user writes it). It is type-checked with the package
// and mounted by test/services-composition.test.ts and services-msw.test.ts.
// example:start
import { randomUUID } from 'node:crypto';
import {
  type ControlRoute,
  jsonResponse,
  LiveOptions,
  type MockClock,
  type MockRequest,
  type MockService,
  RouteTable,
  readJsonBody,
  type ServiceFactory,
} from '../src/index.js';

interface License {
  readonly product: string;
  readonly expiresAt: number;
}

/**
 * A simulated license server of a third party: `POST /licenses` issues a license that lasts
 * `ttlMinutes` on the mock clock, `GET /licenses/:id` checks one, `DELETE /licenses/:id` revokes it.
 */
export class LicenseService implements MockService {
  readonly key = 'acmeLicenses';
  readonly prefix = '/acme-licenses';
  // `PATCH /__control/options` with {"acmeLicenses": {"ttlMinutes": 5}} changes it for new licenses.
  readonly liveOptions: LiveOptions<{ ttlMinutes: number }>;
  readonly #clock: MockClock;
  #licenses = new Map<string, License>();
  #counters = { issued: 0, checks: 0, expiredChecks: 0 };

  constructor(clock: MockClock, ttlMinutes: number) {
    this.#clock = clock;
    this.liveOptions = new LiveOptions({ ttlMinutes }, (o) =>
      o.ttlMinutes > 0 ? undefined : 'ttlMinutes must be above 0',
    );
  }

  // The URL map in one place; unknown paths get a JSON 404, a known path with another method a 405.
  readonly #routes = new RouteTable([
    { method: 'POST', path: '/licenses', handle: (req) => this.#issue(req) },
    { method: 'GET', path: '/licenses/:id', handle: (_req, params) => this.#check(params.id ?? '') },
    { method: 'DELETE', path: '/licenses/:id', handle: (_req, params) => this.#revoke(params.id ?? '') },
  ]);

  handle(req: MockRequest) {
    return this.#routes.dispatch(req);
  }

  stats(): Record<string, number> {
    return { ...this.#counters, active: this.#licenses.size };
  }

  reset(): void {
    this.#licenses = new Map();
    this.#counters = { issued: 0, checks: 0, expiredChecks: 0 };
  }

  // `POST /__control/sessions/expire` ends every session of every service, ours included.
  expireSessions(): void {
    this.#licenses.clear();
  }

  controlRoutes(): readonly ControlRoute[] {
    return [
      {
        method: 'GET',
        path: '/acme-licenses',
        description: 'every license the Acme license server issued, with its expiry',
        handle: () => jsonResponse(200, { licenses: Object.fromEntries(this.#licenses) }),
      },
    ];
  }

  readiness(): Record<string, unknown> {
    return { acmeLicenses: { ttlMinutes: this.liveOptions.current.ttlMinutes } };
  }

  #issue(req: MockRequest) {
    const body = readJsonBody(req) as { product?: unknown } | undefined | SyntaxError;
    if (body instanceof SyntaxError || typeof body?.product !== 'string' || body.product === '')
      return jsonResponse(400, { error: 'send {"product": "<name>"}' });
    const id = randomUUID();
    const ttlMs = this.liveOptions.current.ttlMinutes * 60_000;
    const license = { product: body.product, expiresAt: this.#clock.now() + ttlMs };
    this.#licenses.set(id, license);
    this.#counters.issued++;
    return jsonResponse(201, { id, ...license }, { location: `${req.origin}${this.prefix}/licenses/${id}` });
  }

  #check(id: string) {
    this.#counters.checks++;
    const license = this.#licenses.get(id);
    if (!license) return jsonResponse(404, { error: 'no such license' });
    if (license.expiresAt <= this.#clock.now()) {
      this.#counters.expiredChecks++;
      return jsonResponse(410, { error: 'license expired', ...license });
    }
    return jsonResponse(200, { valid: true, ...license });
  }

  #revoke(id: string) {
    return this.#licenses.delete(id) ? { status: 204 } : jsonResponse(404, { error: 'no such license' });
  }
}

/** Mount it with `createMock({ services: [licenseService()] })` (or startMockServer, createMockHandlers). */
export function licenseService(options: { ttlMinutes?: number } = {}): ServiceFactory {
  return (ctx) => new LicenseService(ctx.clock, options.ttlMinutes ?? 60);
}
// example:end
