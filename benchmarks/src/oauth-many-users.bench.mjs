// 100 users signing in at once through FileMaker Server's OAuth flow (getoauthurl, the simulated
// identity provider's form, /oauth/redirect, complete(), the Data API login with the header pair, one
// records call each), against the mock in a child process, without a browser. Side by side with 100
// HTTP Basic logins of the FileMaker Server strategy making the same records call (the cheapest login
// there is), so the ratio says what the OAuth flow costs per user. Checked on every round: exactly 100
// OAuth logins, and each user's calls carry exactly one token, their own (100 distinct tokens).
import { createDataApiSession } from '@fmauth/core';
import { mockControl } from '@fmauth/mock';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { Agent } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, printComparison } from '../lib/compare.mjs';

// Not a dependency of the benchmarks package (its package.json is not ours to change): its build.
const { fileMakerOAuth } = await import(
  new URL('../../packages/strategy-filemaker-oauth/dist/index.js', import.meta.url).href
);

const USERS = 100;
const RETURN_URL = 'http://127.0.0.1:9/oauth/return';
const IDP_USERS = [
  { username: 'alice@acme.example', password: 'Alice-pass-1' },
  { username: 'bob@acme.example', password: 'Bob-pass-1' },
];

/** The browser leg over plain HTTP: the IdP page, its form posted, redirects to the return URL. */
async function browserLeg(authorizationUrl, user) {
  const pageUrl = new URL(authorizationUrl);
  const page = await (await fetch(pageUrl, { signal: AbortSignal.timeout(30_000) })).text();
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? '', pageUrl);
  const body = new URLSearchParams({ username: user.username, password: user.password, action: 'sign-in' });
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) body.set(m[1], m[2]);
  let res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: pageUrl.origin },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  for (let hop = 0; hop < 5; hop++) {
    const next = new URL(res.headers.get('location') ?? '', action);
    if (next.href.startsWith(RETURN_URL)) return next;
    res = await fetch(next, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  }
  throw new Error(`the browser leg did not come back (HTTP ${res.status})`);
}

/** A dispatcher that notes the bearer token of every Data API call this user's session makes. */
function recordingDispatcher(agent, tokens) {
  return agent.compose((dispatch) => (opts, handler) => {
    const headers = opts.headers ?? {};
    const entries = Array.isArray(headers) ? pairs(headers) : Object.entries(headers);
    for (const [name, value] of entries) {
      if (String(name).toLowerCase() === 'authorization' && String(value).startsWith('Bearer '))
        tokens.add(String(value).slice(7));
    }
    return dispatch(opts, handler);
  });
}
function pairs(flat) {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const baseUrl = mock.ready.endpoints.filemakerServer;
  const control = mockControl(mock.ready.endpoints.control);
  const agent = new Agent({ connections: 128 });
  const oauth = fileMakerOAuth({
    stateKey: 'benchmark-state-key-0123456789abcdef',
    returnUrls: [RETURN_URL],
  });
  let checks = 0;

  const prepare = async () => {
    await control.reset();
    await control.setOptions({ dataApi: { maxSessions: 1_000_000 } });
  };
  const everyone = async (openSession) => {
    const sessions = [];
    const tokens = [];
    await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const seen = new Set();
        const session = await openSession(i, recordingDispatcher(agent, seen));
        sessions.push(session);
        tokens.push(seen);
        await session.getRecords('Contacts', { limit: 1 });
        await session.getRecords('Contacts', { limit: 1 });
      }),
    );
    await Promise.all(sessions.map((s) => s.close()));
    return tokens;
  };
  const assertOwnTokens = (tokens, what) => {
    const all = new Set();
    for (const seen of tokens) {
      if (seen.size !== 1) throw new Error(`${what}: a user's calls carried ${seen.size} tokens`);
      for (const t of seen) all.add(t);
    }
    if (all.size !== USERS) throw new Error(`${what}: ${all.size} distinct tokens for ${USERS} users`);
  };

  try {
    const result = await compare({
      name: `${USERS} users signing in at once: OAuth flow (no browser) vs HTTP Basic, users/s`,
      baseline: {
        label: 'HTTP Basic (fileMakerServer)',
        before: prepare,
        run: async () => {
          const tokens = await everyone(async (_, dispatcher) =>
            createDataApiSession({
              baseUrl,
              database: 'Contacts',
              strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
              dispatcher,
            }),
          );
          assertOwnTokens(tokens, 'Basic');
          return USERS;
        },
      },
      candidate: {
        label: 'OAuth sign-in (fileMakerOAuth)',
        before: prepare,
        run: async () => {
          const tokens = await everyone(async (i, dispatcher) => {
            const { authorizationUrl, state } = await oauth.begin({ baseUrl, provider: 'Acme' });
            const returned = await browserLeg(authorizationUrl, IDP_USERS[i % IDP_USERS.length]);
            const credentials = await oauth.complete(state, returned);
            return createDataApiSession({
              baseUrl,
              database: 'Contacts',
              strategy: oauth.strategy(credentials, { identity: `user-${i}` }),
              dispatcher,
            });
          });
          assertOwnTokens(tokens, 'OAuth');
          const stats = (await control.stats()).filemakerServer;
          if (stats.oauthLogins !== USERS || stats.failedOAuthLogins !== 0) {
            throw new Error(
              `expected exactly ${USERS} OAuth logins, got ${stats.oauthLogins} (${stats.failedOAuthLogins} refused)`,
            );
          }
          checks++;
          return USERS;
        },
      },
      rounds: 5,
    });
    printComparison(result);
    const ms = (rate) => ((USERS / rate) * 1000).toFixed(0);
    console.log(
      `  time for ${USERS} users (median): OAuth ${ms(result.candidate.opsPerSec)} ms, Basic ${ms(result.baseline.opsPerSec)} ms`,
    );
    console.log(
      `  every OAuth round: exactly ${USERS} logins, ${USERS} distinct tokens, each user's calls only with their own (${checks} rounds checked)`,
    );
    return result;
  } finally {
    await agent.close();
    await mock.stop();
  }
}
