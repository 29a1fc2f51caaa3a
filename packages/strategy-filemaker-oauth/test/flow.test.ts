import {
  createAuthorizationHeaderProvider,
  createDataApiSession,
  createODataClient,
  UnsupportedError,
} from '@fmauth/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OAuthCredentials } from '../src/index.js';
import { ALICE, BOB, flow, RETURN_URL, renderings, signIn, useMock } from './helpers.js';

let mock: Awaited<ReturnType<typeof useMock>>;
beforeAll(async () => {
  mock = await useMock();
});
afterAll(() => mock.server.close());
beforeEach(() => mock.control.reset());

describe('listProviders', () => {
  it("lists the server's providers with their kind", async () => {
    const providers = await flow().listProviders(mock.baseUrl);
    expect(providers).toEqual([
      { name: 'Google', providerId: 3, kind: 'google' },
      { name: 'Acme', providerId: 8, kind: 'custom' },
    ]);
  });

  it('is empty on FileMaker Cloud and Claris Server, which answer 404', async () => {
    expect(await flow().listProviders(mock.endpoints.filemakerCloud as string)).toEqual([]);
    expect(await flow().listProviders(mock.endpoints.clarisServer as string)).toEqual([]);
  });
});

describe('begin, browser leg, complete, login', () => {
  it('opens a Data API session as the signed-in user with the header pair', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    expect(new URL(done.authorizationUrl).pathname).toBe('/idp/authorize');
    expect(done.returnedUrl.searchParams.get('error')).toBe('0');
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    expect(credentials).toBeInstanceOf(OAuthCredentials);
    expect(credentials.provider).toBe('Acme');
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials, { identity: 'user-1' }),
    });
    const { data } = await session.getRecords('Contacts', { limit: 3 });
    expect(data).toHaveLength(3);
    const stats = (await mock.control.stats()).filemakerServer as Record<string, number>;
    expect(stats.oauthLogins).toBe(1);
    expect(stats.identifiersIssued).toBe(1);
    await session.close();
    expect(((await mock.control.stats()).filemakerServer as Record<string, number>).activeSessions).toBe(0);
  });

  it('the state is opaque: neither the request id nor the tracking id shows in it', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const trackingId = done.returnedUrl.searchParams.get('trackingID') as string;
    expect(trackingId).toMatch(/^[0-9A-F]{32}$/);
    const decoded = Buffer.from(done.state, 'base64url').toString('latin1');
    expect(decoded).not.toContain(trackingId);
    expect(done.state).not.toContain(trackingId);
  });

  it('accepts req.url, the query text or a parsed query object at complete()', async () => {
    const oauth = flow();
    const a = await signIn(oauth, mock.baseUrl, ALICE);
    await expect(
      oauth.complete(a.state, `${a.returnedUrl.pathname}${a.returnedUrl.search}`),
    ).resolves.toBeInstanceOf(OAuthCredentials);
    const b = await signIn(oauth, mock.baseUrl, ALICE);
    await expect(
      oauth.complete(b.state, Object.fromEntries(b.returnedUrl.searchParams)),
    ).resolves.toBeInstanceOf(OAuthCredentials);
  });

  it('the OData client logs in with the same pair (sent on every request)', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const client = createODataClient({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials),
    });
    const page = await client.query('Contacts', { top: 2 });
    expect(page.value).toHaveLength(2);
    expect(
      ((await mock.control.stats()).filemakerServer as Record<string, number>).oauthODataRequests,
    ).toBeGreaterThan(0);
    await client.close();
  });

  it('the authorization header provider cannot hand out the pair (it only hands out an Authorization value)', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const provider = createAuthorizationHeaderProvider(oauth.strategy(credentials), {
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      api: 'odata',
    });
    const error = await provider.getAuthorizationHeader().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(renderings(error)).not.toContain(done.returnedUrl.searchParams.get('identifier'));
    await provider.close();
  });

  it('opens other files with fmDataSource entries of the same sign-in', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const entry = credentials.fmDataSource('Contacts');
    expect(entry.database).toBe('Contacts');
    expect(entry.oAuthIdentifier.reveal()).toBe(done.returnedUrl.searchParams.get('identifier'));
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials, { fmDataSource: ['Contacts'] }),
    });
    await session.getRecords('Contacts', { limit: 1 });
    await session.close();
  });

  it('two users signed in at once each get their own session token', async () => {
    const oauth = flow();
    const [a, b] = await Promise.all([signIn(oauth, mock.baseUrl, ALICE), signIn(oauth, mock.baseUrl, BOB)]);
    const sessions = await Promise.all(
      [a, b].map(async (done, i) =>
        createDataApiSession({
          baseUrl: mock.baseUrl,
          database: 'Contacts',
          strategy: oauth.strategy(await oauth.complete(done.state, done.returnedUrl), {
            identity: `user-${i}`,
          }),
        }),
      ),
    );
    await Promise.all(sessions.map((s) => s.getRecords('Contacts', { limit: 1 })));
    const stats = (await mock.control.stats()).filemakerServer as Record<string, number>;
    expect(stats.oauthLogins).toBe(2);
    expect(stats.activeSessions).toBe(2);
    await sessions[0]?.close();
    await sessions[1]?.getRecords('Contacts', { limit: 1 });
    expect(((await mock.control.stats()).filemakerServer as Record<string, number>).activeSessions).toBe(1);
    await sessions[1]?.close();
  });

  it('seals credentials for a session store and opens them again', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const sealed = oauth.sealCredentials(credentials);
    expect(sealed).not.toContain(done.returnedUrl.searchParams.get('identifier'));
    const reopened = flow().openCredentials(sealed);
    expect(reopened.identifier.reveal()).toBe(credentials.identifier.reveal());
    expect(reopened.requestId.reveal()).toBe(credentials.requestId.reveal());
    expect(() =>
      flow({ stateKey: 'another-key-of-at-least-32-bytes-length' }).openCredentials(sealed),
    ).toThrow(/not ones this app sealed/);
    expect(RETURN_URL).toContain('/oauth/return');
  });
});
