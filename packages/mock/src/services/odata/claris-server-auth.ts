import type { LoginDecision } from '../data-api/data-api-service.js';
import type { ODataAuthVerdict } from './odata-flavor.js';

/**
 * Claris Server's OData check is its Data API login check, run on every request: Basic with the
 * Claris ID email and the extended account password. Reusing it keeps the refusal of a plain Claris ID
 * password, and its `rejectedClarisIdPasswords` counter, the same for both APIs.
 */
export function clarisServerODataAuth(decision: LoginDecision): ODataAuthVerdict {
  return decision.ok ? { ok: true, account: decision.account } : { ok: false };
}
