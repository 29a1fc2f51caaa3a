import type { MockRequest } from '../../core/mock-http.js';
import { secretsEqual } from '../../shared/constant-time.js';
import { readBasicCredentials } from '../data-api/basic-auth.js';
import type { AdminLoginDecision } from './admin-api.js';
import { ADMIN, type AdminMessage, adminResponse } from './admin-messages.js';

/** The Admin API table's text for 1703, the other candidate for a wrong console login. */
const INVALID_CREDENTIALS_1703: AdminMessage = ['1703', 'Invalid username or password, or JSON Web Token'];

/** An Admin Console account and how a wrong login is answered. */
export interface ConsoleAccount {
  readonly username: string;
  readonly password: string;
  /** [guess] 212 or 1703, always with HTTP 401. */
  readonly invalidLoginCode: '212' | '1703';
}

/**
 * An Admin API login with the Admin Console account over HTTP Basic (FileMaker Server's root admin;
 * Claris Server's console administrator). A missing, malformed or non-Basic header gets 1702 ("verify
 * the value of the Authorization header"). Both halves are compared in constant time, so a wrong name
 * and a wrong password look alike.
 */
export function consoleLogin(req: MockRequest, account: ConsoleAccount): AdminLoginDecision {
  const basic = readBasicCredentials(req.headers.authorization);
  if (!basic.ok) return { ok: false, response: adminResponse(401, ADMIN.missingAuthorization) };
  const nameMatches = secretsEqual(basic.username.toLowerCase(), account.username.toLowerCase());
  const passwordMatches = secretsEqual(basic.password, account.password);
  if (nameMatches && passwordMatches) return { ok: true, user: account.username };
  const message = account.invalidLoginCode === '1703' ? INVALID_CREDENTIALS_1703 : ADMIN.invalidLogin;
  return { ok: false, response: adminResponse(401, message) };
}
