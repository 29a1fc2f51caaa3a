import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';

const { handlers, mock, endpoints } = createMockHandlers({ baseUrl: 'http://fms.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => mock.reset());

/** Alice's sign-in through fetch, redirects followed by hand; where FileMaker Server sends her. */
async function signIn(returnUrl: string) {
  const base = endpoints.filemakerServer as string;
  const begin = await fetch(
    `${base}/oauth/getoauthurl?trackingID=m&provider=Acme&address=fms.test&X-FMS-OAuth-AuthType=2`,
    {
      headers: {
        'X-FMS-Application-Type': '9',
        'X-FMS-Application-Version': '15',
        'X-FMS-Return-URL': returnUrl,
      },
    },
  );
  const requestId = begin.headers.get('x-fms-request-id') as string;
  const authUrl = (await begin.text()).trim();
  const page = await (await fetch(authUrl)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] as string;
  const posted = await fetch(new URL('authorize', authUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      attempt: field('attempt'),
      nonce: field('nonce'),
      action: 'sign-in',
      username: 'alice@acme.example',
      password: 'Alice-pass-1',
    }),
  });
  const back = await fetch(posted.headers.get('location') as string, { redirect: 'manual' });
  return { base, requestId, authUrl, back };
}

describe('OAuth sign-in through the msw handlers', () => {
  it('runs the whole flow at the msw base URL and logs in with the pair', async () => {
    const { base, requestId, authUrl, back } = await signIn('http://fms.test/app/callback');
    expect(authUrl.startsWith('http://fms.test/idp/authorize?')).toBe(true);
    expect(back.status).toBe(302);
    const returned = new URL(back.headers.get('location') as string);
    expect(returned.host).toBe('fms.test');
    const login = await fetch(`${base}/fmi/data/vLatest/databases/Contacts/sessions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-FM-Data-OAuth-Request-Id': requestId,
        'X-FM-Data-OAuth-Identifier': returned.searchParams.get('identifier') as string,
      },
      body: '{}',
    });
    expect(login.status).toBe(200);
    expect(mock.stats().filemakerServer).toMatchObject({ oauthLogins: 1, identifiersIssued: 1 });
  });

  it('shows the JSON page for a return URL on another host (default foreignReturnUrl)', async () => {
    const { back } = await signIn('http://app.test/callback');
    expect(back.status).toBe(200);
    const body = (await back.json()) as { data: { identifier: string }; result: number };
    expect(body.result).toBe(0);
    expect(body.data.identifier).toMatch(/^[0-9A-F]{32}$/);
  });
});
