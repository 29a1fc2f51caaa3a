import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import type { DataApiOptions } from '../../fixture/sections/data-api.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import type { AdminMessage } from '../admin-api/admin-messages.js';
import { FM } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { checkExtendedAccount, hasClarisIdAccess } from './extended-account-check.js';

export interface ClarisScheduleAccountDeps {
  readonly directory: ClarisIdDirectory;
  readonly options: () => ClarisServerOptions;
  readonly dataApiOptions: () => DataApiOptions;
  /** A run refused because it carried the plain Claris ID password. */
  onClarisIdPassword(): void;
}

/**
 * How a Claris Server script schedule opens its file: `fmScriptAccount` must be a Claris ID email with
 * its extended password, and the file's Claris ID account access must list it. Anything else, the
 * plain Claris ID password included, is the Data API's login error (212, or 210 for an inactive
 * Claris ID under `dataApi.inactiveAccountCode`).
 */
export function clarisScheduleAccountCheck(deps: ClarisScheduleAccountDeps) {
  return (
    db: HostedDatabase,
    account: string,
    password: string,
    counted: boolean,
  ): AdminMessage | undefined => {
    const verdict = checkExtendedAccount(deps.directory, account, password, deps.options());
    if (!verdict.ok) {
      if (counted && verdict.refusal === 'claris-id-password') deps.onClarisIdPassword();
      const inactive = verdict.refusal === 'inactive' && deps.dataApiOptions().inactiveAccountCode === '210';
      return inactive ? FM.inactiveAccount : FM.invalidAccount;
    }
    return hasClarisIdAccess(db.fixture.clarisIdAccess, verdict.user.email) ? undefined : FM.invalidAccount;
  };
}
