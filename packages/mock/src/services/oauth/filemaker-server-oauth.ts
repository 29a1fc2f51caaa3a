import type { MockClock } from '../../core/mock-clock.js';
import { htmlResponse, jsonResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import { type RouteAnswer, RouteTable } from '../../core/route-table.js';
import type { DataApiOptions, DatabaseFixture } from '../../fixture/sections/data-api.js';
import {
  type OAuthOptions,
  type OAuthProviderFixture,
  providerClientId,
} from '../../fixture/sections/oauth.js';
import type { LoginDecision } from '../data-api/data-api-service.js';
import { FM, type FmMessage, fmResponse } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import type { ODataAuthVerdict } from '../odata/odata-flavor.js';
import { matchOAuthAccount } from './oauth-account-match.js';
import { FMS_REDIRECT_PATH, OAuthIdpService } from './oauth-idp-service.js';
import { OAuthRequests, type PendingOAuthRequest } from './oauth-requests.js';
import { isSameHostOrLoopback, parseReturnUrl, returnUrlWith } from './return-url.js';

export interface FileMakerServerOAuthDeps {
  readonly clock: MockClock;
  /** The simulated identity provider that redeems codes. */
  readonly idp: OAuthIdpService;
  readonly providers: readonly OAuthProviderFixture[];
  /** The files FileMaker Server hosts, for `unmappedUser: 'redirect'`. */
  readonly hostedDatabases: readonly DatabaseFixture[];
  readonly options: () => OAuthOptions;
  readonly dataApiOptions: () => DataApiOptions;
}

/** Application types FileMaker Server is known to accept at `getoauthurl` (§3b): 7, 8 (WebDirect), 9 (docs). */
const APPLICATION_TYPES = new Set(['7', '8', '9']);
const MAX_TRACKING_ID = 2048;

interface Counters {
  providerLists: number;
  oauthUrlsIssued: number;
  oauthUrlsRefused: number;
  identifiersIssued: number;
  redirectErrors: number;
  redirectsRefused: number;
  returnUrlJsonPages: number;
  oauthLogins: number;
  failedOAuthLogins: number;
  oauthODataRequests: number;
  failedOAuthODataRequests: number;
}

/**
 * FileMaker Server's side of OAuth sign-in (protocol/filemaker.md §3, §3b): the provider list,
 * `getoauthurl`, the `/oauth/redirect` the identity provider sends the browser back to, and the
 * Data API / OData logins with the `X-FM-Data-OAuth-Request-Id` + `X-FM-Data-OAuth-Identifier` pair.
 * Mounted by the FileMaker Server flavor only: FileMaker Cloud and Claris Server answer 404.
 */
export class FileMakerServerOAuth {
  readonly #deps: FileMakerServerOAuthDeps;
  readonly #requests: OAuthRequests;
  #counters: Counters = zeroCounters();

  constructor(deps: FileMakerServerOAuthDeps) {
    this.#deps = deps;
    this.#requests = new OAuthRequests(deps.clock);
  }

  readonly #routes = new RouteTable(
    [
      { method: 'GET', path: '/fmws/oauthproviderinfo', handle: (req) => this.#providerInfo(req) },
      { method: 'GET', path: '/oauth/getoauthurl', handle: (req) => this.#getOAuthUrl(req) },
      { method: 'GET', path: '/oauth/redirect', handle: (req) => this.#redirect(req) },
    ],
    { notFound: () => notFoundPage(), methodNotAllowed: () => notFoundPage(405) },
  );

  /** Answers `/fmws/…` and `/oauth/…` (`segments` decoded); `undefined` for any other path. */
  handle(req: MockRequest, segments: readonly string[]): RouteAnswer | undefined {
    const first = segments[0]?.toLowerCase();
    if (first !== 'fmws' && first !== 'oauth') return undefined;
    return this.#routes.dispatch(req, segments);
  }

  /** Whether a login request authenticates with the OAuth header pair (and no Authorization). */
  static usesOAuthHeaders(req: MockRequest): boolean {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization.trim() !== '') return false;
    return (
      (req.headers['x-fm-data-oauth-request-id'] ?? '').trim() !== '' &&
      (req.headers['x-fm-data-oauth-identifier'] ?? '').trim() !== ''
    );
  }

  /** The Data API login with the header pair: the mapped account of `db`, or 401 with `loginErrorCode`. */
  dataApiLogin(req: MockRequest, db: HostedDatabase): LoginDecision {
    const verdict = this.#checkPair(req, db, true);
    if (verdict.ok) {
      this.#counters.oauthLogins++;
      return { ok: true, account: verdict.account };
    }
    this.#counters.failedOAuthLogins++;
    return { ok: false, response: fmResponse(401, verdict.message) };
  }

  /**
   * OData with the header pair, checked on every request (bzodata sends it on each). These checks do
   * not use up a single-use identifier: only Data API logins do.
   */
  odataAuth(req: MockRequest, db: HostedDatabase): ODataAuthVerdict {
    const verdict = this.#checkPair(req, db, false, 'fmodata');
    if (verdict.ok) {
      this.#counters.oauthODataRequests++;
      return { ok: true, account: verdict.account };
    }
    this.#counters.failedOAuthODataRequests++;
    return { ok: false, ...(verdict.message[0] === '9' ? { code: '9' as const } : {}) };
  }

  stats(): Record<string, number> {
    return { ...this.#counters };
  }

  reset(): void {
    this.#requests.clear();
    this.#counters = zeroCounters();
  }

  #checkPair(
    req: MockRequest,
    db: HostedDatabase,
    countLogin: boolean,
    privilege = 'fmrest',
  ): { ok: true; account: string } | { ok: false; message: FmMessage } {
    const options = this.#deps.options();
    const refused: FmMessage = options.loginErrorCode === '952' ? FM.invalidToken : FM.invalidAccount;
    const check = this.#requests.check(
      (req.headers['x-fm-data-oauth-request-id'] ?? '').slice(0, 200),
      (req.headers['x-fm-data-oauth-identifier'] ?? '').slice(0, 200),
      options.identifierLifetimeMinutes * 60_000,
      options.identifierUse === 'single-use',
    );
    if (!check.ok) return { ok: false, message: refused };
    const { issued } = check;
    const account = matchOAuthAccount(db.fixture.oauthAccounts, issued.provider, issued.profile);
    if (!account) return { ok: false, message: refused };
    const dataApi = this.#deps.dataApiOptions();
    if (!account.active)
      return { ok: false, message: dataApi.inactiveAccountCode === '210' ? FM.inactiveAccount : refused };
    if (!account.extendedPrivileges.includes(privilege))
      return {
        ok: false,
        message: dataApi.missingPrivilegeCode === '9' ? FM.insufficientPrivileges : refused,
      };
    if (countLogin) issued.logins++;
    // Get(AccountName) of an OAuth sign-in is the IdP user's name, also for group accounts.
    return { ok: true, account: issued.profile.username };
  }

  /** `GET /fmws/oauthproviderinfo`: the enabled providers, or `{"result":0}` when none is. [guess] */
  #providerInfo(req: MockRequest): MockResponse {
    this.#counters.providerLists++;
    const providers = this.#enabledProviders();
    if (providers.length === 0) return jsonResponse(200, { result: 0 });
    const Provider = providers.map((provider) => ({
      Name: provider.name,
      ProviderID: provider.providerId,
      ClientID: providerClientId(provider),
      AuthCodeEndpoint: OAuthIdpService.authorizeUrl(req.origin),
      Scope: provider.scope,
      'Response Type': 'code',
    }));
    return jsonResponse(200, { data: { Provider }, result: 0 });
  }

  #enabledProviders(): OAuthProviderFixture[] {
    return this.#deps.providers.filter((p) => p.enabled);
  }

  #provider(name: string): OAuthProviderFixture | undefined {
    const folded = name.toLowerCase();
    return this.#enabledProviders().find((p) => p.name.toLowerCase() === folded);
  }

  #getOAuthUrl(req: MockRequest): MockResponse {
    const options = this.#deps.options();
    const refuse = (reason: string) => {
      this.#counters.oauthUrlsRefused++;
      return {
        status: 400,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'x-fms-result': options.getOAuthUrlErrorCode,
          // Mock-only: says what was wrong, where the real server says nothing.
          'x-fmauth-mock-reason': reason,
        },
        body: '',
      };
    };
    const type = (req.headers['x-fms-application-type'] ?? '').trim();
    if (!APPLICATION_TYPES.has(type)) return refuse('X-FMS-Application-Type must be 7, 8 or 9');
    if (type === '9' && options.refuseApplicationType9)
      return refuse('this server refuses X-FMS-Application-Type 9 (options.oauth.refuseApplicationType9)');
    if (req.query.get('X-FMS-OAuth-AuthType') !== '2')
      return refuse('the query needs X-FMS-OAuth-AuthType=2');
    const provider = this.#provider(req.query.get('provider') ?? '');
    if (!provider) return refuse('provider is not one of /fmws/oauthproviderinfo');
    const returnUrl = parseReturnUrl(req.headers['x-fms-return-url']);
    if (!returnUrl) return refuse('X-FMS-Return-URL must be an absolute http(s) URL');
    const trackingId = req.query.get('trackingID') ?? '';
    if (trackingId.length > MAX_TRACKING_ID) return refuse('trackingID is too long');
    const request = this.#requests.begin({ provider, trackingId, returnUrl });
    this.#counters.oauthUrlsIssued++;
    const url = new URL(OAuthIdpService.authorizeUrl(req.origin));
    url.searchParams.set('client_id', providerClientId(provider));
    url.searchParams.set('redirect_uri', `${req.origin}${FMS_REDIRECT_PATH}`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', provider.scope);
    url.searchParams.set('state', request.state);
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-fms-request-id': request.requestId },
      body: url.href,
    };
  }

  #redirect(req: MockRequest): MockResponse {
    const options = this.#deps.options();
    const request = this.#requests.complete(
      (req.query.get('state') ?? '').slice(0, 200),
      options.requestLifetimeMinutes * 60_000,
    );
    if (!request) {
      this.#counters.redirectsRefused++;
      return htmlResponse(
        400,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head><body><h1>Sign-in failed</h1><p>This sign-in request is unknown, was already completed, or has expired. Go back to the app and sign in again.</p></body></html>',
        { 'cache-control': 'no-store', 'x-fms-result': options.getOAuthUrlErrorCode },
      );
    }
    const code = req.query.get('code');
    if (req.query.has('error') || !code) return this.#fail(request);
    const redemption = this.#deps.idp.redeem(
      code.slice(0, 200),
      providerClientId(request.provider),
      `${req.origin}${FMS_REDIRECT_PATH}`,
    );
    if (!redemption.ok) return this.#fail(request);
    if (options.unmappedUser === 'redirect' && !this.#hasAccountAnywhere(request, redemption.profile))
      return this.#fail(request);
    const issued = this.#requests.issue(request, redemption.profile);
    this.#counters.identifiersIssued++;
    if (options.foreignReturnUrl === 'json' && !isSameHostOrLoopback(request.returnUrl, req.origin)) {
      this.#counters.returnUrlJsonPages++;
      return jsonResponse(
        200,
        { data: { identifier: issued.identifier }, result: 0 },
        { 'cache-control': 'no-store' },
      );
    }
    return this.#sendBack(request, { identifier: issued.identifier, error: '0' });
  }

  /** Denied, or the IdP failed: back to the app with `error` and no identifier. [guess] */
  #fail(request: PendingOAuthRequest): MockResponse {
    this.#counters.redirectErrors++;
    return this.#sendBack(request, { error: this.#deps.options().redirectErrorCode });
  }

  #sendBack(request: PendingOAuthRequest, answer: { identifier?: string; error: string }): MockResponse {
    const location = returnUrlWith(request.returnUrl, { trackingID: request.trackingId, ...answer });
    // no-referrer: the app must not see this URL (with the IdP's code) as the Referer.
    return {
      status: 302,
      headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      body: '',
    };
  }

  #hasAccountAnywhere(
    request: PendingOAuthRequest,
    profile: Parameters<typeof matchOAuthAccount>[2],
  ): boolean {
    return this.#deps.hostedDatabases.some(
      (db) => matchOAuthAccount(db.oauthAccounts, request.provider, profile) !== undefined,
    );
  }
}

function notFoundPage(status = 404): MockResponse {
  const title = status === 404 ? '404 Not Found' : '405 Not Allowed';
  return htmlResponse(
    status,
    `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  );
}

function zeroCounters(): Counters {
  return {
    providerLists: 0,
    oauthUrlsIssued: 0,
    oauthUrlsRefused: 0,
    identifiersIssued: 0,
    redirectErrors: 0,
    redirectsRefused: 0,
    returnUrlJsonPages: 0,
    oauthLogins: 0,
    failedOAuthLogins: 0,
    oauthODataRequests: 0,
    failedOAuthODataRequests: 0,
  };
}
