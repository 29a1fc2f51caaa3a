import type { MockRequest } from '../../core/mock-http.js';
import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import { secretsEqual } from '../../shared/constant-time.js';
import type { AdminLoginDecision } from '../admin-api/admin-api.js';
import { ADMIN, type AdminMessage, adminResponse } from '../admin-api/admin-messages.js';
import { readBasicCredentials } from '../data-api/basic-auth.js';

/** The Admin API table's text for 1703, the other candidate for a wrong admin login. */
const INVALID_CREDENTIALS_1703: AdminMessage = ['1703', 'Invalid username or password, or JSON Web Token'];

/**
 * Claris Server's Admin API login: HTTP Basic with the console administrator from
 * `options.clarisServer` (`adminUsername` / `adminPassword`). [guess] No source says how a Claris
 * Server administrator authenticates; we assume it works like FileMaker Server's root admin. Both
 * halves are compared in constant time, so a wrong name and a wrong password look alike.
 */
export function clarisServerAdminLogin(req: MockRequest, options: ClarisServerOptions): AdminLoginDecision {
  const basic = readBasicCredentials(req.headers.authorization);
  if (!basic.ok) return { ok: false, response: adminResponse(401, ADMIN.missingAuthorization) };
  const nameMatches = secretsEqual(basic.username.toLowerCase(), options.adminUsername.toLowerCase());
  const passwordMatches = secretsEqual(basic.password, options.adminPassword);
  if (nameMatches && passwordMatches) return { ok: true, user: options.adminUsername };
  const message = options.adminInvalidLoginCode === '1703' ? INVALID_CREDENTIALS_1703 : ADMIN.invalidLogin;
  return { ok: false, response: adminResponse(401, message) };
}
