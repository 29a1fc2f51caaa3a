// Seeded, bounded fuzzing of every route family of every simulated server, over real loopback HTTP.
// FMAUTH_FUZZ_SEED=<n> replays a run; a failure prints its seed and the request that broke.
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { basic } from './helpers.js';

const REQUESTS = 300;
const MAX_BODY = 96 * 1024;
const SEED = Number.parseInt(process.env.FMAUTH_FUZZ_SEED ?? '', 10) || (Date.now() % 2 ** 31) >>> 0 || 1;

/** mulberry32: a small, fast, deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const DATA = '/fmi/data/vLatest';
const DB = `${DATA}/databases/Contacts`;
/** Route families by service (endpoint key): paths below the service's base URL. */
const ROUTES: Readonly<Record<string, readonly string[]>> = {
  filemakerServer: [
    `${DB}/sessions`,
    `${DB}/sessions/{token}`,
    `${DB}/layouts`,
    `${DB}/layouts/Contacts`,
    `${DB}/layouts/Contacts/records`,
    `${DB}/layouts/Contacts/records/{id}`,
    `${DB}/layouts/Contacts/_find`,
    `${DB}/layouts/Contacts/script/{x}`,
    `${DB}/layouts/{x}/records`,
    `${DATA}/productInfo`,
    `${DATA}/databases`,
    `${DATA}/validateSession`,
    `${DATA}/databases/{x}/sessions`,
    '/fmi/data/v1/databases/Contacts/sessions',
    '/fmi/admin/api/v2/user/auth',
    '/fmi/admin/api/v2/user/auth/{token}',
    '/fmi/admin/api/v2/schedules',
    '/fmi/admin/api/v2/schedules/{id}',
    '/fmi/admin/api/v2/schedules/filemakerscript',
    '/fmi/admin/api/v2/server/status',
    '/fmi/admin/api/v2/databases',
    '/{x}',
  ],
  filemakerCloud: [
    `${DB}/sessions`,
    `${DB}/sessions/{token}`,
    `${DB}/layouts/Contacts/records`,
    `${DB}/layouts/Contacts/records/{id}`,
    `${DB}/layouts/Contacts/_find`,
    `${DATA}/productInfo`,
    `${DATA}/databases`,
    '/fmi/admin/api/v2/user/auth',
    '/fmi/admin/api/v2/schedules',
    '/{x}',
  ],
  clarisServer: [
    `${DB}/sessions`,
    `${DB}/sessions/{token}`,
    `${DB}/layouts`,
    `${DB}/layouts/Contacts/records`,
    `${DB}/layouts/Contacts/_find`,
    `${DATA}/productInfo`,
    `${DATA}/databases`,
    '/fmi/admin/api/v2/user/auth',
    '/fmi/admin/api/v2/schedules',
    '/fmi/admin/api/v2/schedules/{id}',
    '/fmi/admin/api/v2/schedules/filemakerscript',
    '/fmi/webd',
    '/fmi/webd/Contacts',
    '/fmi/webd/{x}',
  ],
  cognito: ['/', '/{x}', '/{x}/.well-known/jwks.json'],
  clarisStudio: ['/', '/signin', '/signout', '/account', '/account/extended-account', '/{x}'],
  clarisIdDiscovery: [''],
};
const COGNITO_OPS = [
  'InitiateAuth',
  'RespondToAuthChallenge',
  'GetUser',
  'GlobalSignOut',
  'RevokeToken',
  'Nope',
];
// Weighted towards the methods the routes take, so most requests get past method routing.
const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'POST',
  'POST',
  'PATCH',
  'DELETE',
  'DELETE',
  'PUT',
  'HEAD',
  'OPTIONS',
  'TRACE',
] as const;
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-amz-json-1.1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '',
  ';;;',
  'application/\u00e9',
];
const STRINGS = [
  '',
  'Ada',
  '\u0000',
  'ü\u0301ñí©ødé',
  '👩‍👩‍👧‍👦',
  '\ud800',
  '../../etc/passwd',
  '%00%ff',
  '<script>x</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];

function randomSegment(rng: Rng): string {
  return rng.pick([
    '1',
    '0',
    '-1',
    '999999999999999999999',
    'abc',
    '%2e%2e',
    '..',
    '%',
    '%E0%A4%A',
    '%ED%A0%80',
    encodeURIComponent(rng.pick(STRINGS.filter((x) => x !== '\ud800')).slice(0, 200)),
    'Contacts',
    'a'.repeat(rng.int(3000)),
  ]);
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 5 : 8)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 42]);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return rng.pick(['admin', 'dev@example.com', 'USER_SRP_AUTH', 'SRP_A', 'PASSWORD_VERIFIER', '*']);
    case 4:
      return {};
    case 5:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default: {
      const keys = [
        'fieldData',
        'query',
        'limit',
        'offset',
        'sort',
        'AuthFlow',
        'ClientId',
        'AuthParameters',
        'ChallengeName',
        'ChallengeResponses',
        'Session',
        'AccessToken',
        'fmDataSource',
        'portalData',
        'script',
        '__proto__',
        'constructor',
        'name',
        'enabled',
        'status',
      ];
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) out[rng.pick(keys)] = randomValue(rng, depth + 1);
      return out;
    }
  }
}

