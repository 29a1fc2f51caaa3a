import type { MockRequest } from '../../core/mock-http.js';
import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import type { AdminLoginDecision } from '../admin-api/admin-api.js';
import { consoleLogin } from '../admin-api/console-login.js';

/**
 * Claris Server's Admin API login: HTTP Basic with the console administrator from
 * `options.clarisServer` (`adminUsername` / `adminPassword`). [guess] No source says how a Claris
 * Server administrator authenticates; we assume it works like FileMaker Server's root admin.
 */
export function clarisServerAdminLogin(req: MockRequest, options: ClarisServerOptions): AdminLoginDecision {
  return consoleLogin(req, {
    username: options.adminUsername,
    password: options.adminPassword,
    invalidLoginCode: options.adminInvalidLoginCode,
  });
}
