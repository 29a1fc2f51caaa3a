import type { MockRequest, MockResponse } from '../../core/mock-http.js';
import type { FileMakerCloudOptions } from '../../fixture/sections/cloud.js';
import type { AdminLoginDecision } from '../admin-api/admin-api.js';
import { ADMIN, adminResponse } from '../admin-api/admin-messages.js';
import type { LoginDecision } from '../data-api/data-api-service.js';
import { FM, fmResponse } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { rejectedAdminFmidResponse, rejectedFmidResponse } from './fmid-rejection.js';
import type { FmidVerdict } from './fmid-verdict.js';

const listed = (access: '*' | readonly string[], email: string) =>
  access === '*' || access.some((entry) => entry.toLowerCase() === email.toLowerCase());

/**
 * FileMaker Cloud's Data API login: only `Authorization: FMID <ID token>` (already checked into
 * `verdict`), for a Claris ID with access to the database. The session ends when the token expires.
 */
export function cloudDataApiLogin(
  req: MockRequest,
  db: HostedDatabase,
  verdict: FmidVerdict | undefined,
  options: FileMakerCloudOptions,
): LoginDecision {
  const reject = (response: MockResponse): LoginDecision => ({ ok: false, response });
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization.trim() === '') {
    return reject(fmResponse(401, FM.loginWithoutAuthorization));
  }
  // [guess] Basic (or any non-FMID scheme) is answered like a bad account, in JSON.
  if (!verdict) return reject(fmResponse(401, FM.invalidAccount));
  if (!verdict.ok) return reject(rejectedFmidResponse(options));
  const user = verdict.user;
  if (!user?.enabled || !listed(db.fixture.clarisIdAccess, user.email)) {
    return reject(fmResponse(401, FM.invalidAccount));
  }
  return { ok: true, account: user.email, expiresAt: verdict.expiresAt };
}

/** The Admin API login (`POST /fmi/admin/api/v2/user/auth`) with FMID; messages keyed `text`. */
export function cloudAdminLogin(
  req: MockRequest,
  verdict: FmidVerdict | undefined,
  options: FileMakerCloudOptions,
): AdminLoginDecision {
  const reject = (response: MockResponse): AdminLoginDecision => ({ ok: false, response });
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization.trim() === '') {
    return reject(adminResponse(401, ADMIN.missingAuthorization));
  }
  if (!verdict) return reject(adminResponse(401, ADMIN.invalidLogin));
  if (!verdict.ok) return reject(rejectedAdminFmidResponse(options));
  const user = verdict.user;
  if (!user?.enabled) return reject(adminResponse(401, ADMIN.invalidLogin));
  if (!listed(options.adminAccess, user.email)) return reject(adminResponse(401, ADMIN.accessDenied));
  return { ok: true, user: user.email, expiresAt: verdict.expiresAt };
}
