import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isFmAuthError, type TokenStore } from '@fmauth/core';
import {
  type FileMakerOAuth,
  fileMakerOAuth,
  OAuthSignInError,
  SignInRequiredError,
} from '@fmauth/strategy-filemaker-oauth';
import { BrowserSessions } from './browser-sessions.js';
import { problemPage, recordsPage, signInPage } from './pages.js';
import { SignedCookie } from './signed-cookie.js';
import { UserSessions } from './user-sessions.js';

/** Options of {@link createOAuthWebApp}. */
export interface OAuthWebAppOptions {
  /** The FileMaker Server, e.g. `https://fms.example.com`. */
  readonly fmsUrl: string;
  /** The hosted file and the layout whose records the page lists. */
  readonly database: string;
  readonly layout: string;
  /** Where this app is reached, e.g. `https://app.example.com` (the return URL is `<publicUrl>/oauth/return`). */
  readonly publicUrl: string;
  /** At least 32 bytes: signs the session cookie and seals the sign-in state. Same on every instance. */
  readonly secret: string;
  /** Shares each user's Data API session across instances (identity = the app's user id). Optional. */
  readonly tokenStore?: TokenStore;
  /** Where the app reports what happens: event names only, never a secret. Default: nothing. */
  readonly log?: (line: string) => void;
}

export interface OAuthWebApp {
  readonly server: Server;
  readonly oauth: FileMakerOAuth;
  readonly users: UserSessions;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 4096;

/**
 * What went wrong at the return URL, shown at `/problem?kind=…`: the browser is sent there (303) so
 * the return URL, which carries the identifier, leaves the address bar and the history at once.
 */
const PROBLEMS = {
  cancelled: [
    401,
    'Sign-in cancelled',
    'The sign-in at your identity provider was cancelled or refused, so you are not signed in.',
  ],
  unmapped: [
    403,
    'No FileMaker account for you',
    'FileMaker Server did not accept your company account: no account in the database matches it. Ask your FileMaker administrator for access.',
  ],
  'not-completed': [400, 'Sign-in not completed', 'The sign-in could not be completed. Sign in again.'],
  'not-recognised': [
    400,
    'Sign-in not recognised',
    'This browser did not start a sign-in, or it was already completed. Sign in again.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;
type ProblemKind = keyof typeof PROBLEMS;
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  // The return URL carries the identifier: no Referer ever leaves the app's origin. (`no-referrer`
  // would also make Chromium send `Origin: null` on the app's own form posts.)
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
};

/**
 * "Sign in with your company account" for a FileMaker Server: a per-user Data API session opened
 * through the server's OAuth flow, a page listing that user's records, sign-out ending the session.
 */
export function createOAuthWebApp(options: OAuthWebAppOptions): OAuthWebApp {
  const publicUrl = new URL(options.publicUrl);
  const returnUrl = new URL('/oauth/return', publicUrl).href;
  const oauth = fileMakerOAuth({ stateKey: options.secret, returnUrls: [returnUrl] });
  const cookie = new SignedCookie(Buffer.from(options.secret), 'sid', publicUrl.protocol === 'https:');
  const browsers = new BrowserSessions(8 * 60 * 60 * 1000);
  const users = new UserSessions(oauth, options.database, options.tokenStore);
  const log = options.log ?? (() => {});

  const send = (res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra });
    res.end(html);
  };
  const redirect = (res: ServerResponse, location: string, extra: Record<string, string> = {}) => {
    res.writeHead(303, { location, ...SECURITY_HEADERS, ...extra });
    res.end();
  };

  const problem = (res: ServerResponse, kind: ProblemKind) => redirect(res, `/problem?kind=${kind}`);

  /** Refuses form posts from other sites (CSRF): the browser's Origin must be ours. */
  const fromOurPages = (req: IncomingMessage) =>
    req.headers.origin === publicUrl.origin ||
    (req.headers.origin === undefined && req.headers['sec-fetch-site'] === 'same-origin');

