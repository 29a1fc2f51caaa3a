import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { rawCall, useMock } from './helpers.js';
import { begin, formFields, locationOf, openSignInPage, postForm } from './oauth-helpers.js';

const mock = useMock();
const control = () => mockControl(mock.server.endpoints.control as string);
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => control().reset());

const alice = { username: 'alice@acme.example', password: 'Alice-pass-1' };

describe('the simulated identity provider', () => {
  it('renders an accessible sign-in page with labelled fields, no caching and no framing', async () => {
    const { authUrl } = await begin(mock.base);
    const { page } = await openSignInPage(authUrl);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('<label for="username">User name</label>');
    expect(page.text).toContain('<label for="password">Password</label>');
    expect(page.text).toContain('autocomplete="current-password"');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // No form-action: the post's redirects go on to FileMaker Server and then to the app.
    expect(page.headers['content-security-policy']).not.toContain('form-action');
    // A browser posts the form with its Origin; no-referrer would make that "null" and the post fail.
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const { fields, action } = await openSignInPage(authUrl);
    const asBrowser = await postForm(
      action,
      { ...fields, action: 'sign-in', username: 'alice@acme.example', password: 'Alice-pass-1' },
      { origin: new URL(authUrl).origin },
    );
    expect(asBrowser.status).toBe(302);
    const back = await rawCall(asBrowser.headers.location as string, 'GET');
    expect(back.headers['referrer-policy']).toBe('no-referrer');
  });

  it('shows the error on a wrong password, does not redirect, keeps the user name, and lets the user retry', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const wrong = await postForm(action, {
      ...fields,
      action: 'sign-in',
      username: alice.username,
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.location).toBeUndefined();
    expect(wrong.text).toContain('role="alert"');
    expect(wrong.text).toContain('Wrong user name or password');
    expect(wrong.text).toContain(`value="${alice.username}"`);
    expect(wrong.text).not.toContain('nope');
    // The old form's nonce is spent; the re-rendered form works.
    const stale = await postForm(action, { ...fields, action: 'sign-in', ...alice });
    expect(stale.status).toBe(403);
    const retry = await postForm(action, { ...formFields(wrong.text), action: 'sign-in', ...alice });
    expect(retry.status).toBe(302);
    expect((await control().stats()).oauthIdp).toMatchObject({
      failedSignIns: 1,
      signIns: 1,
      refusedForms: 1,
    });
  });

  it('refuses an unknown user exactly like a wrong password', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const res = await postForm(action, {
      ...fields,
      action: 'sign-in',
      username: 'nobody@acme.example',
      password: 'x',
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Wrong user name or password');
  });

  it('escapes what the user typed when showing it again', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const res = await postForm(action, {
      ...fields,
      action: 'sign-in',
      username: '"><script>x()</script>',
      password: 'x',
    });
    expect(res.text).not.toContain('<script>x()');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('answers a form posted twice with a page, not a second code', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const first = await postForm(action, { ...fields, action: 'sign-in', ...alice });
    expect(first.status).toBe(302);
    const second = await postForm(action, { ...fields, action: 'sign-in', ...alice });
    expect(second.status).toBe(409);
    expect(second.headers.location).toBeUndefined();
    expect(second.text).toContain('already completed');
    expect((await control().stats()).oauthIdp?.codesIssued).toBe(1);
  });

  it('refuses a forged nonce, an unknown sign-in, a post from another site and a non-form body', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const forged = await postForm(action, { ...fields, nonce: 'forged', action: 'sign-in', ...alice });
    expect(forged.status).toBe(403);
    const unknown = await postForm(action, {
      attempt: 'nope',
      nonce: fields.nonce,
      action: 'sign-in',
      ...alice,
    });
    expect(unknown.status).toBe(400);
    const crossSite = await postForm(
      action,
      { ...fields, action: 'sign-in', ...alice },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const json = await rawCall(action, 'POST', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, ...alice }),
    });
    expect(json.status).toBe(400);
    for (const res of [forged, unknown, crossSite, json]) expect(res.headers.location).toBeUndefined();
    // After all that, the genuine form still works.
    expect((await postForm(action, { ...fields, action: 'sign-in', ...alice })).status).toBe(302);
  });

  it('lapses a sign-in page left open too long (mock clock)', async () => {
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    await control().advanceClock({ minutes: 16 });
    const res = await postForm(action, { ...fields, action: 'sign-in', ...alice });
    expect(res.status).toBe(400);
    expect(res.text).toContain('expired');
  });

  it('sends access_denied to FileMaker Server on Cancel, which sends error=-1 and no identifier to the app', async () => {
    const { requestId, authUrl } = await begin(mock.base, { trackingId: 't-deny' });
    const { fields, action } = await openSignInPage(authUrl);
    const cancelled = await postForm(action, { ...fields, action: 'deny' });
    const toFms = locationOf(cancelled);
    expect(toFms.pathname).toBe('/oauth/redirect');
    expect(toFms.searchParams.get('error')).toBe('access_denied');
    expect(toFms.searchParams.get('code')).toBeNull();
    const back = locationOf(await rawCall(toFms.href, 'GET')).searchParams;
    expect(back.get('trackingID')).toBe('t-deny');
    expect(back.get('error')).toBe('-1');
    expect(back.get('identifier')).toBeNull();
    expect(requestId).toMatch(/^[0-9A-F]{32}$/);
    expect((await control().stats()).oauthIdp?.denials).toBe(1);
  });

  it('sends error=-1 on a denied consent (and the redirectErrorCode switch changes the value)', async () => {
    await control().setOptions({ oauth: { consent: true, redirectErrorCode: '401' } });
    const { authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const consent = await postForm(action, { ...fields, action: 'sign-in', ...alice });
    const denied = await postForm(new URL('consent', authUrl).href, {
      ...formFields(consent.text),
      decision: 'deny',
    });
    const back = locationOf(await rawCall(locationOf(denied).href, 'GET')).searchParams;
    expect(back.get('error')).toBe('401');
    expect(back.get('identifier')).toBeNull();
  });

  it('shows an error page, and redirects nowhere, for an unknown client or a foreign redirect_uri', async () => {
    const { authUrl } = await begin(mock.base);
    const cases: Array<[string, string]> = [
      ['client_id', 'someone-else'],
      ['redirect_uri', 'https://evil.example/oauth/redirect'],
      ['redirect_uri', `${mock.base}/elsewhere`],
      ['response_type', 'token'],
      ['state', ''],
    ];
    for (const [name, value] of cases) {
      const url = new URL(authUrl);
      url.searchParams.set(name, value);
      const res = await rawCall(url.href, 'GET');
      expect(res.status, name).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toContain('role="alert"');
    }
  });

  it('answers unknown IdP paths and wrong methods with HTML 404 / 405', async () => {
    expect((await rawCall(`${mock.base}/idp/token`, 'POST')).status).toBe(404);
    const wrong = await rawCall(`${mock.base}/idp/consent`, 'GET');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
  });
});
