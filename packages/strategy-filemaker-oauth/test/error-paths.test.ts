import { createDataApiSession, InvalidArgumentError, UnexpectedResponseError } from '@fmauth/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OAuthSignInError, SignInRequiredError } from '../src/index.js';
import { ALICE, BOB, EVE, flow, RETURN_URL, renderings, signIn, useMock } from './helpers.js';

let mock: Awaited<ReturnType<typeof useMock>>;
beforeAll(async () => {
  mock = await useMock();
});
afterAll(() => mock.server.close());
beforeEach(() => mock.control.reset());

const fms = async () => (await mock.control.stats()).filemakerServer as Record<string, number>;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('should have been refused'),
    (e: unknown) => e,
  );

/** The error is the typed one, and nothing from the sign-in or the browser leg is in it. */
function expectSignInError(error: unknown, failure: string, secrets: readonly (string | null)[]) {
  expect(error).toBeInstanceOf(OAuthSignInError);
  expect((error as OAuthSignInError).failure).toBe(failure);
  expect((error as OAuthSignInError).code).toBe('FMAUTH_INVALID_CREDENTIALS');
  const text = renderings(error);
  for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
}

describe('the return URL', () => {
  it('a denied sign-in comes back with error -1: a typed provider-error, no identifier, no session', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE, 'deny');
    expect(done.returnedUrl.searchParams.get('error')).toBe('-1');
    expect(done.returnedUrl.searchParams.has('identifier')).toBe(false);
    const error = await refusal(oauth.complete(done.state, done.returnedUrl));
    expectSignInError(error, 'provider-error', [done.state]);
    expect((error as OAuthSignInError).providerError).toBe('-1');
    expect((await fms()).oauthLogins).toBe(0);
  });

  it('a denied consent comes back as error and a typed error', async () => {
    await mock.control.setOptions({ oauth: { consent: true } });
    const oauth = flow();
    const begun = await oauth.begin({ baseUrl: mock.baseUrl, provider: 'Acme' });
    // Sign in, then press Deny on the consent page.
    const { driveBrowserLeg } = await import('@fmauth/contract-kit');
    const leg = await driveBrowserLeg({
      authorizationUrl: begun.authorizationUrl,
      returnUrl: RETURN_URL,
      user: ALICE,
      decisions: ['approve', 'deny'],
    });
    expect(leg.visited.some((step) => step.includes('/idp/consent'))).toBe(true);
    expect(leg.returnedUrl.searchParams.get('error')).toBe('-1');
    const idp = (await mock.control.stats()).oauthIdp as Record<string, number>;
    expect(idp.signIns).toBe(1);
    expect(idp.denials).toBe(1);
    const error = await refusal(oauth.complete(begun.state, leg.returnedUrl));
    expectSignInError(error, 'provider-error', [begun.state]);
  });

  it("a tracking id that isn't this sign-in's is refused (the return of another user's sign-in)", async () => {
    const oauth = flow();
    const mine = await oauth.begin({ baseUrl: mock.baseUrl, provider: 'Acme' });
    const theirs = await signIn(oauth, mock.baseUrl, BOB);
    const error = await refusal(oauth.complete(mine.state, theirs.returnedUrl));
    expectSignInError(error, 'tracking-mismatch', [
      theirs.returnedUrl.searchParams.get('identifier'),
      mine.state,
    ]);
    // Theirs still completes: a mismatch does not burn another user's sign-in.
    await expect(oauth.complete(theirs.state, theirs.returnedUrl)).resolves.toBeDefined();
  });

  it('an identifier for another request id opens no session: the server refuses the pair, typed', async () => {
    const oauth = flow();
    const alice = await signIn(oauth, mock.baseUrl, ALICE);
    const bob = await signIn(oauth, mock.baseUrl, BOB);
    // Bob's state and tracking id with Alice's identifier: complete() cannot tell, the server can.
    const forged = new URL(bob.returnedUrl);
    forged.searchParams.set('identifier', alice.returnedUrl.searchParams.get('identifier') as string);
    const credentials = await oauth.complete(bob.state, forged);
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials, { identity: 'bob' }),
    });
    const error = await refusal(session.getRecords('Contacts'));
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect(renderings(error)).not.toContain(alice.returnedUrl.searchParams.get('identifier'));
    const stats = await fms();
    expect(stats.oauthLogins).toBe(0);
    expect(stats.failedOAuthLogins).toBe(1);
    expect(stats.activeSessions).toBe(0);
    await session.close();
  });

  it('a missing identifier with error 0 is refused', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const cut = new URL(done.returnedUrl);
    cut.searchParams.delete('identifier');
    expectSignInError(await refusal(oauth.complete(done.state, cut)), 'identifier-missing', [done.state]);
  });

  it('a missing, empty or doubled query is refused', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    expectSignInError(await refusal(oauth.complete(done.state, RETURN_URL)), 'query-invalid', []);
    expectSignInError(await refusal(oauth.complete(done.state, `${RETURN_URL}?`)), 'query-invalid', []);
    expectSignInError(await refusal(oauth.complete(done.state, '')), 'query-invalid', []);
    const doubled = `${done.returnedUrl.href}&identifier=${'A'.repeat(32)}`;
    expectSignInError(await refusal(oauth.complete(done.state, doubled)), 'query-invalid', [
      done.returnedUrl.searchParams.get('identifier'),
    ]);
    // None of those burned the sign-in.
    await expect(oauth.complete(done.state, done.returnedUrl)).resolves.toBeDefined();
  });

  it('a replayed return URL is refused the second time', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    await oauth.complete(done.state, done.returnedUrl);
    expectSignInError(await refusal(oauth.complete(done.state, done.returnedUrl)), 'state-replayed', [
      done.returnedUrl.searchParams.get('identifier'),
    ]);
  });

  it('a URL that is not the return URL the sign-in began with is refused', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const elsewhere = new URL(done.returnedUrl);
    elsewhere.host = 'evil.example';
    expectSignInError(await refusal(oauth.complete(done.state, elsewhere)), 'return-url-mismatch', []);
  });
});

