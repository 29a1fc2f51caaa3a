import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { rawCall, useMock } from './helpers.js';
import {
  begin,
  formFields,
  locationOf,
  oauthLogin,
  openSignInPage,
  postForm,
  signInThrough,
} from './oauth-helpers.js';

const mock = useMock();
const control = () => mockControl(mock.server.endpoints.control as string);
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => control().reset());

async function records(token: string) {
  return rawCall(`${mock.base}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records`, 'GET', {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('FileMaker Server OAuth sign-in, happy path over plain HTTP', () => {
  it('lists the providers with the keys clients read', async () => {
    const res = await mock.call('GET', '/fmws/oauthproviderinfo');
    expect(res.status).toBe(200);
    expect(res.json.result).toBe(0);
    expect(res.json.data.Provider.map((p: { Name: string }) => p.Name)).toEqual(['Google', 'Acme']);
    const acme = res.json.data.Provider.find((p: { Name: string }) => p.Name === 'Acme');
    expect(acme).toEqual({
      Name: 'Acme',
      ProviderID: 8,
      ClientID: 'fmauth-mock-acme',
      AuthCodeEndpoint: `${mock.base}/idp/authorize`,
      Scope: 'openid email profile',
      'Response Type': 'code',
    });
    const { readiness } = mock.server;
    expect(readiness.endpoints.oauthIdp).toBe(`${mock.base}/idp`);
    expect(readiness.endpoints.oauthProviderInfo).toBe(`${mock.base}/fmws/oauthproviderinfo`);
    expect(Object.keys(readiness)).toEqual(['ready', 'endpoints', 'cognito']);
  });

  it('signs Alice in by user name and opens a Data API session that reads records', async () => {
    const { requestId, authUrl, back } = await signInThrough(
      mock.base,
      'alice@acme.example',
      'Alice-pass-1',
      {
        trackingId: 'app-state-42',
        returnUrl: 'http://127.0.0.1:9999/callback?from=app',
      },
    );
    expect(requestId).toMatch(/^[0-9A-F]{32}$/);
    const auth = new URL(authUrl);
    expect(`${auth.origin}${auth.pathname}`).toBe(`${mock.base}/idp/authorize`);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      client_id: 'fmauth-mock-acme',
      redirect_uri: `${mock.base}/oauth/redirect`,
      response_type: 'code',
      scope: 'openid email profile',
    });
    expect(auth.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    const returned = locationOf(back);
    expect(returned.origin + returned.pathname).toBe('http://127.0.0.1:9999/callback');
    expect(returned.searchParams.get('from')).toBe('app');
    expect(returned.searchParams.get('trackingID')).toBe('app-state-42');
    expect(returned.searchParams.get('error')).toBe('0');
    const identifier = returned.searchParams.get('identifier') as string;
    expect(identifier).toMatch(/^[0-9A-F]{32}$/);

    const login = await oauthLogin(mock.base, requestId, identifier);
    expect(login.status).toBe(200);
    const token = login.json.response.token as string;
    expect(login.headers['x-fm-data-access-token']).toBe(token);
    const read = await records(token);
    expect(read.status).toBe(200);
    expect(read.json.response.data).toHaveLength(6);

    const stats = await control().stats();
    expect(stats.filemakerServer).toMatchObject({ oauthUrlsIssued: 1, identifiersIssued: 1, oauthLogins: 1 });
    expect(stats.oauthIdp).toMatchObject({ authorizePages: 1, signIns: 1, codesIssued: 1, codesRedeemed: 1 });
  });

  it('signs Bob in through his group "sales"; the same pair logs in again (reusable by default)', async () => {
    const { requestId, back } = await signInThrough(mock.base, 'BOB@acme.example', 'Bob-pass-1');
    const identifier = locationOf(back).searchParams.get('identifier') as string;
    const first = await oauthLogin(mock.base, requestId, identifier);
    const second = await oauthLogin(mock.base, requestId, identifier);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json.response.token).not.toBe(first.json.response.token);
    expect((await records(second.json.response.token)).status).toBe(200);
  });

  it('gives each user their own session', async () => {
    const alice = await signInThrough(mock.base, 'alice@acme.example', 'Alice-pass-1', { trackingId: 'a' });
    const bob = await signInThrough(mock.base, 'bob@acme.example', 'Bob-pass-1', { trackingId: 'b' });
    const aliceBack = locationOf(alice.back).searchParams;
    const bobBack = locationOf(bob.back).searchParams;
    expect(aliceBack.get('trackingID')).toBe('a');
    expect(bobBack.get('trackingID')).toBe('b');
    expect(alice.requestId).not.toBe(bob.requestId);
    expect(aliceBack.get('identifier')).not.toBe(bobBack.get('identifier'));
    const aliceLogin = await oauthLogin(mock.base, alice.requestId, aliceBack.get('identifier') as string);
    const bobLogin = await oauthLogin(mock.base, bob.requestId, bobBack.get('identifier') as string);
    expect(aliceLogin.json.response.token).not.toBe(bobLogin.json.response.token);
  });

  it('signs in through Google too (the same simulated IdP, told apart by client_id)', async () => {
    const { requestId, authUrl, back } = await signInThrough(
      mock.base,
      'alice@acme.example',
      'Alice-pass-1',
      {
        provider: 'google',
      },
    );
    expect(new URL(authUrl).searchParams.get('client_id')).toBe('fmauth-mock-google');
    const login = await oauthLogin(
      mock.base,
      requestId,
      locationOf(back).searchParams.get('identifier') as string,
    );
    expect(login.status).toBe(200);
  });

  it('asks for consent when options.oauth.consent is on, and Allow completes the sign-in', async () => {
    await control().setOptions({ oauth: { consent: true } });
    const { requestId, authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    const signedIn = await postForm(action, {
      ...fields,
      action: 'sign-in',
      username: 'alice@acme.example',
      password: 'Alice-pass-1',
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain('Allow access?');
    expect(signedIn.text).toContain('Alice Example');
    const allowed = await postForm(new URL('consent', authUrl).href, {
      ...formFields(signedIn.text),
      decision: 'allow',
    });
    const back = await rawCall(locationOf(allowed).href, 'GET');
    const identifier = locationOf(back).searchParams.get('identifier') as string;
    expect((await oauthLogin(mock.base, requestId, identifier)).status).toBe(200);
  });

  it('lets OData in with the header pair on every request (Alice has fmodata)', async () => {
    const { requestId, back } = await signInThrough(mock.base, 'alice@acme.example', 'Alice-pass-1');
    const identifier = locationOf(back).searchParams.get('identifier') as string;
    const headers = { 'X-FM-Data-OAuth-Request-Id': requestId, 'X-FM-Data-OAuth-Identifier': identifier };
    for (let i = 0; i < 2; i++) {
      const res = await rawCall(`${mock.base}/fmi/odata/v4/Contacts/Contacts?$top=2`, 'GET', { headers });
      expect(res.status).toBe(200);
      expect(res.json.value).toHaveLength(2);
    }
    expect((await control().stats()).filemakerServer).toMatchObject({ oauthODataRequests: 2 });
  });
});
