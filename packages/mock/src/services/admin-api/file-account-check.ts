import { secretsEqual } from '../../shared/constant-time.js';
import { FM } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import type { AdminMessage } from './admin-messages.js';

// Compared against when the account does not exist, so unknown and known names take the same time.
const DECOY_PASSWORD = 'fmauth-mock-decoy-password';

/**
 * How a script schedule opens its file on FileMaker Server (and, [guess], FileMaker Cloud): as one of
 * the file's own accounts, name case-insensitive, password compared in constant time, and active. No
 * extended privilege is needed: a schedule runs the script on the server, not over the Data API.
 */
export function fileAccountCheck(
  db: HostedDatabase,
  account: string,
  password: string,
): AdminMessage | undefined {
  const name = account.toLowerCase();
  const found = db.fixture.accounts.find((candidate) => candidate.name.toLowerCase() === name);
  const passwordMatches = secretsEqual(password, found?.password ?? DECOY_PASSWORD);
  if (!found || !passwordMatches || !found.active) return FM.invalidAccount;
  return undefined;
}
