import { randomBytes } from 'node:crypto';
import { htmlResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import { type RouteAnswer, type RouteParams, RouteTable } from '../../core/route-table.js';
import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { secretsEqual } from '../../shared/constant-time.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { checkExtendedAccount, hasClarisIdAccess } from './extended-account-check.js';
import { PAGE_HEADERS, readCookie, readForm, sameOrigin } from './html.js';
import {
  launchCenterPage,
  webDirectAppPage,
  webDirectNotFoundPage,
  webDirectSignInPage,
} from './webdirect-pages.js';

export interface WebDirectDeps {
  /** The Claris Server service's prefix, for links and the cookie path. */
  readonly prefix: string;
  readonly directory: ClarisIdDirectory;
  readonly options: () => ClarisServerOptions;
  /** Names of the hosted files, for the launch center. */
  readonly databaseNames: () => readonly string[];
  readonly database: (name: string) => HostedDatabase | undefined;
}

/** [guess] FileMaker's classic wording for a refused sign-in; Claris Server's exact text is unrecorded. */
export const WEBDIRECT_REFUSED =
  'The account name or password you entered cannot be used to access this file. Try again.';

const CSRF_COOKIE = 'webd_csrf';

/**
 * Claris Server WebDirect's sign-in, served like the real path `/fmi/webd/{database}`: a form per
 * hosted file that takes the Claris ID email and the extended account password. Everything else,
 * the plain Claris ID password included, gets the same visible refusal. The form carries a
 * double-submit CSRF token (cookie + hidden field, compared in constant time).
 */
export class WebDirect {
  readonly #deps: WebDirectDeps;
  #counters = zeroCounters();

  constructor(deps: WebDirectDeps) {
    this.#deps = deps;
  }

  /** Handles `fmi/webd[/{database}]` (`segments` decoded); `undefined` for other paths. */
  handle(req: MockRequest, segments: readonly string[]): RouteAnswer | undefined {
    if (segments[0]?.toLowerCase() !== 'fmi' || segments[1]?.toLowerCase() !== 'webd') return undefined;
    return this.#routes.dispatch(req, segments.slice(2));
  }

  /** WebDirect's URL map below `/fmi/webd`, matched case-insensitively like the rest of `/fmi`. */
  readonly #routes = new RouteTable([
    { method: 'GET', path: '/', handle: () => this.#launchCenter() },
    {
      method: 'GET',
      path: '/:database',
      handle: (_req, p) => this.#withDatabase(p, (db) => this.#signInForm(db)),
    },
    {
      method: 'POST',
      path: '/:database',
      handle: (req, p) => this.#withDatabase(p, (db) => this.#signIn(req, db)),
    },
    // An unknown file is "not found" whatever the method, before the method is refused.
    { method: '*', path: '/:database', handle: (_req, p) => this.#withDatabase(p, () => notAllowed()) },
    // Deeper paths name no file; the launch center itself only answers GET.
    { method: '*', path: '/*rest', handle: (_req, p) => (p.rest ? this.#notFound(p.rest) : notAllowed()) },
  ]);

  #withDatabase(params: RouteParams, then: (db: HostedDatabase) => MockResponse): MockResponse {
    const name = params.database as string;
    const db = this.#deps.database(name);
    return db ? then(db) : this.#notFound(name);
  }

  stats(): Record<string, number> {
    return { ...this.#counters };
  }

  reset(): void {
    this.#counters = zeroCounters();
  }

  get #base(): string {
    return `${this.#deps.prefix}/fmi/webd`;
  }

  #launchCenter(): MockResponse {
    return page(200, launchCenterPage(this.#base, this.#deps.databaseNames()));
  }

  #signInForm(
    db: HostedDatabase,
    status = 200,
    state: { error?: string; email?: string } = {},
  ): MockResponse {
    const token = randomBytes(32).toString('base64url');
    const action = `${this.#base}/${encodeURIComponent(db.name)}`;
    return page(status, webDirectSignInPage(action, db.name, token, state), {
      'set-cookie': `${CSRF_COOKIE}=${token}; Path=${this.#base}; HttpOnly; SameSite=Lax`,
    });
  }

  #signIn(req: MockRequest, db: HostedDatabase): MockResponse {
    const form = readForm(req);
    if (!form) return page(415, 'Send the form as application/x-www-form-urlencoded, as a browser does.');
    const cookieToken = readCookie(req, CSRF_COOKIE) ?? '';
    const formToken = form.get('csrf') ?? '';
    if (!sameOrigin(req) || cookieToken === '' || !secretsEqual(cookieToken, formToken)) {
      return this.#signInForm(db, 403, { error: 'This sign-in form has expired. Please sign in again.' });
    }
    const email = (form.get('account') ?? '').trim();
    const password = form.get('password') ?? '';
    const verdict = checkExtendedAccount(this.#deps.directory, email, password, this.#deps.options());
    if (!verdict.ok || !hasClarisIdAccess(db.fixture.clarisIdAccess, verdict.user.email)) {
      this.#counters.webDirectFailedLogins++;
      if (!verdict.ok && verdict.refusal === 'claris-id-password')
        this.#counters.webDirectRejectedClarisIdPasswords++;
      return this.#signInForm(db, 401, { error: WEBDIRECT_REFUSED, email });
    }
    this.#counters.webDirectLogins++;
    return page(
      200,
      webDirectAppPage(
        `${this.#base}/${encodeURIComponent(db.name)}`,
        db.name,
        verdict.user.email,
        firstLayout(db),
      ),
    );
  }

  #notFound(name: string): MockResponse {
    return page(404, webDirectNotFoundPage(this.#base, name));
  }
}

/** Up to 20 records of the file's first layout, for the signed-in page. */
function firstLayout(db: HostedDatabase) {
  const layout = db.layoutNames()[0];
  if (!layout) return undefined;
  const metadata = db.metadata(layout.name);
  const range = db.range(layout.name, 1, 20, undefined);
  if (!metadata.ok) return undefined;
  const fields = (metadata.value as { fieldMetaData: Array<{ name: string }> }).fieldMetaData.map(
    (f) => f.name,
  );
  // An empty table is "no records match" for the Data API; here it is simply an empty list.
  const data = range.ok ? (range.value as { data: Array<{ fieldData: Record<string, unknown> }> }).data : [];
  return { name: layout.name, fields, rows: data.map((record) => record.fieldData) };
}

function page(status: number, body: string, extra: Record<string, string> = {}): MockResponse {
  return htmlResponse(status, body, { ...PAGE_HEADERS, ...extra });
}

function notAllowed(): MockResponse {
  return page(405, 'This page does not accept that kind of request.');
}

function zeroCounters() {
  return { webDirectLogins: 0, webDirectFailedLogins: 0, webDirectRejectedClarisIdPasswords: 0 };
}
