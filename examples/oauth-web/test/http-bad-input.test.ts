import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppAndMock } from './app-harness.js';
import { signInAtIdp } from './idp-form.js';

let env: Awaited<ReturnType<typeof startAppAndMock>>;
beforeAll(async () => {
  env = await startAppAndMock();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.app.users.closeAll();
  await env.control.reset();
});

const ALICE = { username: 'alice@acme.example', password: 'Alice-pass-1' };
const BOB = { username: 'bob@acme.example', password: 'Bob-pass-1' };

async function get(path: string, cookie?: string) {
  return fetch(new URL(path, env.appUrl), { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** A browser without JavaScript: the app's sign-in button, then the IdP leg; returns its cookie and return URL. */
async function startSignIn(user = ALICE) {
  const res = await fetch(new URL('/signin', env.appUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: env.appUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'provider=Acme',
  });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const returnedUrl = await signInAtIdp(
    res.headers.get('location') as string,
    `${env.appUrl}/oauth/return`,
    user,
  );
  return { cookie, returnedUrl };
}

const fms = () => env.fms();

describe('the example app refuses bad input with a clear page and opens no session', () => {
  it('a return URL without a sign-in in this browser (no cookie, forged cookie)', async () => {
    const { returnedUrl } = await startSignIn();
    for (const cookie of [undefined, 'sid=forged.value', 'sid=abc.def; other=1']) {
      const res = await get(returnedUrl.pathname + returnedUrl.search, cookie);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/problem?kind=not-recognised');
    }
    expect((await fms()).oauthLogins).toBe(0);
    expect(env.app.users.size).toBe(0);
  });

  it("another user's return URL in my browser: not completed, and their identifier opens nothing for me", async () => {
    const mine = await startSignIn(ALICE);
    const theirs = await startSignIn(BOB);
    const res = await get(theirs.returnedUrl.pathname + theirs.returnedUrl.search, mine.cookie);
    expect(res.headers.get('location')).toBe('/problem?kind=not-completed');
    expect(env.logs).toContain('sign-in-failed tracking-mismatch');
    expect((await fms()).oauthLogins).toBe(0);
  });

  it('a replayed return URL: the first signs in, the second is not recognised, one login only', async () => {
    const { cookie, returnedUrl } = await startSignIn();
    const first = await get(returnedUrl.pathname + returnedUrl.search, cookie);
    expect(first.headers.get('location')).toBe('/records');
    const signedIn = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(signedIn).not.toBe(cookie);
    for (const c of [cookie, signedIn]) {
      const again = await get(returnedUrl.pathname + returnedUrl.search, c);
      expect(again.headers.get('location')).toBe('/problem?kind=not-recognised');
    }
    expect((await fms()).oauthLogins).toBe(1);
    const records = await get('/records', signedIn);
    expect(records.status).toBe(200);
    const html = await records.text();
    expect(html).toContain('Ada Lovelace');
    expect(html).not.toContain(returnedUrl.searchParams.get('identifier'));
    // The pre-sign-in cookie never became a signed-in one (no fixation).
    expect((await get('/records', cookie)).headers.get('location')).toBe('/');
  });

  it('a missing or empty query at the return URL', async () => {
    for (const suffix of ['', '?', '?trackingID=&identifier=&error=']) {
      const { cookie } = await startSignIn();
      const res = await get(`/oauth/return${suffix}`, cookie);
      expect(res.headers.get('location')).toBe('/problem?kind=not-completed');
    }
    expect((await fms()).oauthLogins).toBe(0);
    expect(env.app.users.size).toBe(0);
  });

  it('form posts from another site, without a provider, or too large', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(new URL('/signin', env.appUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    expect((await post({ origin: 'https://evil.example' }, 'provider=Acme')).status).toBe(403);
    expect((await post({}, 'provider=Acme')).status).toBe(403);
    expect((await post({ origin: env.appUrl }, '')).status).toBe(400);
    expect((await post({ origin: env.appUrl }, `provider=${'A'.repeat(10_000)}`)).status).toBe(400);
    const signOut = await fetch(new URL('/signout', env.appUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example' },
    });
    expect(signOut.status).toBe(403);
    expect((await fms()).oauthUrlsIssued).toBe(0);
  });

  it('unknown pages and problem kinds', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/problem?kind=<script>')).headers.get('location')).toBe('/');
    const page = await get('/problem?kind=unmapped');
    expect(page.status).toBe(403);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('logs event names only', () => {
    for (const line of env.logs) expect(line).toMatch(/^[a-z-]+( [A-Za-z_-]+)?$/);
  });
});
