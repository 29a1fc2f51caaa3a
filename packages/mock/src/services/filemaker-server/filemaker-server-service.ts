import type { ServiceContext } from '../../core/service-context.js';
import { AdminApi } from '../admin-api/admin-api.js';
import { consoleLogin } from '../admin-api/console-login.js';
import { fileAccountCheck } from '../admin-api/file-account-check.js';
import { fileMakerAccountLogin } from '../data-api/account-login.js';
import { DataApiService } from '../data-api/data-api-service.js';
import { FileMakerServerOAuth } from '../oauth/filemaker-server-oauth.js';
import { oauthIdpFor } from '../oauth/oauth-simulation.js';
import { fileMakerServerODataAuth } from '../odata/filemaker-server-auth.js';

/** The productInfo a FileMaker Server 2024 (21.x) reports. */
export const FILEMAKER_SERVER_PRODUCT = Object.freeze({
  name: 'FileMaker Data API Engine',
  version: '21.1.1.41',
  buildDate: '10/23/2024',
});

/**
 * FileMaker Server: the file's own accounts over HTTP Basic for the Data API, and the Admin API
 * (`/fmi/admin/api/v2`) for the Admin Console account in `options.adminApi`. Mounted at the root of
 * the mock.
 */
export function createFileMakerServerService(ctx: ServiceContext): DataApiService {
  const options = () => ctx.options().dataApi;
  const adminOptions = () => ctx.options().adminApi;
  const hosted = ctx.fixture.databases.filter((db) => db.hostedOn.includes('filemaker-server'));
  // OAuth sign-in through the simulated identity provider (docs/oauth.md): FileMaker Server only.
  const oauth = new FileMakerServerOAuth({
    clock: ctx.clock,
    idp: oauthIdpFor(ctx),
    providers: ctx.fixture.oauth.providers,
    hostedDatabases: hosted,
    options: () => ctx.options().oauth,
    dataApiOptions: options,
  });
  const adminApi = new AdminApi({
    clock: ctx.clock,
    options: adminOptions,
    login: (req) => {
      const { adminUsername, adminPassword, invalidLoginCode } = adminOptions();
      return consoleLogin(req, { username: adminUsername, password: adminPassword, invalidLoginCode });
    },
    databases: () => hosted.flatMap((db) => flavor.database(db.name) ?? []),
    schedules: { database: (name) => flavor.database(name), checkScriptAccount: fileAccountCheck },
  });
  const flavor: DataApiService = new DataApiService({
    key: 'filemakerServer',
    prefix: '',
    flavor: 'filemaker-server',
    productInfo: FILEMAKER_SERVER_PRODUCT,
    fixture: ctx.fixture,
    clock: ctx.clock,
    options,
    login: (req, db) =>
      FileMakerServerOAuth.usesOAuthHeaders(req)
        ? oauth.dataApiLogin(req, db)
        : fileMakerAccountLogin(req, db, options()),
    odata: {
      options: () => ctx.options().odata,
      authenticate: (req, db) =>
        FileMakerServerOAuth.usesOAuthHeaders(req)
          ? oauth.odataAuth(req, db)
          : fileMakerServerODataAuth(req, db, ctx.options().odata),
    },
    extraRoute: (req, segments) => oauth.handle(req, segments) ?? adminApi.handle(req, segments),
    extraStats: () => ({ ...adminApi.stats(), ...oauth.stats() }),
    onExpireSessions: () => adminApi.expireSessions(),
    onReset: () => {
      adminApi.reset();
      oauth.reset();
    },
  });
  return flavor;
}
