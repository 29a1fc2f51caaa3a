import { startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driveBrowserLeg } from '../src/index.js';
import { readForms } from '../src/interactive/html-form.js';

const RETURN_URL = 'http://127.0.0.1:9/return';
const ALICE = { username: 'alice@acme.example', password: 'Alice-pass-1' };
let server: Awaited<ReturnType<typeof startMockServer>>;
let base: string;

async function authorizationUrl(): Promise<string> {
  const url = new URL('/oauth/getoauthurl', base);
  url.search = new URLSearchParams({
    trackingID: 'T1',
    provider: 'Acme',
    address: '127.0.0.1',
    'X-FMS-OAuth-AuthType': '2',
  }).toString();
  const res = await fetch(url, {
    headers: {
      'X-FMS-Application-Type': '9',
      'X-FMS-Application-Version': '15',
      'X-FMS-Return-URL': RETURN_URL,
    },
  });
  expect(res.status).toBe(200);
  return (await res.text()).trim();
}

beforeAll(async () => {
  server = await startMockServer();
  base = server.readiness.endpoints.filemakerServer as string;
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.readiness.endpoints.control}/reset`, { method: 'POST' });
});

describe('driveBrowserLeg against the simulated identity provider', () => {
  it('signs in and stops at the return URL with trackingID, identifier and error=0', async () => {
    const leg = await driveBrowserLeg({
      authorizationUrl: await authorizationUrl(),
      returnUrl: RETURN_URL,
      user: ALICE,
    });
    expect(`${leg.returnedUrl.origin}${leg.returnedUrl.pathname}`).toBe(RETURN_URL);
    expect(leg.returnedUrl.searchParams.get('trackingID')).toBe('T1');
    expect(leg.returnedUrl.searchParams.get('error')).toBe('0');
    expect(leg.returnedUrl.searchParams.get('identifier')).toMatch(/^[0-9A-F]{32}$/);
    // No query (which carries the identifier) in what it reports.
    expect(leg.visited.join(' ')).not.toContain('?');
  });

  it('presses Cancel with decision deny: error -1, no identifier', async () => {
    const leg = await driveBrowserLeg({
      authorizationUrl: await authorizationUrl(),
      returnUrl: RETURN_URL,
      user: ALICE,
      decision: 'deny',
    });
    expect(leg.returnedUrl.searchParams.get('error')).toBe('-1');
    expect(leg.returnedUrl.searchParams.has('identifier')).toBe(false);
  });

  it('signs in, then allows or denies on the consent page', async () => {
    await fetch(`${server.readiness.endpoints.control}/options`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oauth: { consent: true } }),
    });
    const allowed = await driveBrowserLeg({
      authorizationUrl: await authorizationUrl(),
      returnUrl: RETURN_URL,
      user: ALICE,
    });
    expect(allowed.visited.some((v) => v.includes('/idp/consent'))).toBe(true);
    expect(allowed.returnedUrl.searchParams.get('error')).toBe('0');
    const denied = await driveBrowserLeg({
      authorizationUrl: await authorizationUrl(),
      returnUrl: RETURN_URL,
      user: ALICE,
      decisions: ['approve', 'deny'],
    });
    expect(denied.returnedUrl.searchParams.get('error')).toBe('-1');
  });

  it('a wrong password keeps it on the form until it gives up, naming the step, never the password', async () => {
    const error = await driveBrowserLeg({
      authorizationUrl: await authorizationUrl(),
      returnUrl: RETURN_URL,
      user: { username: ALICE.username, password: 'wrong-password-value' },
      maxSteps: 4,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/did not reach the return URL within 4 steps|stopped at/);
    expect(error?.message).not.toContain('wrong-password-value');
  });
});

describe('readForms', () => {
  it('reads inputs, submit buttons and entities; ignores non-submit buttons', () => {
    const [form] = readForms(
      `<form method="post" action="/a?x=1&amp;y=2"><input type="hidden" name="n" value="a&quot;b"><input name="u"><button type="button">Nope</button><button name="go" value="ok">Sign&nbsp;in</button></form>`,
    );
    expect(form?.action).toBe('/a?x=1&y=2');
    expect(form?.method).toBe('POST');
    expect(form?.inputs).toEqual([
      { name: 'n', type: 'hidden', value: 'a"b' },
      { name: 'u', type: 'text', value: '' },
    ]);
    expect(form?.buttons).toEqual([{ name: 'go', value: 'ok', label: 'Sign&nbsp;in' }]);
  });
});
