// Seeded fuzzing of the OData query options and paths over real loopback HTTP: garbage in $filter,
// $orderby, $select, keys and bodies must get a 4xx in OData's error shape, never a 500, a hang or a
// stack trace. FMAUTH_FUZZ_SEED=<n> replays a run; a failure names its seed and the request.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { parseFilter } from '../src/services/odata/filter-parser.js';
import { basic } from './helpers.js';

const REQUESTS = 400;
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
  return { int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

// Pieces that make near-valid expressions, so the parser's deeper paths are reached, not only the tokenizer.
const PIECES = [
  'name',
  '"city"',
  'email',
  'ROWID',
  'nope',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'and',
  'or',
  'not',
  '(',
  ')',
  ',',
  "'Ada'",
  "'O''Brien'",
  "'",
  '"',
  '42',
  '-1.5',
  '.5',
  'null',
  'true',
  'false',
  'contains(',
  'startswith(',
  'endswith(',
  'tolower(',
  'toupper(',
  'length(',
  'any(',
  '2026-03-01',
  '2026-03-01T00:00:00Z',
  '13:00:00',
  '$top',
  '%',
  '\u0000',
  '😀',
  '\\',
  ' ',
  '  ',
  'desc',
  'asc',
] as const;

function expression(rng: Rng): string {
  if (rng.chance(0.05)) return '('.repeat(40 + rng.int(200)) + "name eq 'x'" + ')'.repeat(40 + rng.int(200));
  if (rng.chance(0.03)) return "name eq 'x' or ".repeat(300 + rng.int(300));
  if (rng.chance(0.05))
    return String.fromCharCode(...Array.from({ length: rng.int(60) }, () => rng.int(0x3000)));
  return Array.from({ length: 1 + rng.int(14) }, () => rng.pick(PIECES)).join(rng.chance(0.7) ? ' ' : '');
}

/** A well-formed option of each kind, so every run also proves valid input is still answered 2xx. */
function validOption(rng: Rng, key: string): string {
  const field = () => rng.pick(['name', '"city"', 'email', 'ROWID']);
  if (key === '$select') return [field(), field()].join(',');
  if (key === '$orderby') return `${field()} ${rng.pick(['asc', 'desc'])}`;
  const comparison = () =>
    `${rng.pick(['name', 'city'])} ${rng.pick(['eq', 'ne', 'gt', 'le'])} '${rng.pick(['Ada', "O''Brien", ''])}'`;
  return rng.chance(0.5) ? comparison() : `not (${comparison()} or startswith(name,'A'))`;
}

const ODATA = '/fmi/odata/v4/Contacts';
function fuzzRequest(rng: Rng): { method: string; path: string; body?: string; batch?: boolean } {
  const kind = rng.int(7);
  if (kind === 6) {
    // A batch whose parts are near-valid: random request lines, headers and bodies between boundaries.
    const parts = Array.from({ length: rng.int(5) }, () => {
      const line = rng.chance(0.5)
        ? `GET ${ODATA}/Contacts?$filter=${encodeURIComponent(expression(rng))} HTTP/1.1`
        : expression(rng);
      return `--b\r\n${rng.chance(0.8) ? 'Content-Type: application/http\r\n' : ''}\r\n${line}\r\n\r\n${expression(rng)}\r\n`;
    });
    return {
      method: 'POST',
      path: `${ODATA}/$batch`,
      body: `${parts.join('')}${rng.chance(0.8) ? '--b--' : ''}`,
      batch: true,
    };
  }
  const q = (key: string) =>
    `${ODATA}/Contacts?${key}=${encodeURIComponent(rng.chance(0.2) ? validOption(rng, key) : expression(rng))}`;
  if (kind === 0) return { method: 'GET', path: q('$filter') };
  if (kind === 1) return { method: 'GET', path: q('$orderby') };
  if (kind === 2) return { method: 'GET', path: q('$select') };
  if (kind === 3) return { method: 'GET', path: `${ODATA}/Contacts(${encodeURIComponent(expression(rng))})` };
  if (kind === 4) return { method: rng.pick(['PATCH', 'DELETE']), path: q('$filter'), body: '{"city":"x"}' };
  const body = rng.chance(0.5)
    ? expression(rng)
    : JSON.stringify({ [rng.pick(PIECES)]: rng.pick([1, 'x', null, [], {}]) });
  return { method: 'POST', path: rng.pick([`${ODATA}/Contacts`, `${ODATA}/Script.Echo`]), body };
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

describe('OData fuzzing', () => {
  it(`never answers 500 or hangs on garbage query options, keys and bodies (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      server.mock.reset();
      const { method, path, body, batch } = fuzzRequest(rng);
      const where = `seed ${SEED}, request ${i}: ${method} ${path.slice(0, 300)}`;
      const res = await request(`${server.url}${path}`, {
        method: method as 'GET',
        headers: {
          authorization: basic('admin', 'admin-pass'),
          'content-type': batch ? 'multipart/mixed; boundary=b' : 'application/json',
        },
        body: body ?? null,
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      const text = await res.body.text();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, where).toBeLessThan(500);
      expect(text, where).not.toMatch(/at .+\.(ts|js):\d+|TypeError|RangeError/);
      if (res.statusCode >= 400 || batch) {
        if (batch && res.statusCode === 200) {
          // A batch answer's own parts must not be 500s either.
          expect(text, where).not.toMatch(/^HTTP\/1\.1 5\d\d/m);
          continue;
        }
        expect(res.headers['content-type'], where).toBe('application/json;charset=utf-8');
        expect(JSON.parse(text).error.code, where).toMatch(/^-?\d+$/);
      }
    }
    // The generator reaches both answers, so the test would notice a parser that refuses everything.
    const answered = (statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) + (statuses.get(204) ?? 0);
    expect(answered).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(REQUESTS / 4);
  });

  it('stays responsive while garbage arrives: a normal query answers within the same second', async () => {
    const started = Date.now();
    const res = await request(`${server.url}${ODATA}/Contacts?$top=1`, {
      headers: { authorization: basic('admin', 'admin-pass') },
      headersTimeout: 1_000,
    });
    await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('the $filter parser on its own', () => {
  const fields = new Set(['name', 'city', 'First Name']);
  const parse = (text: string) => parseFilter(text, (name) => fields.has(name));

  it('reads precedence, functions, quoted names and literals', () => {
    const parsed = parse(`not contains(tolower(name),'a''b') and "First Name" eq null or city ge 2026-03-01`);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.expr.kind).toBe('or');
  });

  it('refuses too deep, too long and unknown input with a problem, never an exception', () => {
    expect(parse(`${'('.repeat(33)}name eq 'x'${')'.repeat(33)}`)).toMatchObject({
      ok: false,
      problem: { kind: 'syntax' },
    });
    expect(parse(`name eq '${'x'.repeat(5000)}'`)).toMatchObject({ ok: false });
    expect(parse('nope eq 1')).toEqual({ ok: false, problem: { kind: 'unknown-field', field: 'nope' } });
    expect(parse('name')).toMatchObject({ ok: false });
    expect(parse('any(name)')).toMatchObject({ ok: false });
    expect(parse('contains(name)')).toMatchObject({ ok: false });
  });

  it('tokenizes a long input in linear time', () => {
    const long = "name eq 'x' or ".repeat(250).concat("name eq 'y'");
    const started = performance.now();
    for (let i = 0; i < 50; i++) parse(long);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
