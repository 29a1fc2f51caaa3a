import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import {
  type CallOptions,
  type ClarisRawResponse,
  DEV,
  NEW,
  rawCall,
  useClarisMock,
} from './claris-helpers.js';

const mock = useClarisMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const FORM = 'application/x-www-form-urlencoded';

/** A browser-like visitor: keeps the session cookie, reads the CSRF token off each page. */
function visitor() {
  let cookie: string | undefined;
  let csrf = '';
  const v = {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    get csrf() {
      return csrf;
    },
    async request(method: string, path: string, options: CallOptions = {}): Promise<ClarisRawResponse> {
      const headers = { ...(cookie ? { cookie } : {}), ...options.headers };
      const res = await rawCall(`${mock.clarisStudio}${path}`, method, { ...options, headers });
      const setCookie = res.headers['set-cookie'];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      if (first) {
        const pair = first.split(';', 1)[0] as string;
        cookie = pair.endsWith('=') ? undefined : pair;
      }
      const token = /name="csrf" value="([^"]+)"/.exec(res.text)?.[1];
      if (token) csrf = token;
      return res;
    },
    post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
      return v.request('POST', path, {
        headers: { 'content-type': FORM, ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    },
    async signIn(email: string, password: string) {
      await v.request('GET', '/signin');
      return v.post('/signin', { csrf, email, password });
    },
  };
  return v;
}

