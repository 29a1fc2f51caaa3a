import type { ServiceContext } from '../../core/service-context.js';
import { AdminApi } from '../admin-api/admin-api.js';
import { DataApiService } from '../data-api/data-api-service.js';
import { clarisServerODataAuth, clarisServerOpenable } from '../odata/claris-server-auth.js';
import { clarisServerAdminLogin } from './admin-login.js';
import { clarisServerProductInfo } from './claris-server-product.js';
import { clarisServerDatabaseListLogin, clarisServerLogin } from './data-api-login.js';
import { clarisScheduleAccountCheck } from './schedule-account-check.js';
import { WebDirect } from './webdirect.js';

/** Where the Claris Server flavor is mounted: `{mock}/claris-server/fmi/data/…`. */
export const CLARIS_SERVER_PREFIX = '/claris-server';

/**
 * Claris Server: the Data API (same record operations as the other flavors) for Claris ID emails with
 * their extended account password, plus WebDirect sign-in pages and the Admin API's script schedules.
 * A correct plain Claris ID password is refused like any bad login and counted apart in
 * `rejectedClarisIdPasswords`, so CI can assert that the simulation saw exactly that mistake.
 */
export function createClarisServerService(ctx: ServiceContext): DataApiService {
  const options = () => ctx.options().clarisServer;
  const dataApiOptions = () => ctx.options().dataApi;
  let rejectedClarisIdPasswords = 0;
  let scheduleRunsRejectedClarisIdPasswords = 0;
  const deps = {
    directory: ctx.clarisIds,
    dataApiOptions,
    options,
    onClarisIdPassword: () => {
      rejectedClarisIdPasswords++;
    },
  };
  const hosted = ctx.fixture.databases.filter((db) => db.hostedOn.includes('claris-server'));
  const webDirect = new WebDirect({
    prefix: CLARIS_SERVER_PREFIX,
    directory: ctx.clarisIds,
    options,
    databaseNames: () => hosted.map((db) => db.name),
    database: (name) => flavor.database(name),
  });
  const adminApi = new AdminApi({
    clock: ctx.clock,
    options: () => ctx.options().adminApi,
    login: (req) => clarisServerAdminLogin(req, options()),
    databases: () => hosted.flatMap((db) => flavor.database(db.name) ?? []),
    schedules: {
      database: (name) => flavor.database(name),
      credentialCheck: () => options().scheduleCredentialCheck,
      checkScriptAccount: clarisScheduleAccountCheck({
        directory: ctx.clarisIds,
        options,
        dataApiOptions,
        onClarisIdPassword: () => {
          scheduleRunsRejectedClarisIdPasswords++;
        },
      }),
    },
  });
  const flavor: DataApiService = new DataApiService({
    key: 'clarisServer',
    prefix: CLARIS_SERVER_PREFIX,
    flavor: 'claris-server',
    productInfo: clarisServerProductInfo(options),
    fixture: ctx.fixture,
    clock: ctx.clock,
    options: dataApiOptions,
    login: (req, db) => clarisServerLogin(req, db, deps),
    odata: {
      options: () => ctx.options().odata,
      authenticate: (req, db) => clarisServerODataAuth(clarisServerLogin(req, db, deps)),
      openable: (req, dbs) => clarisServerOpenable(clarisServerLogin(req, undefined, deps), dbs),
    },
    authorizeDatabaseList: (req) => clarisServerDatabaseListLogin(req, hosted, deps),
    extraRoute: async (req, segments) =>
      webDirect.handle(req, segments) ?? (await adminApi.handle(req, segments)),
    extraStats: () => ({
      rejectedClarisIdPasswords,
      ...webDirect.stats(),
      ...adminApi.stats(),
      scheduleRunsRejectedClarisIdPasswords,
    }),
    onExpireSessions: () => adminApi.expireSessions(),
    onReset: () => {
      rejectedClarisIdPasswords = 0;
      webDirect.reset();
      scheduleRunsRejectedClarisIdPasswords = 0;
      adminApi.reset();
    },
  });
  return flavor;
}
