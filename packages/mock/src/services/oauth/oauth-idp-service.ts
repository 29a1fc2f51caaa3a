import { htmlResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { RouteTable } from '../../core/route-table.js';
import type { ServiceContext } from '../../core/service-context.js';
import {
  type IdpUserFixture,
  type OAuthProviderFixture,
  providerClientId,
} from '../../fixture/sections/oauth.js';
import { secretsEqual } from '../../shared/constant-time.js';
import { readForm, sameOrigin } from '../claris-server/html.js';
import { consentPage, idpErrorPage, signInPage } from './idp-pages.js';
import { type AuthorizationAttempt, IdpState, type Redemption } from './idp-state.js';
import { opaqueToken } from './oauth-ids.js';

/** The path FileMaker Server registers as its redirect URI at every identity provider (§3b). */
export const FMS_REDIRECT_PATH = '/oauth/redirect';

// Compared against when the user name is unknown, so unknown and known names take the same time.
const DECOY_PASSWORD = 'fmauth-mock-idp-decoy-password';
const MAX_FIELD = 500;
const CLIENT_NAME = 'FileMaker Server';

/**
 * No `form-action`: Chromium applies it to every redirect after a form post, and ours go on to
 * FileMaker Server and then to the app's return URL on another origin. `same-origin`, not
 * `no-referrer`: with `no-referrer` Chromium posts the form with `Origin: null`, which the
 * cross-site check refuses.
 */
const IDP_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

interface Counters {
  authorizePages: number;
  signIns: number;
  failedSignIns: number;
  denials: number;
  refusedForms: number;
  codesIssued: number;
  codesRedeemed: number;
  codesRefused: number;
}

/**
 * A simulated OAuth 2.0 / OpenID Connect identity provider, serving every provider of the fixture's
 * `oauth.providers` (told apart by `client_id`): an authorization endpoint with a sign-in page, an
 * optional consent page, a Cancel / Deny that answers `access_denied`, and a code exchange that
 * FileMaker Server's side of the mock performs in process ({@link redeem}).
 */
export class OAuthIdpService implements MockService {
  readonly key = 'oauthIdp';
  readonly prefix = '/idp';
  readonly #ctx: ServiceContext;
  readonly #state: IdpState;
  #counters: Counters = zeroCounters();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
    this.#state = new IdpState(ctx.clock);
  }

  readonly #routes = new RouteTable(
    [
      { method: ['GET', 'HEAD'], path: '/authorize', handle: (req) => this.#authorize(req) },
      { method: 'POST', path: '/authorize', handle: (req) => this.#signIn(req) },
      { method: 'POST', path: '/consent', handle: (req) => this.#consent(req) },
    ],
    {
      caseSensitive: true,
      notFound: () => this.#page(404, 'Not found', 'There is no page at this address.'),
      methodNotAllowed: (_req, allowed) => ({
        ...this.#page(405, 'Method not allowed', 'This page cannot be used that way.'),
        headers: {
          ...IDP_PAGE_HEADERS,
          'content-type': 'text/html; charset=utf-8',
          allow: allowed.join(', '),
        },
      }),
    },
  );

  handle(req: MockRequest) {
    return this.#routes.dispatch(req);
  }

  stats(): Record<string, number> {
    return { ...this.#counters };
  }

  reset(): void {
    this.#state.clear();
    this.#counters = zeroCounters();
  }

  // Endpoints only: the readiness line's top-level keys are pinned by CLI users' scripts and tests.
  readiness(baseUrl: string): Record<string, unknown> {
    return { endpoints: { oauthProviderInfo: `${baseUrl}/fmws/oauthproviderinfo` } };
  }

  /** The authorization endpoint of the IdP as reached from `origin`. */
  static authorizeUrl(origin: string): string {
    return `${origin}/idp/authorize`;
  }

  /**
   * The token and profile calls FileMaker Server makes with a code, in one: the user's profile, once
   * per code, for the client and redirect URI it was issued to.
   */
  redeem(code: string, clientId: string, redirectUri: string): Redemption {
    const redemption = this.#state.redeem(code, clientId, redirectUri);
    if (redemption.ok) this.#counters.codesRedeemed++;
    else this.#counters.codesRefused++;
    return redemption;
  }

  #authorize(req: MockRequest): MockResponse {
    const q = req.query;
    const provider = this.#providerByClientId(q.get('client_id') ?? '');
    if (!provider)
      return this.#page(
        400,
        'Unknown application',
        'The client_id is not registered at this identity provider.',
      );
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!this.#isRegisteredRedirect(req, redirectUri))
      return this.#page(
        400,
        'Wrong redirect URI',
        `The redirect_uri is not the one registered for this application (FileMaker Server's ${FMS_REDIRECT_PATH}).`,
      );
    if (q.get('response_type') !== 'code')
      return this.#page(400, 'Unsupported response type', 'Only response_type=code is supported.');
    const state = q.get('state') ?? '';
    if (state === '' || state.length > MAX_FIELD)
      return this.#page(400, 'Missing state', 'The request has no usable state parameter.');
    const attempt = this.#state.startAttempt({
      provider,
      redirectUri,
      state,
      scope: (q.get('scope') ?? provider.scope).slice(0, MAX_FIELD),
    });
    this.#counters.authorizePages++;
    return this.#signInForm(attempt);
  }

  #signIn(req: MockRequest): MockResponse {
    const posted = this.#postedAttempt(req, 'sign-in');
    if (!posted.ok) return posted.response;
    const { attempt, form } = posted;
    if (form.get('action') === 'deny') return this.#deny(attempt);
    const username = (form.get('username') ?? '').slice(0, MAX_FIELD);
    const user = this.#checkPassword(username, form.get('password') ?? '');
    if (!user) {
      this.#counters.failedSignIns++;
      return this.#signInForm(attempt, 401, { username, error: 'Wrong user name or password. Try again.' });
    }
    this.#counters.signIns++;
    attempt.user = user;
    if (this.#ctx.options().oauth.consent) {
      attempt.step = 'consent';
      attempt.nonce = opaqueToken();
      return this.#html(
        200,
        consentPage(idpName(attempt.provider), 'consent', {
          attempt: attempt.id,
          nonce: attempt.nonce,
          clientName: CLIENT_NAME,
          displayName: user.displayName ?? user.username,
          scopes: attempt.scope.split(/[\s+]+/).filter(Boolean),
        }),
      );
    }
    return this.#approve(attempt, user);
  }

  #consent(req: MockRequest): MockResponse {
    const posted = this.#postedAttempt(req, 'consent');
    if (!posted.ok) return posted.response;
    const { attempt, form } = posted;
    if (form.get('decision') !== 'allow' || !attempt.user) return this.#deny(attempt);
    return this.#approve(attempt, attempt.user);
  }

  /** The attempt a posted form belongs to, if the form is the newest one shown for it at `step`. */
  #postedAttempt(
    req: MockRequest,
    step: AuthorizationAttempt['step'],
  ):
    | { ok: true; attempt: AuthorizationAttempt; form: URLSearchParams }
    | { ok: false; response: MockResponse } {
    const refuse = (status: number, heading: string, text: string) => {
      this.#counters.refusedForms++;
      return { ok: false as const, response: this.#page(status, heading, text) };
    };
    if (!sameOrigin(req)) return refuse(403, 'Request refused', 'The form was posted from another site.');
    const form = readForm(req);
    if (!form)
      return refuse(
        400,
        'Request refused',
        'Post the sign-in form as a browser does (application/x-www-form-urlencoded).',
      );
    const attempt = this.#state.attempt((form.get('attempt') ?? '').slice(0, MAX_FIELD));
    if (!attempt) return refuse(400, 'Sign-in expired', 'This sign-in request is unknown or has expired.');
    if (attempt.step === 'done')
      return refuse(
        409,
        'Already signed in',
        'This sign-in was already completed; the form cannot be sent twice.',
      );
    if (attempt.step !== step || !secretsEqual(form.get('nonce') ?? '', attempt.nonce))
      return refuse(403, 'Request refused', 'This form is out of date. Reload the sign-in page.');
    return { ok: true, attempt, form };
  }

  #approve(attempt: AuthorizationAttempt, user: IdpUserFixture): MockResponse {
    attempt.step = 'done';
    const lifetimeMs = this.#ctx.options().oauth.codeLifetimeSeconds * 1000;
    const code = this.#state.issueCode(attempt, user, providerClientId(attempt.provider), lifetimeMs);
    this.#counters.codesIssued++;
    return redirect(attempt.redirectUri, { code, state: attempt.state });
  }

  #deny(attempt: AuthorizationAttempt): MockResponse {
    attempt.step = 'done';
    this.#counters.denials++;
    return redirect(attempt.redirectUri, {
      error: 'access_denied',
      error_description: 'The user denied the request',
      state: attempt.state,
    });
  }

  #checkPassword(username: string, password: string): IdpUserFixture | undefined {
    const folded = username.toLowerCase();
    const user = this.#ctx.fixture.oauth.users.find((u) => u.username.toLowerCase() === folded);
    const matches = secretsEqual(password.slice(0, MAX_FIELD), user?.password ?? DECOY_PASSWORD);
    return user && matches ? user : undefined;
  }

  #signInForm(
    attempt: AuthorizationAttempt,
    status = 200,
    extra: { username?: string; error?: string } = {},
  ) {
    attempt.nonce = opaqueToken();
    return this.#html(
      status,
      signInPage(idpName(attempt.provider), 'authorize', {
        attempt: attempt.id,
        nonce: attempt.nonce,
        clientName: CLIENT_NAME,
        ...extra,
      }),
    );
  }

  #providerByClientId(clientId: string): OAuthProviderFixture | undefined {
    return this.#ctx.fixture.oauth.providers.find((p) => p.enabled && providerClientId(p) === clientId);
  }

  /** The one redirect URI FileMaker Server registers: its own `/oauth/redirect` (same mock). */
  #isRegisteredRedirect(req: MockRequest, redirectUri: string): boolean {
    try {
      const url = new URL(redirectUri);
      return (
        url.origin === req.origin &&
        url.pathname === FMS_REDIRECT_PATH &&
        url.search === '' &&
        url.hash === ''
      );
    } catch {
      return false;
    }
  }

  #page(status: number, heading: string, text: string): MockResponse {
    return this.#html(status, idpErrorPage('Identity provider (simulated)', heading, text));
  }

  #html(status: number, page: string): MockResponse {
    return htmlResponse(status, page, IDP_PAGE_HEADERS);
  }
}

function idpName(provider: OAuthProviderFixture): string {
  return `${provider.name} (simulated)`;
}

function redirect(base: string, params: Record<string, string>): MockResponse {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { status: 302, headers: { location: url.href, 'cache-control': 'no-store' }, body: '' };
}

function zeroCounters(): Counters {
  return {
    authorizePages: 0,
    signIns: 0,
    failedSignIns: 0,
    denials: 0,
    refusedForms: 0,
    codesIssued: 0,
    codesRedeemed: 0,
    codesRefused: 0,
  };
}