function randomBody(rng: Rng): string | undefined {
  switch (rng.int(9)) {
    case 0:
      return undefined;
    case 1:
      return '';
    case 2:
      return rng.pick([
        '{',
        '{"a":',
        '[1,2',
        'nul',
        '{"a":1}}',
        '\u0000',
        '{"a":"\\ud800"}',
        'email=a&password=b',
      ]);
    case 3: {
      const depth = 1 + rng.int(3000);
      return '['.repeat(depth) + ']'.repeat(depth);
    }
    case 4: {
      const depth = 1 + rng.int(2000);
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    }
    case 5:
      return JSON.stringify({ padding: 'x'.repeat(rng.int(MAX_BODY)) });
    default:
      return JSON.stringify(randomValue(rng));
  }
}

interface FuzzRequest {
  readonly service: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function randomRequest(rng: Rng, endpoints: Readonly<Record<string, string>>, token: string): FuzzRequest {
  const service = rng.pick(Object.keys(ROUTES));
  const path = rng
    .pick(ROUTES[service] as readonly string[])
    .replaceAll('{token}', () => (rng.chance(0.5) ? token : randomSegment(rng)))
    .replaceAll(/\{(id|x)\}/g, () => randomSegment(rng));
  const query = rng.chance(0.3)
    ? `?${rng.pick(['_limit=-1', '_offset=abc', '_sort=%7B', 'a=%', `x=${randomSegment(rng)}`])}`
    : '';
  const method = rng.pick(METHODS);
  const headers: Record<string, string> = {};
  const contentType = rng.pick(CONTENT_TYPES);
  if (contentType && rng.chance(0.8)) headers['content-type'] = contentType;
  if (rng.chance(0.5)) {
    headers.authorization = rng.pick([
      basic('admin', 'admin-pass'),
      basic('dev@example.com', 'Extended-pass-1'),
      `Bearer ${token}`,
      'Bearer',
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'FMID x.y.z',
      'FMID',
      'Digest a=b',
      `Bearer ${'t'.repeat(rng.int(4000))}`,
    ]);
  }
  if (service === 'cognito' || rng.chance(0.05)) {
    headers['x-amz-target'] = rng.pick([
      `AWSCognitoIdentityProviderService.${rng.pick(COGNITO_OPS)}`,
      'AWSCognitoIdentityProviderService.',
      'AmazonS3.ListBuckets',
      '',
    ]);
  }
  if (rng.chance(0.1)) headers['x-fm-data-ocapi'] = randomSegment(rng).slice(0, 100);
  const body =
    method === 'GET' || method === 'HEAD' ? (rng.chance(0.1) ? randomBody(rng) : undefined) : randomBody(rng);
  return { service, method, url: `${endpoints[service]}${path}${query}`, headers, body };
}

/** A stack trace or a thrown error's text in an answer: the mock leaked an internal failure. */
const STACK =
  /\n\s+at .+[(/\\]|\bat .+\.(ts|js|mjs|cjs):\d+|\b(TypeError|RangeError|SyntaxError|ReferenceError|Error): .*\n\s+at |node:internal|\/src\/|\/dist\/.*\.js/;

/** A 5xx a real server sends: the Data API (and Admin API) envelope with a FileMaker code, not 951. */
function isRealServerError(status: number, text: string): boolean {
  if (status !== 500) return false;
  try {
    const json = JSON.parse(text) as { messages?: Array<{ code?: unknown }> };
    const code = json.messages?.[0]?.code;
    return typeof code === 'string' && code !== '951' && /^\d+$/.test(code);
  } catch {
    return false;
  }
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server?.close());

it(`never crashes, leaks a stack or fails with a 5xx a real server would not send (seed ${SEED})`, async () => {
  const rng = prng(SEED);
  const endpoints = server.endpoints;
  const base = endpoints.filemakerServer as string;
  const login = await request(`${base}${DB}/sessions`, {
    method: 'POST',
    headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
    body: '{}',
  });
  const token = String(((await login.body.json()) as { response: { token: string } }).response.token);
  const problems: string[] = [];
  const started = Date.now();

  for (let i = 0; i < REQUESTS; i++) {
    const req = randomRequest(rng, endpoints, token);
    const what = `#${i} ${req.method} ${req.url.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 200)} body ${
      req.body === undefined ? 'none' : JSON.stringify(req.body.slice(0, 120))
    }${req.body && req.body.length > 120 ? `… (${req.body.length} chars)` : ''}`;
    let status: number;
    let text: string;
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body ?? null,
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      problems.push(`${what}: no answer (${String(error)})`);
      break;
    }
    if (STACK.test(text))
      problems.push(`${what}: a stack trace in the ${status} answer: ${text.slice(0, 300)}`);
    if (status >= 500 && !isRealServerError(status, text)) {
      problems.push(`${what}: HTTP ${status} ${text.slice(0, 300)}`);
    }
  }
  const elapsed = Date.now() - started;

  // Still serving: a normal Data API login succeeds.
  const after = await request(`${base}${DB}/sessions`, {
    method: 'POST',
    headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
    body: '{}',
    headersTimeout: 15_000,
  });
  const afterText = await after.body.text();
  if (after.statusCode !== 200)
    problems.push(`a normal login afterwards: HTTP ${after.statusCode} ${afterText}`);

  expect(
    problems,
    `fuzz seed ${SEED} (replay with FMAUTH_FUZZ_SEED=${SEED}), ${REQUESTS} requests in ${elapsed} ms`,
  ).toEqual([]);
}, 60_000);
