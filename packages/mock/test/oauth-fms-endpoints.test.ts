import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { rawCall, useMock } from './helpers.js';
import { begin, getOAuthUrl, locationOf, openSignInPage, postForm, signInThrough } from './oauth-helpers.js';

const mock = useMock();
const control = () => mockControl(mock.server.endpoints.control as string);
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => control().reset());

const alice = { username: 'alice@acme.example', password: 'Alice-pass-1' };

/** The IdP's redirect back to FileMaker Server after Alice signs in, not yet followed. */
async function codeRedirect(trackingId = 't', returnUrl?: string) {
  const { requestId, authUrl } = await begin(mock.base, { trackingId, ...(returnUrl ? { returnUrl } : {}) });
  const { fields, action } = await openSignInPage(authUrl);
  const posted = await postForm(action, { ...fields, action: 'sign-in', ...alice });
  return { requestId, toFms: locationOf(posted) };
}

describe('GET /oauth/getoauthurl refusals', () => {
  it('accepts application types 7, 8 and 9', async () => {
    for (const type of ['7', '8', '9'])
      expect((await getOAuthUrl(mock.base, { applicationType: type })).status).toBe(200);
  });

  it('refuses type 9 with HTTP 400 and x-fms-result 25000 when refuseApplicationType9 is on', async () => {
    await control().setOptions({ oauth: { refuseApplicationType9: true } });
    const refused = await getOAuthUrl(mock.base, { applicationType: '9' });
    expect(refused.status).toBe(400);
    expect(refused.headers['x-fms-result']).toBe('25000');
    expect(refused.headers['x-fms-request-id']).toBeUndefined();
    expect(refused.headers['x-fmauth-mock-reason']).toContain('refuseApplicationType9');
    expect((await getOAuthUrl(mock.base, { applicationType: '7' })).status).toBe(200);
  });

  it('refuses an unknown provider, a bad type, a missing AuthType and a bad return URL (code switchable)', async () => {
    await control().setOptions({ oauth: { getOAuthUrlErrorCode: '3' } });
    const cases = [
      { provider: 'Okta' },
      { provider: '' },
      { applicationType: '' },
      { applicationType: '10' },
      { authType: '1' },
      { returnUrl: 'not a url' },
      { returnUrl: 'javascript:alert(1)' },
      { returnUrl: 'https://user:pw@app.example/cb' },
      { returnUrl: `http://127.0.0.1/${'x'.repeat(3000)}` },
      { trackingId: 'x'.repeat(3000) },
    ];
    for (const options of cases) {
      const res = await getOAuthUrl(mock.base, options);
      expect(res.status, JSON.stringify(options).slice(0, 80)).toBe(400);
      expect(res.headers['x-fms-result']).toBe('3');
      expect(res.text).toBe('');
    }
    expect((await control().stats()).filemakerServer?.oauthUrlsRefused).toBe(cases.length);
  });

  it('refuses a disabled provider and lists none: {"result":0}', async () => {
    const { startMockServer, DEFAULT_FIXTURE } = await import('../src/index.js');
    const fixture = structuredClone(DEFAULT_FIXTURE);
    fixture.oauth = { providers: [{ name: 'Acme', enabled: false }], users: [] };
    fixture.databases[0]!.oauthAccounts = [];
    const server = await startMockServer({ fixture });
    try {
      const base = server.endpoints.filemakerServer as string;
      const list = await rawCall(`${base}/fmws/oauthproviderinfo`, 'GET');
      expect(list.json).toEqual({ result: 0 });
      expect((await getOAuthUrl(base, { provider: 'Acme' })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('GET /oauth/redirect', () => {
  it('refuses a forged state and a replayed one, without redirecting', async () => {
    const { toFms } = await codeRedirect();
    const forged = new URL(toFms.href);
    forged.searchParams.set('state', 'forged-state');
    const refused = await rawCall(forged.href, 'GET');
    expect(refused.status).toBe(400);
    expect(refused.headers.location).toBeUndefined();
    expect(refused.headers['x-fms-result']).toBe('25000');
    expect((await rawCall(toFms.href, 'GET')).status).toBe(302);
    const replayed = await rawCall(toFms.href, 'GET');
    expect(replayed.status).toBe(400);
    expect(replayed.headers.location).toBeUndefined();
    expect((await control().stats()).filemakerServer).toMatchObject({
      redirectsRefused: 2,
      identifiersIssued: 1,
    });
  });

  it('sends error=-1 for a code the IdP did not issue, or one already redeemed under another request', async () => {
    const { toFms } = await codeRedirect('t1');
    const bad = new URL(toFms.href);
    bad.searchParams.set('code', 'made-up');
    const back = locationOf(await rawCall(bad.href, 'GET')).searchParams;
    expect(back.get('error')).toBe('-1');
    expect(back.get('identifier')).toBeNull();
    // The genuine code, replayed with the state of a second request, is refused by the IdP.
    const second = await codeRedirect('t2');
    const stolen = new URL(second.toFms.href);
    const first = await codeRedirect('t3');
    expect(locationOf(await rawCall(first.toFms.href, 'GET')).searchParams.get('error')).toBe('0');
    stolen.searchParams.set('code', first.toFms.searchParams.get('code') as string);
    expect(locationOf(await rawCall(stolen.href, 'GET')).searchParams.get('error')).toBe('-1');
    expect((await control().stats()).oauthIdp?.codesRefused).toBe(2);
  });

  it('lapses a request after requestLifetimeMinutes, and an unredeemed code after codeLifetimeSeconds', async () => {
    const late = await codeRedirect('late');
    await control().advanceClock({ minutes: 11 });
    expect((await rawCall(late.toFms.href, 'GET')).status).toBe(400);
    await control().setOptions({ oauth: { codeLifetimeSeconds: 30 } });
    const slow = await codeRedirect('slow');
    await control().advanceClock({ seconds: 31 });
    expect(locationOf(await rawCall(slow.toFms.href, 'GET')).searchParams.get('error')).toBe('-1');
  });

  it('shows the JSON page instead of redirecting to a return URL on another host (default)', async () => {
    const { toFms } = await codeRedirect('t', 'https://app.example.com/callback');
    const res = await rawCall(toFms.href, 'GET');
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.json.result).toBe(0);
    expect(res.json.data.identifier).toMatch(/^[0-9A-F]{32}$/);
    expect(Object.keys(res.json)).toEqual(['data', 'result']);
    expect((await control().stats()).filemakerServer?.returnUrlJsonPages).toBe(1);
  });

  it('redirects to another host when foreignReturnUrl is "redirect"', async () => {
    await control().setOptions({ oauth: { foreignReturnUrl: 'redirect' } });
    const { toFms } = await codeRedirect('t', 'https://app.example.com/callback');
    const back = locationOf(await rawCall(toFms.href, 'GET'));
    expect(back.host).toBe('app.example.com');
    expect(back.searchParams.get('identifier')).toMatch(/^[0-9A-F]{32}$/);
  });

  it("redirects to localhost and to the server's own host name whatever the switch", async () => {
    for (const returnUrl of ['http://localhost:3000/cb', 'http://127.0.0.1:3000/cb', `${mock.base}/app/cb`]) {
      const { toFms } = await codeRedirect('t', returnUrl);
      expect(locationOf(await rawCall(toFms.href, 'GET')).searchParams.get('error')).toBe('0');
    }
  });

  it('refuses an unmapped user at the redirect when unmappedUser is "redirect"', async () => {
    await control().setOptions({ oauth: { unmappedUser: 'redirect' } });
    const eve = await signInThrough(mock.base, 'eve@acme.example', 'Eve-pass-1');
    const back = locationOf(eve.back).searchParams;
    expect(back.get('error')).toBe('-1');
    expect(back.get('identifier')).toBeNull();
    const bob = await signInThrough(mock.base, 'bob@acme.example', 'Bob-pass-1');
    expect(locationOf(bob.back).searchParams.get('error')).toBe('0');
  });

  it('answers a bare /oauth/redirect and unknown /oauth paths without crashing', async () => {
    expect((await rawCall(`${mock.base}/oauth/redirect`, 'GET')).status).toBe(400);
    expect((await rawCall(`${mock.base}/oauth/redirect?state=%E0%A4%A`, 'GET')).status).toBe(400);
    expect((await rawCall(`${mock.base}/oauth/nothing`, 'GET')).status).toBe(404);
    expect((await rawCall(`${mock.base}/oauth/getoauthurl`, 'POST')).status).toBe(405);
    expect((await rawCall(`${mock.base}/fmws/oauthproviderinfo`, 'DELETE')).status).toBe(405);
  });
});

describe('other flavors', () => {
  it('FileMaker Cloud and Claris Server answer 404 to every OAuth endpoint', async () => {
    for (const key of ['filemakerCloud', 'clarisServer']) {
      const base = mock.server.endpoints[key] as string;
      for (const path of ['/fmws/oauthproviderinfo', '/oauth/getoauthurl?provider=Acme', '/oauth/redirect']) {
        const res = await rawCall(`${base}${path}`, 'GET', {
          headers: { 'X-FMS-Application-Type': '9', 'X-FMS-Return-URL': 'http://127.0.0.1/' },
        });
        expect(res.status, `${key} ${path}`).toBe(404);
      }
    }
  });
});