  const readForm = (req: IncomingMessage): Promise<URLSearchParams | undefined> =>
    new Promise((resolve) => {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        resolve(undefined);
        return;
      }
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Too large: stop keeping it, let the rest drain (bounded by requestTimeout), answer 400.
        if (size > MAX_FORM_BYTES) resolve(undefined);
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', () => resolve(undefined));
    });

  const signInPageWith = async (res: ServerResponse, status: number, message?: string) => {
    try {
      send(res, status, signInPage(await oauth.listProviders(options.fmsUrl), message));
    } catch (error) {
      log(`providers-unavailable ${isFmAuthError(error) ? error.code : 'error'}`);
      send(
        res,
        502,
        problemPage(
          'FileMaker Server is not reachable',
          'The sign-in options could not be loaded. Try again in a moment.',
        ),
      );
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', publicUrl);
    const now = Date.now();
    const sid = cookie.read(req.headers.cookie);
    let browser = browsers.get(sid, now);

    if (req.method === 'GET' && url.pathname === '/') {
      if (browser?.userId && users.get(browser.userId)) return redirect(res, '/records');
      return signInPageWith(res, 200);
    }

    if (req.method === 'POST' && url.pathname === '/signin') {
      if (!fromOurPages(req))
        return send(res, 403, problemPage('Request refused', 'The form was posted from another site.'));
      const provider = (await readForm(req))?.get('provider');
      if (!provider) return signInPageWith(res, 400, 'Choose a provider to sign in with.');
      const id = sid && browser ? sid : cookie.newId();
      browser ??= browsers.create(id, now);
      try {
        const begun = await oauth.begin({ baseUrl: options.fmsUrl, provider });
        browser.pendingState = begun.state;
        log('sign-in-started');
        return redirect(res, begun.authorizationUrl, { 'set-cookie': cookie.header(id) });
      } catch (error) {
        log(`sign-in-not-started ${isFmAuthError(error) ? error.code : 'error'}`);
        return signInPageWith(
          res,
          502,
          'FileMaker Server could not start the sign-in. Try again, or choose another provider.',
        );
      }
    }

    if (req.method === 'GET' && url.pathname === '/oauth/return') {
      // The state is taken once: a reloaded or replayed return URL finds none.
      const state = browser?.pendingState;
      if (browser) browser.pendingState = undefined;
      if (!browser || !sid || state === undefined) {
        log('return-without-sign-in');
        return problem(res, 'not-recognised');
      }
      let credentials: Awaited<ReturnType<FileMakerOAuth['complete']>>;
      try {
        credentials = await oauth.complete(state, url);
      } catch (error) {
        const failure = error instanceof OAuthSignInError ? error.failure : 'error';
        log(`sign-in-failed ${failure}`);
        return problem(res, failure === 'provider-error' ? 'cancelled' : 'not-completed');
      }
      const userId = `user-${randomBytes(12).toString('hex')}`;
      try {
        await users.open(userId, credentials);
      } catch (error) {
        const why =
          error instanceof SignInRequiredError ? error.reason : isFmAuthError(error) ? error.code : 'error';
        log(`login-refused ${why}`);
        // Refused at its very first login: no account in the file matches this IdP user or group.
        return problem(res, why === 'refused-at-first-login' ? 'unmapped' : 'not-completed');
      }
      // A new session id at sign-in: an id known before (fixation) never becomes a signed-in one.
      browsers.delete(sid);
      const newId = cookie.newId();
      const signedIn = browsers.create(newId, now);
      signedIn.userId = userId;
      signedIn.provider = credentials.provider;
      log('signed-in');
      return redirect(res, '/records', { 'set-cookie': cookie.header(newId) });
    }

    if (req.method === 'GET' && url.pathname === '/problem') {
      const kind = url.searchParams.get('kind');
      const known =
        kind !== null && Object.hasOwn(PROBLEMS, kind) ? PROBLEMS[kind as ProblemKind] : undefined;
      if (!known) return redirect(res, '/');
      return send(res, known[0], problemPage(known[1], known[2]));
    }

    if (req.method === 'GET' && url.pathname === '/records') {
      const session = users.get(browser?.userId);
      if (!browser || !session) return redirect(res, '/');
      try {
        const { data } = await session.getRecords(options.layout, { limit: 50 });
        return send(res, 200, recordsPage(browser.provider ?? 'your company account', data));
      } catch (error) {
        if (error instanceof SignInRequiredError) {
          log(`sign-in-required ${error.reason}`);
          await users.end(browser.userId);
          browser.userId = undefined;
          return send(
            res,
            401,
            problemPage(
              'Please sign in again',
              'Your sign-in has expired. Sign in again to see your records.',
            ),
          );
        }
        log(`records-failed ${isFmAuthError(error) ? error.code : 'error'}`);
        return send(
          res,
          502,
          problemPage('Records unavailable', 'FileMaker Server did not answer. Try again in a moment.'),
        );
      }
    }

    if (req.method === 'POST' && url.pathname === '/signout') {
      if (!fromOurPages(req))
        return send(res, 403, problemPage('Request refused', 'The form was posted from another site.'));
      if (browser && sid) {
        await users.end(browser.userId);
        browsers.delete(sid);
      }
      log('signed-out');
      return redirect(res, '/', { 'set-cookie': cookie.cleared() });
    }

    return send(res, 404, problemPage('Not found', 'There is no such page.'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      log('internal-error');
      if (!res.headersSent) send(res, 500, problemPage('Something went wrong', 'Try again in a moment.'));
      else res.end();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    server,
    oauth,
    users,
    async close() {
      await users.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
