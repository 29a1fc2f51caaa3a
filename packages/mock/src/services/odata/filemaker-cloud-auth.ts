import type { MockRequest } from '../../core/mock-http.js';
import type { FileMakerCloudOptions } from '../../fixture/sections/cloud.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { rejectedFmidResponse } from '../filemaker-cloud/fmid-rejection.js';
import type { FmidVerdict } from '../filemaker-cloud/fmid-verdict.js';
import type { ODataAuthVerdict } from './odata-flavor.js';

/**
 * FileMaker Cloud's OData check, on every request: `Authorization: FMID <Claris ID token>` (already
 * verified into `verdict` by the Cloud Data API's own code), for an enabled Claris ID with access to
 * the file. An expired or forged token gets the answer the Cloud Data API gives (its HTML page by
 * default, `filemakerCloud.rejectedFmidResponse`); anything else the OData 401.
 */
export function fileMakerCloudODataAuth(
  _req: MockRequest,
  db: HostedDatabase,
  verdict: FmidVerdict | undefined,
  options: FileMakerCloudOptions,
): ODataAuthVerdict {
  if (!verdict) return { ok: false };
  if (!verdict.ok)
    return options.rejectedFmidResponse === 'html'
      ? { ok: false, response: rejectedFmidResponse(options) }
      : { ok: false };
  const user = verdict.user;
  const access = db.fixture.clarisIdAccess;
  const listed =
    access === '*' ||
    (user !== undefined && access.some((entry) => entry.toLowerCase() === user.email.toLowerCase()));
  if (!user?.enabled || !listed) return { ok: false };
  return { ok: true, account: user.email };
}

/** The service root on FileMaker Cloud: the token verified once, then each file's access list. */
export function fileMakerCloudOpenable(
  req: MockRequest,
  databases: readonly HostedDatabase[],
  verdict: FmidVerdict | undefined,
  options: FileMakerCloudOptions,
): readonly HostedDatabase[] {
  return databases.filter((db) => fileMakerCloudODataAuth(req, db, verdict, options).ok);
}
