import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, useMock } from './helpers.js';
import { locationOf, oauthLogin, signInThrough } from './oauth-helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('FileMaker Server OAuth sign-in, happy path over plain HTTP', () => {
  it('lists the providers with the keys clients read', async () => {
    const res = await mock.call('GET', '/fmws/oauthproviderinfo');
    expect(res.status).toBe(200);
    expect(res.json.result).toBe(0);
    const acme = res.json.data.Provider.find((p: { Name: string }) => p.Name === 'Acme');
    expect(acme).toEqual({
      Name: 'Acme',
      ProviderID: 8,
      ClientID: 'fmauth-mock-acme',
      AuthCodeEndpoint: `${mock.base}/idp/authorize`,
      Scope: 'openid email profile',
      'Response Type': 'code',
    });
    expect(mock.server.readiness.endpoints.oauthIdp).toBe(`${mock.base}/idp`);
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
    expect(authUrl.startsWith(`${mock.base}/idp/authorize?`)).toBe(true);
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
    const records = await rawCall(
      `${mock.base}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records`,
      'GET',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(records.status).toBe(200);
    expect(records.json.response.data.length).toBeGreaterThan(0);
  });
});
