import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { type ClarisRawResponse, DEV, NEW, rawCall, useClarisMock } from './claris-helpers.js';

const mock = useClarisMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const PAGE = '/fmi/webd/Contacts';
const REFUSED = 'The account name or password you entered cannot be used to access this file. Try again.';

/** GETs the sign-in page and returns the CSRF cookie and field a browser would send back. */
async function openForm(path = PAGE) {
  const res = await mock.call('GET', path);
  const cookie = String(res.headers['set-cookie']).split(';', 1)[0] as string;
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.text)?.[1] as string;
  return { res, cookie, csrf };
}

async function signIn(account: string, password: string, path = PAGE): Promise<ClarisRawResponse> {
  const { cookie, csrf } = await openForm(path);
  return mock.call('POST', path, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, account, password }).toString(),
  });
}

describe('Claris Server WebDirect', () => {
  it('serves a sign-in page per hosted file at /fmi/webd/{database}', async () => {
    const { res, cookie, csrf } = await openForm();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Sign in to “Contacts”');
    expect(res.text).toContain('name="account" type="email"');
    expect(res.text).toContain('name="password" type="password"');
    expect(cookie).toMatch(/^webd_csrf=/);
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly; SameSite=Lax');
    expect(cookie).toBe(`webd_csrf=${csrf}`);
  });

  it('lists the hosted files at /fmi/webd', async () => {
    const res = await mock.call('GET', '/fmi/webd');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/claris-server/fmi/webd/Contacts"');
  });

  it('opens the file for the Claris ID email with the extended password', async () => {
    const res = await signIn('Dev@Example.com', DEV.extended);
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="signed-in-as">Signed in as dev@example.com');
    expect(res.text).toContain('Ada Lovelace');
    expect(mock.stats()).toMatchObject({ webDirectLogins: 1, webDirectFailedLogins: 0 });
  });

  it('refuses the plain Claris ID password with a visible message, and counts it', async () => {
    const res = await signIn(DEV.email, DEV.password);
    expect(res.status).toBe(401);
    expect(res.text).toContain(`role="alert">${REFUSED}`);
    expect(res.text).not.toContain(DEV.password);
    expect(res.text).toContain('value="dev@example.com"');
    expect(mock.stats()).toMatchObject({
      webDirectLogins: 0,
      webDirectFailedLogins: 1,
      webDirectRejectedClarisIdPasswords: 1,
      // The Data API counter is for Data API logins only.
      rejectedClarisIdPasswords: 0,
    });
  });

  it.each([
    ['a wrong password', DEV.email, 'wrong-password'],
    ['an unknown Claris ID', 'ghost@example.com', DEV.extended],
    ['a user without an extended password', NEW.email, NEW.password],
    ['a FileMaker account of the file', 'admin', 'admin-pass'],
    ['empty fields', '', ''],
  ])('refuses %s with the same message', async (_case, account, password) => {
    const res = await signIn(account, password);
    expect(res.status).toBe(401);
    expect(res.text).toContain(REFUSED);
  });

  it('escapes what it echoes', async () => {
    const res = await signIn('"><img src=x onerror=alert(1)>', 'x');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    const missing = await mock.call('GET', '/fmi/webd/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<script>alert(1)</script>');
    expect(missing.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers an unknown database with a not-found page', async () => {
    const res = await mock.call('GET', '/fmi/webd/Nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('App not available');
    expect(res.text).toContain('“Nope” is not hosted on this server');
  });

  it('refuses a post without the CSRF cookie, with a forged token, or from another origin', async () => {
    const { cookie, csrf } = await openForm();
    const post = (headers: Record<string, string>, token: string) =>
      mock.call('POST', PAGE, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ csrf: token, account: DEV.email, password: DEV.extended }).toString(),
      });
    expect((await post({}, csrf)).status).toBe(403);
    expect((await post({ cookie }, 'forged')).status).toBe(403);
    expect((await post({ cookie, origin: 'https://evil.example' }, csrf)).status).toBe(403);
    expect((await post({ cookie }, csrf)).status).toBe(200);
  });

  it('answers a non-form post with 415 and other methods with 405', async () => {
    const json = await mock.call('POST', PAGE, {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect((await mock.call('DELETE', PAGE)).status).toBe(405);
  });

  it('accepts an extended password set through the control API', async () => {
    await mockControl(mock.control).call('POST', '/claris-id/extended-password', {
      email: NEW.email,
      extendedPassword: 'Webd-extended-1',
    });
    expect((await signIn(NEW.email, 'Webd-extended-1')).status).toBe(200);
  });

  it('keeps working while the Data API is disabled (WebDirect is a separate service)', async () => {
    await mockControl(mock.control).setOptions({ dataApi: { dataApiEnabled: false } });
    expect((await rawCall(`${mock.clarisServer}${PAGE}`, 'GET')).status).toBe(200);
  });
});
