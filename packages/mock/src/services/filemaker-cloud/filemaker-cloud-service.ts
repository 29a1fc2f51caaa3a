import type { MockClock } from '../../core/mock-clock.js';
import type { MockRequest, MockResponse } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import type { Fixture } from '../../fixture/fixture-schema.js';
import type { AdminApiOptions } from '../../fixture/sections/admin-api.js';
import { adminApiOptionsSchema } from '../../fixture/sections/admin-api.js';
import type { FileMakerCloudOptions } from '../../fixture/sections/cloud.js';
import type { DataApiOptions } from '../../fixture/sections/data-api.js';
import { type ODataOptions, odataOptionsSchema } from '../../fixture/sections/odata.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { AdminApi } from '../admin-api/admin-api.js';
import { fileAccountCheck } from '../admin-api/file-account-check.js';
import { DataApiService } from '../data-api/data-api-service.js';
import { FM, fmResponse } from '../data-api/fm-messages.js';
import { fileMakerCloudODataAuth, fileMakerCloudOpenable } from '../odata/filemaker-cloud-auth.js';
import { cloudAdminLogin, cloudDataApiLogin } from './cloud-login.js';
import { rejectedFmidResponse } from './fmid-rejection.js';
import { checkFmid, type FmidVerdict, type FmidVerifier, fmidToken } from './fmid-verdict.js';

export const FILEMAKER_CLOUD_PREFIX = '/filemaker-cloud';

/**
 * [guess] FileMaker Cloud's productInfo is not recorded: the engine name of FileMaker Server, and a
 * version in the form Get(HostApplicationVersion) shows on Cloud ("Cloud Server 2.19.0.57").
 */
export const FILEMAKER_CLOUD_PRODUCT = Object.freeze({
  name: 'FileMaker Data API Engine',
  version: '2.21.1.13',
  buildDate: '11/12/2024',
});

export interface FileMakerCloudDeps {
  readonly fixture: Fixture;
  readonly clock: MockClock;
  readonly dataApiOptions: () => DataApiOptions;
  readonly options: () => FileMakerCloudOptions;
  /** The Admin API switches shared by every flavor. Default: the schema's defaults. */
  readonly adminApiOptions?: () => AdminApiOptions;
  /** The OData switches shared by every flavor. Default: the schema's defaults. */
  readonly odataOptions?: () => ODataOptions;
  readonly users: ClarisIdDirectory;
  /** The simulated Cognito pool, whose ID tokens are the FMID tokens. */
  readonly verifier: FmidVerifier;
}

/**
 * FileMaker Cloud: the shared Data API engine behind a Claris ID gate (`Authorization: FMID <ID
 * token>` only), plus the Admin API login with FMID.
 */
export class FileMakerCloudService implements MockService {
  readonly key = 'filemakerCloud';
  readonly prefix = FILEMAKER_CLOUD_PREFIX;
  readonly #deps: FileMakerCloudDeps;
  readonly #dataApi: DataApiService;
  readonly #admin: AdminApi;

  constructor(deps: FileMakerCloudDeps) {
    this.#deps = deps;
    this.#admin = new AdminApi({
      clock: deps.clock,
      options: deps.adminApiOptions ?? (() => adminApiOptionsSchema.parse({})),
      login: async (req) => cloudAdminLogin(req, await this.#verdict(req), deps.options()),
      databases: () =>
        deps.fixture.databases
          .filter((db) => db.hostedOn.includes('filemaker-cloud'))
          .flatMap((db) => this.#dataApi.database(db.name) ?? []),
      // [guess] How a Cloud schedule's script account is checked is not recorded: the file's accounts.
      schedules: { database: (name) => this.#dataApi.database(name), checkScriptAccount: fileAccountCheck },
    });
    this.#dataApi = new DataApiService({
      key: this.key,
      prefix: this.prefix,
      flavor: 'filemaker-cloud',
      productInfo: FILEMAKER_CLOUD_PRODUCT,
      fixture: deps.fixture,
      clock: deps.clock,
      options: deps.dataApiOptions,
      login: async (req, db) => cloudDataApiLogin(req, db, await this.#verdict(req), deps.options()),
      odata: {
        options: deps.odataOptions ?? (() => odataOptionsSchema.parse({})),
        authenticate: async (req, db) =>
          fileMakerCloudODataAuth(req, db, await this.#verdict(req), deps.options()),
        openable: async (req, dbs) =>
          fileMakerCloudOpenable(req, dbs, await this.#verdict(req), deps.options()),
      },
      // A session opened with an FMID ends when that token expires, answered like an expired FMID.
      rejectedTokenResponse: (reason) => {
        if (reason === 'expired') return rejectedFmidResponse(deps.options());
        return fmResponse(401, reason === 'missing' ? FM.callWithoutAuthorization : FM.invalidToken);
      },
      extraRoute: (req, segments) => this.#adminRoute(req, segments),
      extraStats: () => this.#admin.stats(),
      onReset: () => this.#admin.reset(),
      onExpireSessions: () => this.#admin.expireSessions(),
    });
  }

  handle(req: MockRequest): Promise<MockResponse> {
    return this.#dataApi.handle(req);
  }

  stats(): Record<string, number> {
    return this.#dataApi.stats();
  }

  reset(): void {
    this.#dataApi.reset();
  }

  expireSessions(): void {
    this.#dataApi.expireSessions();
  }

  /** The verdict on the request's `Authorization: FMID …` header; `undefined` without one. */
  async #verdict(req: MockRequest): Promise<FmidVerdict | undefined> {
    const token = fmidToken(req.headers.authorization);
    return token === undefined ? undefined : checkFmid(token, this.#deps.verifier, this.#deps.users);
  }

  #adminRoute(req: MockRequest, segments: string[]): Promise<MockResponse | undefined> {
    return this.#admin.handle(req, segments);
  }
}
