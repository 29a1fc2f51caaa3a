import type { MockRequest } from '../../core/mock-http.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';
import { secretsEqual } from '../../shared/constant-time.js';
import { readBasicCredentials } from '../data-api/basic-auth.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import type { ODataAuthVerdict } from './odata-flavor.js';

// Compared against when the account does not exist, so unknown and known names take the same time.
const DECOY_PASSWORD = 'fmauth-mock-odata-decoy-password';

/**
 * FileMaker Server's OData check, on every request: HTTP Basic for one of the file's accounts (names
 * case-insensitive, passwords in constant time), active, with the `fmodata` extended privilege. An
 * account with only `fmrest` is refused like a wrong password (or with 9, per `missingPrivilegeCode`).
 */
export function fileMakerServerODataAuth(
  req: MockRequest,
  db: HostedDatabase,
  options: ODataOptions,
): ODataAuthVerdict {
  const basic = readBasicCredentials(req.headers.authorization);
  if (!basic.ok) return { ok: false };
  const name = basic.username.toLowerCase();
  const account = db.fixture.accounts.find((candidate) => candidate.name.toLowerCase() === name);
  const passwordMatches = secretsEqual(basic.password, account?.password ?? DECOY_PASSWORD);
  if (!account || !passwordMatches || !account.active) return { ok: false };
  if (!account.extendedPrivileges.includes('fmodata'))
    return { ok: false, code: options.missingPrivilegeCode };
  return { ok: true, account: account.name };
}
