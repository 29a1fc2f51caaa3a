import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, mockControl, startMockServer } from '../src/index.js';
import { rawCall, useMock } from './helpers.js';
import { locationOf, oauthLogin, signInThrough } from './oauth-helpers.js';

const mock = useMock();
const control = () => mockControl(mock.server.endpoints.control as string);
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => control().reset());

const INVALID = { code: '212', message: 'Invalid user account and/or password; please try again' };

/** Signs a user in through the whole flow; the request id and identifier the app would get. */
async function pairFor(username: string, password: string, base = mock.base) {
  const { requestId, back } = await signInThrough(base, username, password);
  return { requestId, identifier: locationOf(back).searchParams.get('identifier') as string };
}

function expectRefused(res: Awaited<ReturnType<typeof oauthLogin>>, message = INVALID) {
  expect(res.status).toBe(401);
  expect(res.json).toEqual({ response: {}, messages: [message] });
  expect(res.headers['x-fm-data-access-token']).toBeUndefined();
}

describe('Data API login with the OAuth header pair', () => {
  it('refuses Eve, who has no account in the file, with 401 / 212 (identifier issued, default unmappedUser "login")', async () => {
    const eve = await pairFor('eve@acme.example', 'Eve-pass-1');
    expect(eve.identifier).toMatch(/^[0-9A-F]{32}$/);
    expectRefused(await oauthLogin(mock.base, eve.requestId, eve.identifier));
    expect((await control().stats()).filemakerServer).toMatchObject({ failedOAuthLogins: 1, oauthLogins: 0 });
  });

  it("refuses an identifier with another request's id, and a made-up pair", async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    const bob = await pairFor('bob@acme.example', 'Bob-pass-1');
    expectRefused(await oauthLogin(mock.base, bob.requestId, alice.identifier));
    expectRefused(await oauthLogin(mock.base, alice.requestId, bob.identifier));
    expectRefused(await oauthLogin(mock.base, 'C74ABC875EFB89FBDC0867301FCB85DB', alice.identifier));
    expectRefused(await oauthLogin(mock.base, alice.requestId, '98A55E5FA8040B993B3FBEF67B9A0952'));
    // Each still works with its own.
    expect((await oauthLogin(mock.base, alice.requestId, alice.identifier)).status).toBe(200);
  });

  it('expires the identifier after identifierLifetimeMinutes on the mock clock (5 by default)', async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    await control().advanceClock({ minutes: 4 });
    expect((await oauthLogin(mock.base, alice.requestId, alice.identifier)).status).toBe(200);
    await control().advanceClock({ minutes: 1 });
    expectRefused(await oauthLogin(mock.base, alice.requestId, alice.identifier));
    await control().setOptions({ oauth: { identifierLifetimeMinutes: 60 } });
    expect((await oauthLogin(mock.base, alice.requestId, alice.identifier)).status).toBe(200);
  });

  it('lets the pair log in once when identifierUse is "single-use"', async () => {
    await control().setOptions({ oauth: { identifierUse: 'single-use' } });
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    expect((await oauthLogin(mock.base, alice.requestId, alice.identifier)).status).toBe(200);
    expectRefused(await oauthLogin(mock.base, alice.requestId, alice.identifier));
  });

  it('answers 952 instead of 212 when loginErrorCode is "952"', async () => {
    await control().setOptions({ oauth: { loginErrorCode: '952' } });
    const eve = await pairFor('eve@acme.example', 'Eve-pass-1');
    expectRefused(await oauthLogin(mock.base, eve.requestId, eve.identifier), {
      code: '952',
      message: 'Invalid FileMaker Data API token (*)',
    });
  });

  it('refuses a half pair with 10, like a login without credentials, and lets Basic win over the pair', async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    const half = await rawCall(`${mock.base}/fmi/data/vLatest/databases/Contacts/sessions`, 'POST', {
      headers: { 'content-type': 'application/json', 'X-FM-Data-OAuth-Request-Id': alice.requestId },
      body: '{}',
    });
    expect(half.status).toBe(401);
    expect(half.json.messages[0].code).toBe('10');
    const both = await rawCall(`${mock.base}/fmi/data/vLatest/databases/Contacts/sessions`, 'POST', {
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}`,
        'X-FM-Data-OAuth-Request-Id': alice.requestId,
        'X-FM-Data-OAuth-Identifier': alice.identifier,
      },
      body: '{}',
    });
    expect(both.status).toBe(401);
  });

  it('accepts the FMS 16 header X-FM-Data-Login-Type: oauth and a lower-case identifier', async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    const res = await rawCall(`${mock.base}/fmi/data/vLatest/databases/Contacts/sessions`, 'POST', {
      headers: {
        'content-type': 'application/json',
        'X-FM-Data-Login-Type': 'oauth',
        'X-FM-Data-OAuth-Request-Id': alice.requestId.toLowerCase(),
        'X-FM-Data-OAuth-Identifier': alice.identifier.toLowerCase(),
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses OData for Bob, whose group account lacks fmodata, and for a wrong pair', async () => {
    const bob = await pairFor('bob@acme.example', 'Bob-pass-1');
    const call = (identifier: string) =>
      rawCall(`${mock.base}/fmi/odata/v4/Contacts/Contacts`, 'GET', {
        headers: { 'X-FM-Data-OAuth-Request-Id': bob.requestId, 'X-FM-Data-OAuth-Identifier': identifier },
      });
    expect((await call(bob.identifier)).status).toBe(401);
    expect((await call('00000000000000000000000000000000')).status).toBe(401);
    expect((await control().stats()).filemakerServer?.failedOAuthODataRequests).toBe(2);
  });

  it('applies the account state: inactive (210) and no fmrest (212, or 9 by switch)', async () => {
    const fixture = structuredClone(DEFAULT_FIXTURE);
    fixture.databases[0]!.oauthAccounts = [
      { provider: 'Acme', kind: 'user', name: 'alice@acme.example', active: false },
      { provider: 'Acme', kind: 'group', name: 'sales', extendedPrivileges: [] },
    ];
    const server = await startMockServer({ fixture });
    try {
      const base = server.endpoints.filemakerServer as string;
      const alice = await pairFor('alice@acme.example', 'Alice-pass-1', base);
      expectRefused(await oauthLogin(base, alice.requestId, alice.identifier), {
        code: '210',
        message: 'User account is inactive',
      });
      const bob = await pairFor('bob@acme.example', 'Bob-pass-1', base);
      expectRefused(await oauthLogin(base, bob.requestId, bob.identifier));
      await mockControl(server.endpoints.control as string).setOptions({
        dataApi: { missingPrivilegeCode: '9' },
      });
      expectRefused(await oauthLogin(base, bob.requestId, bob.identifier), {
        code: '9',
        message: 'Insufficient privileges',
      });
    } finally {
      await server.close();
    }
  });

  it('forgets every request and identifier on reset, and zeroes the counters', async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    await control().reset();
    expectRefused(await oauthLogin(mock.base, alice.requestId, alice.identifier));
    const stats = await control().stats();
    expect(stats.filemakerServer).toMatchObject({
      oauthUrlsIssued: 0,
      identifiersIssued: 0,
      failedOAuthLogins: 1,
    });
    expect(stats.oauthIdp).toMatchObject({ signIns: 0, codesIssued: 0 });
  });

  it('keeps identifiers when sessions are expired (POST /__control/sessions/expire): the pair logs in again', async () => {
    const alice = await pairFor('alice@acme.example', 'Alice-pass-1');
    const first = await oauthLogin(mock.base, alice.requestId, alice.identifier);
    await control().expireSessions();
    const records = `${mock.base}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records`;
    const auth = (res: typeof first) => ({ authorization: `Bearer ${res.json.response.token}` });
    expect((await rawCall(records, 'GET', { headers: auth(first) })).status).toBe(401);
    const again = await oauthLogin(mock.base, alice.requestId, alice.identifier);
    expect(again.status).toBe(200);
    expect((await rawCall(records, 'GET', { headers: auth(again) })).status).toBe(200);
  });

  it('refuses a bad switch value with 400 and changes nothing', async () => {
    const res = await rawCall(`${mock.server.endpoints.control}/options`, 'PATCH', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oauth: { identifierUse: 'twice', consent: true } }),
    });
    expect(res.status).toBe(400);
    expect(((await control().options()).oauth as { consent: boolean }).consent).toBe(false);
  });
});