describe('the state', () => {
  it('a forged, altered or foreign state is refused', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    expectSignInError(await refusal(oauth.complete('forged', done.returnedUrl)), 'state-invalid', []);
    const flipped = `${done.state.slice(0, 20)}${done.state[20] === 'A' ? 'B' : 'A'}${done.state.slice(21)}`;
    expectSignInError(await refusal(oauth.complete(flipped, done.returnedUrl)), 'state-invalid', []);
    const other = flow({ stateKey: 'another-app-key-that-is-32-bytes-long!!' });
    expectSignInError(await refusal(other.complete(done.state, done.returnedUrl)), 'state-invalid', []);
    expectSignInError(
      await refusal(oauth.complete(undefined as never, done.returnedUrl)),
      'state-invalid',
      [],
    );
    expectSignInError(
      await refusal(oauth.complete('x'.repeat(100_000), done.returnedUrl)),
      'state-invalid',
      [],
    );
  });

  it('an expired state is refused', async () => {
    let now = Date.now();
    const oauth = flow({ clock: () => now, stateTtlMs: 60_000 });
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    now += 61_000;
    expectSignInError(await refusal(oauth.complete(done.state, done.returnedUrl)), 'state-expired', []);
  });
});

describe('begin', () => {
  it("refuses a return URL that isn't the app's, before asking the server", async () => {
    const oauth = flow();
    for (const returnUrl of ['https://evil.example/oauth/return', 'not a url', `${RETURN_URL}x`]) {
      expectSignInError(
        await refusal(oauth.begin({ baseUrl: mock.baseUrl, provider: 'Acme', returnUrl })),
        'return-url-not-allowed',
        [],
      );
    }
    expect((await fms()).oauthUrlsIssued).toBe(0);
  });

  it('an unknown provider is a typed error naming listProviders()', async () => {
    const error = await refusal(flow().begin({ baseUrl: mock.baseUrl, provider: 'Nope' }));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/X-FMS-Result 25000/);
    expect((error as Error).message).toMatch(/listProviders/);
  });

  it('a server that refuses application type 9 says to try 7, and 7 works', async () => {
    await mock.control.setOptions({ oauth: { refuseApplicationType9: true } });
    const error = await refusal(flow().begin({ baseUrl: mock.baseUrl, provider: 'Acme' }));
    expect((error as Error).message).toMatch(/applicationType: 7/);
    const done = await signIn(flow({ applicationType: 7 }), mock.baseUrl, ALICE);
    expect(done.returnedUrl.searchParams.get('error')).toBe('0');
  });

  it('FileMaker Cloud answers 404: a typed error, not a crash', async () => {
    const error = await refusal(
      flow().begin({ baseUrl: mock.endpoints.filemakerCloud as string, provider: 'Acme' }),
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).status).toBe(404);
  });

  it('bad input is a TypeError up front', async () => {
    await expect(flow().begin({ baseUrl: 'ftp://x', provider: 'Acme' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(flow().begin({ baseUrl: 'http://fms.example.com', provider: 'Acme' })).rejects.toThrow(
      /plain http/,
    );
    await expect(flow().begin({ baseUrl: mock.baseUrl, provider: '' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('the IdP page', () => {
  it('posted twice: the second post is refused and the sign-in completes once', async () => {
    const oauth = flow();
    const begun = await oauth.begin({ baseUrl: mock.baseUrl, provider: 'Acme' });
    const page = await (await fetch(begun.authorizationUrl)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
    const body = new URLSearchParams({
      attempt: field('attempt'),
      nonce: field('nonce'),
      username: ALICE.username,
      password: ALICE.password,
      action: 'sign-in',
    });
    const post = () =>
      fetch(new URL('/idp/authorize', mock.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    const first = await post();
    expect(first.status).toBe(302);
    const second = await post();
    expect(second.status).toBe(409);
    // The first one goes on to the app as usual.
    const back = await fetch(first.headers.get('location') as string, { redirect: 'manual' });
    const returned = new URL(back.headers.get('location') as string);
    await expect(oauth.complete(begun.state, returned)).resolves.toBeDefined();
  });
});

describe('when the server refuses the pair later', () => {
  it('an unmapped IdP user: one refused login, a typed SignInRequiredError, and no retry loop', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, EVE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials, { identity: 'eve' }),
    });
    const error = await refusal(session.getRecords('Contacts'));
    expect(error).toBeInstanceOf(SignInRequiredError);
    const typed = error as SignInRequiredError;
    expect(typed.reason).toBe('refused-at-first-login');
    expect(typed.provider).toBe('Acme');
    expect(typed.baseUrl).toBe(mock.baseUrl.replace(/\/$/, ''));
    expect(typed.identity).toBe('eve');
    expect(typed.message).toMatch(/no account in the file is mapped/);
    // More calls fail at once, without asking the server again.
    await refusal(session.getRecords('Contacts'));
    await refusal(session.login());
    const stats = await fms();
    expect(stats.failedOAuthLogins).toBe(1);
    expect(stats.activeSessions).toBe(0);
    expect(renderings(error)).not.toContain(done.returnedUrl.searchParams.get('identifier'));
    await session.close();
  });

  it('an expired identifier: the session ends, re-login is refused once, the user is asked to sign in again', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials, { identity: 'alice' }),
    });
    await session.getRecords('Contacts', { limit: 1 });
    // The session ends (a server restart) and the identifier's 5 minutes pass.
    await mock.control.advanceClock({ minutes: 6 });
    await mock.control.expireSessions();
    const error = await refusal(session.getRecords('Contacts'));
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).reason).toBe('expired-or-revoked');
    expect((error as Error).message).toMatch(/sign the user in again/);
    await refusal(session.getRecords('Contacts'));
    const stats = await fms();
    expect(stats.oauthLogins).toBe(1);
    expect(stats.failedOAuthLogins).toBe(1);
    await session.close();
  });

  it('within its lifetime the pair logs in again after the session ends (reuse)', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const session = createDataApiSession({
      baseUrl: mock.baseUrl,
      database: 'Contacts',
      strategy: oauth.strategy(credentials),
    });
    await session.getRecords('Contacts', { limit: 1 });
    await mock.control.expireSessions();
    await session.getRecords('Contacts', { limit: 1 });
    expect((await fms()).oauthLogins).toBe(2);
    await session.close();
  });

  it('the Admin API is refused up front, typed', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const strategy = oauth.strategy(await oauth.complete(done.state, done.returnedUrl));
    expect(() =>
      strategy.authenticate({
        reason: 'initial',
        api: 'admin-api',
        baseUrl: new URL(mock.baseUrl),
        signal: AbortSignal.timeout(1000),
        dispatcher: undefined as never,
      }),
    ).toThrow(/Admin API/);
  });
});