describe('Claris Studio sign-in', () => {
  it('is announced in the readiness endpoints', () => {
    expect(mock.server.readiness.endpoints.clarisStudio).toBe(`${mock.server.url}/claris-studio`);
  });

  it('serves the sign-in page with an HttpOnly, SameSite=Lax session cookie and a CSRF token', async () => {
    const browser = visitor();
    const res = await browser.request('GET', '/signin');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^claris_studio_sid=[A-Za-z0-9_-]{43}; Path=\/claris-studio; HttpOnly; SameSite=Lax$/,
    );
    expect(browser.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    for (const path of ['/', '/account', '/account/extended-account']) {
      const res = await visitor().request('GET', path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/claris-studio/signin');
    }
  });

  it('refuses a sign-in without the CSRF token, with a wrong one, or from another origin', async () => {
    const browser = visitor();
    await browser.request('GET', '/signin');
    const fields = { email: DEV.email, password: DEV.password };
    expect((await browser.post('/signin', fields)).status).toBe(403);
    expect((await browser.post('/signin', { ...fields, csrf: 'forged' })).status).toBe(403);
    const crossSite = await browser.post(
      '/signin',
      { ...fields, csrf: browser.csrf },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).toContain('This form has expired');
    // Without any session cookie the token cannot match anything either.
    const stranger = visitor();
    expect((await stranger.post('/signin', { ...fields, csrf: browser.csrf })).status).toBe(403);
    expect(mock.stats('clarisStudio')).toMatchObject({ signIns: 0 });
  });

  it('answers a non-form body with 415', async () => {
    const browser = visitor();
    await browser.request('GET', '/signin');
    const res = await browser.request('POST', '/signin', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrf: browser.csrf, email: DEV.email, password: DEV.password }),
    });
    expect(res.status).toBe(415);
  });

  it('refuses a wrong password with a visible message, echoing the email escaped and never the password', async () => {
    const browser = visitor();
    await browser.request('GET', '/signin');
    const hostile = '"><script>alert(1)</script>@example.com';
    const res = await browser.post('/signin', {
      csrf: browser.csrf,
      email: hostile,
      password: 'Secret<b>pw',
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('role="alert">The Claris ID or password is incorrect.');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
    expect(res.text).not.toContain('Secret');
    const wrong = await browser.post('/signin', { csrf: browser.csrf, email: DEV.email, password: 'nope' });
    expect(wrong.status).toBe(401);
    const extended = await browser.post('/signin', {
      csrf: browser.csrf,
      email: DEV.email,
      password: DEV.extended,
    });
    expect(extended.status).toBe(401);
    expect(mock.stats('clarisStudio')).toMatchObject({ signIns: 0, failedSignIns: 3 });
  });

  it('signs in with the Claris ID password and replaces the session id', async () => {
    const browser = visitor();
    await browser.request('GET', '/signin');
    const before = browser.cookie;
    const res = await browser.post('/signin', {
      csrf: browser.csrf,
      email: 'DEV@example.com',
      password: DEV.password,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/claris-studio/');
    expect(browser.cookie).toBeDefined();
    expect(browser.cookie).not.toBe(before);
    const home = await browser.request('GET', '/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Welcome, Dev User');
    // The pre-sign-in id is dead.
    const old = await rawCall(`${mock.clarisStudio}/`, 'GET', { headers: { cookie: before as string } });
    expect(old.status).toBe(303);
    expect(mock.stats('clarisStudio')).toMatchObject({ signIns: 1, activeSessions: 1 });
  });
});

describe('Claris Studio Account > Extended Account', () => {
  it('sets a first extended password that Claris Server then accepts', async () => {
    expect((await mock.dataApiLogin(NEW.email, 'Fresh-extended-9')).status).toBe(401);
    const browser = visitor();
    await browser.signIn(NEW.email, NEW.password);
    const account = await browser.request('GET', '/account');
    expect(account.text).toContain('href="/claris-studio/account/extended-account"');
    const form = await browser.request('GET', '/account/extended-account');
    expect(form.status).toBe(200);
    expect(form.text).toContain('data-testid="extended-status">Not set');
    const saved = await browser.post('/account/extended-account', {
      csrf: browser.csrf,
      newPassword: 'Fresh-extended-9',
      confirmPassword: 'Fresh-extended-9',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/claris-studio/account/extended-account');
    const after = await browser.request('GET', '/account/extended-account');
    expect(after.text).toContain('role="status">Your extended account password has been set.');
    expect(after.text).toContain('data-testid="extended-status">Set');
    expect(after.text).not.toContain('Fresh-extended-9');
    // The flash is shown once.
    expect((await browser.request('GET', '/account/extended-account')).text).not.toContain('has been set');

    expect((await mock.dataApiLogin(NEW.email, 'Fresh-extended-9')).status).toBe(200);
    expect((await mock.dataApiLogin(NEW.email, NEW.password)).status).toBe(401);
    expect(mock.stats('clarisStudio')).toMatchObject({
      extendedPasswordsSet: 1,
      extendedPasswordsRejected: 0,
    });
  });

  it('changes an existing extended password: the old one stops working', async () => {
    const browser = visitor();
    await browser.signIn(DEV.email, DEV.password);
    await browser.request('GET', '/account/extended-account');
    await browser.post('/account/extended-account', {
      csrf: browser.csrf,
      newPassword: 'Changed-extended-2',
      confirmPassword: 'Changed-extended-2',
    });
    const page = await browser.request('GET', '/account/extended-account');
    expect(page.text).toContain('has been changed');
    expect((await mock.dataApiLogin(DEV.email, DEV.extended)).status).toBe(401);
    expect((await mock.dataApiLogin(DEV.email, 'Changed-extended-2')).status).toBe(200);
  });

  it.each([
    ['empty fields', '', '', 'Enter the new password twice'],
    ['different confirmation', 'Long-enough-1', 'Long-enough-2', 'The two passwords do not match'],
    ['a short password', 'Ab-1', 'Ab-1', 'too short. Use at least 8 characters'],
    ['a colon', 'has:colon-123', 'has:colon-123', 'no colon'],
    ['non-ASCII characters', 'pässwörd-1234', 'pässwörd-1234', 'printable ASCII'],
    ['the Claris ID password', NEW.password, NEW.password, 'different from your Claris ID password'],
  ])('refuses %s with a clear message and no echo', async (_case, newPassword, confirmPassword, message) => {
    const browser = visitor();
    await browser.signIn(NEW.email, NEW.password);
    await browser.request('GET', '/account/extended-account');
    const res = await browser.post('/account/extended-account', {
      csrf: browser.csrf,
      newPassword,
      confirmPassword,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert">');
    expect(res.text).toContain(message);
    if (newPassword) expect(res.text).not.toContain(newPassword);
    expect(res.text).toContain('data-testid="extended-status">Not set');
    expect(mock.stats('clarisStudio')).toMatchObject({
      extendedPasswordsSet: 0,
      extendedPasswordsRejected: 1,
    });
  });

  it('follows the minExtendedPasswordLength and rejectClarisIdPasswordReuse switches', async () => {
    await mockControl(mock.control).setOptions({
      clarisStudio: { minExtendedPasswordLength: 4, rejectClarisIdPasswordReuse: false },
    });
    const browser = visitor();
    await browser.signIn(NEW.email, NEW.password);
    await browser.request('GET', '/account/extended-account');
    const short = await browser.post('/account/extended-account', {
      csrf: browser.csrf,
      newPassword: 'Ab-1',
      confirmPassword: 'Ab-1',
    });
    expect(short.status).toBe(303);
    const reuse = await browser.post('/account/extended-account', {
      csrf: browser.csrf,
      newPassword: NEW.password,
      confirmPassword: NEW.password,
    });
    expect(reuse.status).toBe(303);
    // Extended password == Claris ID password: the extended check wins, so the login works.
    expect((await mock.dataApiLogin(NEW.email, NEW.password)).status).toBe(200);
  });

  it("refuses to change the password without the session's CSRF token", async () => {
    const browser = visitor();
    await browser.signIn(DEV.email, DEV.password);
    const fields = { newPassword: 'Sneaky-change-1', confirmPassword: 'Sneaky-change-1' };
    expect((await browser.post('/account/extended-account', fields)).status).toBe(403);
    expect(
      (await browser.post('/account/extended-account', { ...fields, csrf: 'x'.repeat(43) })).status,
    ).toBe(403);
    expect((await mock.dataApiLogin(DEV.email, DEV.extended)).status).toBe(200);
  });

  it('ends the session after the idle time on the mock clock', async () => {
    const browser = visitor();
    await browser.signIn(DEV.email, DEV.password);
    expect((await browser.request('GET', '/account')).status).toBe(200);
    await mockControl(mock.control).advanceClock({ minutes: 31 });
    const res = await browser.request('GET', '/account');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/claris-studio/signin?notice=expired');
    const signIn = await browser.request('GET', '/signin?notice=expired');
    expect(signIn.text).toContain('Your session has ended. Sign in again.');
  });

  it('signs out: the cookie is cleared and the session is gone', async () => {
    const browser = visitor();
    await browser.signIn(DEV.email, DEV.password);
    const session = browser.cookie as string;
    await browser.request('GET', '/account');
    const out = await browser.post('/signout', { csrf: browser.csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/claris-studio/signin?notice=signedout');
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const reused = await rawCall(`${mock.clarisStudio}/account`, 'GET', { headers: { cookie: session } });
    expect(reused.status).toBe(303);
    expect(mock.stats('clarisStudio').activeSessions).toBe(0);
  });

  it('answers unknown pages with 404 and unknown methods with 405', async () => {
    const missing = await visitor().request('GET', '/nope/<b>');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<b>');
    expect((await visitor().request('DELETE', '/account')).status).toBe(405);
  });
});
