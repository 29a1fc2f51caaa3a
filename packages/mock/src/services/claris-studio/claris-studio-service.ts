import type { ControlRoute } from '../../core/control-route.js';
import { htmlResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { exactSegments, type RouteAnswer, RouteTable } from '../../core/route-table.js';
import type { ServiceContext } from '../../core/service-context.js';
import { PAGE_HEADERS, readCookie, readForm, sameOrigin } from '../claris-server/html.js';
import { extendedPasswordControlRoutes } from './extended-password-control.js';
import { extendedPasswordProblem } from './extended-password-policy.js';
import {
  accountPage,
  extendedAccountPage,
  homePage,
  messagePage,
  type StudioUser,
  signInPage,
} from './studio-pages.js';
import { type StudioSession, StudioSessions } from './studio-sessions.js';

/** Where the Claris Studio pages are mounted: `{mock}/claris-studio/`. */
export const CLARIS_STUDIO_PREFIX = '/claris-studio';

const COOKIE = 'claris_studio_sid';

interface Counters {
  signIns: number;
  failedSignIns: number;
  extendedPasswordsSet: number;
  extendedPasswordsRejected: number;
  extendedPasswordsSetByControl: number;
  extendedPasswordsClearedByControl: number;
}

type Visit =
  | { readonly kind: 'signed-in'; readonly session: StudioSession; readonly user: StudioUser }
  | { readonly kind: 'anonymous'; readonly session: StudioSession }
  | { readonly kind: 'none' | 'expired' };

/**
 * A small Claris Studio: sign in with the Claris ID and its password, then Account > Extended
 * Account sets or changes the extended account password that Claris Server checks. Cookie sessions
 * (HttpOnly, SameSite=Lax, random ids) on the mock clock, a CSRF token on every form, and every
 * echoed value HTML-escaped. The control API gets a shortcut that does the same for CI.
 */
export class ClarisStudioService implements MockService {
  readonly key = 'clarisStudio';
  readonly prefix = CLARIS_STUDIO_PREFIX;
  readonly #ctx: ServiceContext;
  readonly #sessions: StudioSessions;
  #counters: Counters = zeroCounters();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
    this.#sessions = new StudioSessions(ctx.clock, () => this.#options().sessionIdleMinutes * 60_000);
  }

  stats(): Record<string, number> {
    return { ...this.#counters, activeSessions: this.#sessions.signedInCount() };
  }

  reset(): void {
    this.#sessions.clear();
    this.#counters = zeroCounters();
  }

  controlRoutes(): readonly ControlRoute[] {
    return extendedPasswordControlRoutes(this.#ctx.clarisIds, {
      set: () => this.#counters.extendedPasswordsSetByControl++,
      cleared: () => this.#counters.extendedPasswordsClearedByControl++,
    });
  }

  handle(req: MockRequest): RouteAnswer {
    // Studio's paths are matched as sent (case kept, not decoded), a trailing "/" ignored.
    const path = req.path.replace(/\/+$/, '') || '/';
    return this.#routes.dispatch(req, exactSegments(path));
  }

  /** Claris Studio's pages: the home page, sign-in and -out, and Account > Extended Account. */
  readonly #routes = new RouteTable(
    [
      { method: 'GET', path: '/', handle: (req) => this.#home(req) },
      { method: 'GET', path: '/signin', handle: (req) => this.#signInForm(req) },
      { method: 'POST', path: '/signin', handle: (req) => this.#signIn(req) },
      { method: 'POST', path: '/signout', handle: (req) => this.#signOut(req) },
      { method: 'GET', path: '/account', handle: (req) => this.#account(req) },
      { method: 'GET', path: '/account/extended-account', handle: (req) => this.#extendedAccountForm(req) },
      { method: 'POST', path: '/account/extended-account', handle: (req) => this.#setExtendedPassword(req) },
    ],
    {
      caseSensitive: true,
      notFound: () => this.#message(404, 'Page Not Found', 'There is no Claris Studio page at this address.'),
      methodNotAllowed: () =>
        this.#message(405, 'Not Allowed', 'This page does not accept that kind of request.'),
    },
  );

  #home(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    if (visit.kind !== 'signed-in') return this.#toSignIn(visit.kind);
    return this.#page(200, homePage(this.prefix, visit.user, visit.session.csrfToken));
  }

  #signInForm(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    if (visit.kind === 'signed-in') return this.#redirect('/');
    const notices: Record<string, string> = {
      expired: 'Your session has ended. Sign in again.',
      signedout: 'You have signed out.',
    };
    const notice = notices[req.query.get('notice') ?? ''];
    if (visit.kind === 'anonymous')
      return this.#page(200, signInPage(this.prefix, visit.session.csrfToken, { notice }));
    const session = this.#sessions.open();
    return this.#page(200, signInPage(this.prefix, session.csrfToken, { notice }), this.#cookie(session.id));
  }

  #signIn(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    const form = readForm(req);
    if (!form) return this.#unsupportedMedia();
    if (visit.kind !== 'anonymous' && visit.kind !== 'signed-in') return this.#expiredForm();
    if (!this.#trusted(req, visit.session, form)) return this.#expiredForm();
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    const user = email && password ? this.#ctx.clarisIds.checkPassword(email, password) : undefined;
    if (!user?.enabled || !user.confirmed) {
      this.#counters.failedSignIns++;
      const error =
        email && password ? 'The Claris ID or password is incorrect.' : 'Enter your Claris ID and password.';
      return this.#page(401, signInPage(this.prefix, visit.session.csrfToken, { error, email }));
    }
    // A fresh session on sign-in: whatever id the browser had before is worthless now.
    this.#sessions.close(visit.session.id);
    const session = this.#sessions.open(user.email);
    this.#counters.signIns++;
    return this.#redirect('/', this.#cookie(session.id));
  }

  #signOut(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    const form = readForm(req);
    if (!form) return this.#unsupportedMedia();
    if (visit.kind !== 'signed-in' && visit.kind !== 'anonymous') return this.#toSignIn(visit.kind);
    if (!this.#trusted(req, visit.session, form)) return this.#expiredForm();
    this.#sessions.close(visit.session.id);
    return this.#redirect('/signin?notice=signedout', this.#cookie('', 0));
  }

  #account(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    if (visit.kind !== 'signed-in') return this.#toSignIn(visit.kind);
    return this.#page(200, accountPage(this.prefix, visit.user, visit.session.csrfToken));
  }

  #extendedAccountForm(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    if (visit.kind !== 'signed-in') return this.#toSignIn(visit.kind);
    const notice = visit.session.flash;
    visit.session.flash = undefined;
    return this.#extendedAccountPage(200, visit, { notice });
  }

  #setExtendedPassword(req: MockRequest): MockResponse {
    const visit = this.#visit(req);
    const form = readForm(req);
    if (!form) return this.#unsupportedMedia();
    if (visit.kind !== 'signed-in') return this.#toSignIn(visit.kind);
    if (!this.#trusted(req, visit.session, form)) return this.#expiredForm();
    const newPassword = form.get('newPassword') ?? '';
    const problem = extendedPasswordProblem(
      visit.user.email,
      newPassword,
      form.get('confirmPassword') ?? '',
      this.#ctx.clarisIds,
      this.#options(),
    );
    if (problem) {
      this.#counters.extendedPasswordsRejected++;
      return this.#extendedAccountPage(400, visit, { error: problem });
    }
    const hadOne = this.#ctx.clarisIds.find(visit.user.email)?.extendedPassword !== undefined;
    this.#ctx.clarisIds.update(visit.user.email, { extendedPassword: newPassword });
    this.#counters.extendedPasswordsSet++;
    visit.session.flash = hadOne
      ? 'Your extended account password has been changed. Use it from now on to sign in to Claris Server services.'
      : 'Your extended account password has been set. Use it to sign in to Claris Server services.';
    // Post/redirect/get: reloading the page does not post the password again.
    return this.#redirect('/account/extended-account');
  }

  #extendedAccountPage(
    status: number,
    visit: Extract<Visit, { kind: 'signed-in' }>,
    messages: { error?: string; notice?: string },
  ): MockResponse {
    const hasExtendedPassword = this.#ctx.clarisIds.find(visit.user.email)?.extendedPassword !== undefined;
    return this.#page(
      status,
      extendedAccountPage(this.prefix, visit.user, visit.session.csrfToken, {
        hasExtendedPassword,
        minLength: this.#options().minExtendedPasswordLength,
        ...messages,
      }),
    );
  }

  #visit(req: MockRequest): Visit {
    const lookup = this.#sessions.use(readCookie(req, COOKIE));
    if (lookup.state !== 'live') return { kind: lookup.state };
    const { session } = lookup;
    if (session.email === undefined) return { kind: 'anonymous', session };
    const user = this.#ctx.clarisIds.find(session.email);
    if (!user) return { kind: 'none' };
    return { kind: 'signed-in', session, user: { email: user.email, name: user.name } };
  }

  /** The form came from our page: same origin, and the session's CSRF token posted back. */
  #trusted(req: MockRequest, session: StudioSession, form: URLSearchParams): boolean {
    return sameOrigin(req) && this.#sessions.csrfMatches(session, form.get('csrf'));
  }

  #toSignIn(kind: 'none' | 'expired' | 'anonymous'): MockResponse {
    return this.#redirect(kind === 'expired' ? '/signin?notice=expired' : '/signin');
  }

  #expiredForm(): MockResponse {
    return this.#message(
      403,
      'Form Expired',
      'This form has expired or did not come from this site. Reload the page and try again.',
    );
  }

  #unsupportedMedia(): MockResponse {
    return this.#message(
      415,
      'Unsupported Request',
      'Send the form as application/x-www-form-urlencoded, as a browser does.',
    );
  }

  #message(status: number, title: string, message: string): MockResponse {
    return this.#page(status, messagePage(title, message, this.prefix));
  }

  #page(status: number, body: string, extra: Record<string, string> = {}): MockResponse {
    return htmlResponse(status, body, { ...PAGE_HEADERS, ...extra });
  }

  #redirect(to: string, extra: Record<string, string> = {}): MockResponse {
    return { status: 303, headers: { ...PAGE_HEADERS, location: `${this.prefix}${to}`, ...extra } };
  }

  #cookie(id: string, maxAge?: number): Record<string, string> {
    const expiry = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
    return { 'set-cookie': `${COOKIE}=${id}; Path=${this.prefix}; HttpOnly; SameSite=Lax${expiry}` };
  }

  #options() {
    return this.#ctx.options().clarisStudio;
  }
}

function zeroCounters(): Counters {
  return {
    signIns: 0,
    failedSignIns: 0,
    extendedPasswordsSet: 0,
    extendedPasswordsRejected: 0,
    extendedPasswordsSetByControl: 0,
    extendedPasswordsClearedByControl: 0,
  };
}
