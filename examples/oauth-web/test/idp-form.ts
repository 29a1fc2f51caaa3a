/**
 * The browser leg without a browser, for the plain-HTTP tests: open the simulated identity
 * provider's page, post its form (hidden fields kept) with a user, follow redirects to the return URL.
 * (The contract kit has a general one; this example depends on @fmauth/mock only.)
 */
export async function signInAtIdp(
  authorizationUrl: string,
  returnUrl: string,
  user: { username: string; password: string },
): Promise<URL> {
  const pageUrl = new URL(authorizationUrl);
  const page = await (await fetch(pageUrl, { signal: AbortSignal.timeout(10_000) })).text();
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? '', pageUrl);
  const body = new URLSearchParams({ username: user.username, password: user.password, action: 'sign-in' });
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    body.set(m[1] as string, m[2] as string);
  let res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: pageUrl.origin },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  for (let hop = 0; hop < 5; hop++) {
    const location = res.headers.get('location');
    if (!location) break;
    const next = new URL(location, res.url || action);
    if (next.href.startsWith(returnUrl)) return next;
    res = await fetch(next, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  }
  throw new Error(`the identity provider did not send the browser back (HTTP ${res.status})`);
}
