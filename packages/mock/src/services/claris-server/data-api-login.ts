import type { MockRequest } from '../../core/mock-http.js';
import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import type { DataApiOptions, DatabaseFixture } from '../../fixture/sections/data-api.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { readBasicCredentials } from '../data-api/basic-auth.js';
import type { LoginDecision } from '../data-api/data-api-service.js';
import { FM, type FmMessage, fmResponse } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import {
  checkExtendedAccount,
  type ExtendedAccountVerdict,
  hasClarisIdAccess,
} from './extended-account-check.js';

export interface ClarisServerLoginDeps {
  readonly directory: ClarisIdDirectory;
  readonly dataApiOptions: () => DataApiOptions;
  readonly options: () => ClarisServerOptions;
  /** Called when the request carried the user's correct plain Claris ID password (and was refused). */
  onClarisIdPassword(): void;
}

/**
 * Claris Server's Data API login: HTTP Basic with the Claris ID email and the extended account
 * password. Every refusal, including a correct plain Claris ID password, is the same 401 / 212 a
 * wrong password gets, so nothing tells a caller which half was wrong.
 */
export function clarisServerLogin(
  req: MockRequest,
  db: HostedDatabase | undefined,
  deps: ClarisServerLoginDeps,
): LoginDecision {
  const checked = readCredentials(req, deps);
  if (!checked.ok) return checked;
  if (db && !hasClarisIdAccess(db.fixture.clarisIdAccess, checked.email)) return reject(FM.invalidAccount);
  return { ok: true, account: checked.email };
}

/** "Filter Databases": the credentials are valid and open at least one hosted file. */
export function clarisServerDatabaseListLogin(
  req: MockRequest,
  databases: readonly Pick<DatabaseFixture, 'clarisIdAccess'>[],
  deps: ClarisServerLoginDeps,
): LoginDecision {
  const checked = readCredentials(req, deps);
  if (!checked.ok) return checked;
  const opens = databases.some((db) => hasClarisIdAccess(db.clarisIdAccess, checked.email));
  return opens ? { ok: true, account: checked.email } : reject(FM.invalidAccount);
}

type Credentials = { readonly ok: true; readonly email: string } | Extract<LoginDecision, { ok: false }>;

function readCredentials(req: MockRequest, deps: ClarisServerLoginDeps): Credentials {
  const basic = readBasicCredentials(req.headers.authorization);
  if (!basic.ok) {
    if (basic.problem === 'missing') return reject(FM.loginWithoutAuthorization);
    return reject(basic.problem === 'not-basic' ? FM.invalidAccount : FM.basicInvalid);
  }
  const verdict = checkExtendedAccount(deps.directory, basic.username, basic.password, deps.options());
  if (!verdict.ok) return reject(refusalMessage(verdict, deps));
  return { ok: true, email: verdict.user.email };
}

function refusalMessage(
  verdict: Extract<ExtendedAccountVerdict, { ok: false }>,
  deps: ClarisServerLoginDeps,
) {
  if (verdict.refusal === 'claris-id-password') deps.onClarisIdPassword();
  if (verdict.refusal === 'inactive' && deps.dataApiOptions().inactiveAccountCode === '210')
    return FM.inactiveAccount;
  return FM.invalidAccount;
}

function reject(message: FmMessage): Extract<LoginDecision, { ok: false }> {
  return { ok: false, response: fmResponse(401, message) };
}
