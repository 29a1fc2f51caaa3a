import { hasClarisIdAccess } from '../claris-server/extended-account-check.js';
import type { LoginDecision } from '../data-api/data-api-service.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import type { ODataAuthVerdict } from './odata-flavor.js';

/**
 * Claris Server's OData check is its Data API login check, run on every request: Basic with the
 * Claris ID email and the extended account password. Reusing it keeps the refusal of a plain Claris ID
 * password, and its `rejectedClarisIdPasswords` counter, the same for both APIs.
 */
export function clarisServerODataAuth(decision: LoginDecision): ODataAuthVerdict {
  return decision.ok ? { ok: true, account: decision.account } : { ok: false };
}

/** The service root on Claris Server: the credentials checked once, then each file's access list. */
export function clarisServerOpenable(
  decision: LoginDecision,
  databases: readonly HostedDatabase[],
): readonly HostedDatabase[] {
  if (!decision.ok) return [];
  return databases.filter((db) => hasClarisIdAccess(db.fixture.clarisIdAccess, decision.account));
}
