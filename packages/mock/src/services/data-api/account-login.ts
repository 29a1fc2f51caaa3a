import type { MockRequest } from '../../core/mock-http.js';
import type { DataApiOptions } from '../../fixture/sections/data-api.js';
import { secretsEqual } from '../../shared/constant-time.js';
import { readBasicCredentials } from './basic-auth.js';
import type { LoginDecision } from './data-api-service.js';
import { FM, fmResponse } from './fm-messages.js';
import type { HostedDatabase } from './hosted-database.js';

// Compared against when the account does not exist, so unknown and known names take the same time.
const DECOY_PASSWORD = 'fmauth-mock-decoy-password';

/**
 * FileMaker Server's login check for the file's own accounts: HTTP Basic, account names
 * case-insensitive, passwords compared in constant time, then the account's state and the fmrest
 * extended privilege. Nothing in the answer says whether the name or the password was wrong.
 */
export function fileMakerAccountLogin(
  req: MockRequest,
  db: HostedDatabase,
  options: DataApiOptions,
): LoginDecision {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization.trim() === '') {
    const oauth = req.headers['x-fm-data-oauth-request-id'] && req.headers['x-fm-data-oauth-identifier'];
    // No identity provider is configured in the mock, so an OAuth login is an invalid login.
    return reject(oauth ? FM.invalidAccount : FM.loginWithoutAuthorization);
  }
  const basic = readBasicCredentials(authorization);
  if (!basic.ok) return reject(basic.problem === 'not-basic' ? FM.invalidAccount : FM.basicInvalid);

  const name = basic.username.toLowerCase();
  const account = db.fixture.accounts.find((candidate) => candidate.name.toLowerCase() === name);
  const passwordMatches = secretsEqual(basic.password, account?.password ?? DECOY_PASSWORD);
  if (!account || !passwordMatches) return reject(FM.invalidAccount);
  if (!account.active)
    return reject(options.inactiveAccountCode === '210' ? FM.inactiveAccount : FM.invalidAccount);
  if (!account.extendedPrivileges.includes('fmrest')) {
    return reject(options.missingPrivilegeCode === '9' ? FM.insufficientPrivileges : FM.invalidAccount);
  }
  return { ok: true, account: account.name };
}

function reject(message: readonly [string, string]): LoginDecision {
  return { ok: false, response: fmResponse(401, message) };
}
