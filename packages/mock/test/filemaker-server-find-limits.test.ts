import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

const DB = '/fmi/data/vLatest/databases/Contacts';
const DIST = new URL('../dist/index.js', import.meta.url).href;

// The mock runs in a child process (the built package, started with startMockServer()), so that a
// find that stalls its event loop cannot stall this test's timers: the test fails instead of hanging.
const CHILD = `
const { startMockServer } = await import(process.argv[1]);
const server = await startMockServer();
process.stdout.write(JSON.stringify(server.endpoints) + '\\n');
`;

const children: ChildProcess[] = [];

async function startChildMock(): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, DIST], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  while (!stdout.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`mock exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const endpoints = JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as { filemakerServer: string };
  return { base: endpoints.filemakerServer, child };
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

/** One request on its own connection, given up after `timeoutMs`; resolves with status, body and time. */
async function timedCall(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; json: any; ms: number }> {
  const client = new Client(base, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const started = performance.now();
  try {
    const res = await client.request({ method, path, headers, body: body ?? null });
    const text = await res.body.text();
    return { status: res.statusCode, json: JSON.parse(text), ms: performance.now() - started };
  } finally {
    await client.destroy();
  }
}

const loginHeaders = { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' };

describe('_find with many wildcards against a long value', () => {
  it('answers within a bound and never stops the mock serving other connections', async () => {
    const { base } = await startChildMock();
    const login = await timedCall(base, 'POST', `${DB}/sessions`, loginHeaders, '{}', 10_000);
    expect(login.status).toBe(200);
    const bearer = {
      authorization: `Bearer ${login.json.response.token}`,
      'content-type': 'application/json',
    };
    const long = 'a'.repeat(3000);
    const created = await timedCall(
      base,
      'POST',
      `${DB}/layouts/Contacts/records`,
      bearer,
      JSON.stringify({ fieldData: { name: long, city: `x ${long}` } }),
      10_000,
    );
    expect(created.status).toBe(200);

    // Normally a few milliseconds; the bound leaves room for a loaded CI machine. Before the matcher
    // was rewritten, this find backtracked for far longer than any test would wait.
    const BOUND_MS = 2000;
    const find = timedCall(
      base,
      'POST',
      `${DB}/layouts/Contacts/_find`,
      bearer,
      JSON.stringify({ query: [{ name: 'a*a*a*a*a*b' }, { city: 'a*a*a*a*a*a*a*b' }] }),
      BOUND_MS * 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const other = timedCall(base, 'POST', `${DB}/sessions`, loginHeaders, '{}', BOUND_MS * 2);
    const [found, meanwhile] = await Promise.all([find, other]);
    expect(found.status).toBe(500);
    expect(found.json.messages[0]).toEqual({ code: '401', message: 'No records match the request' });
    expect(found.ms).toBeLessThan(BOUND_MS);
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.ms).toBeLessThan(BOUND_MS);

    const match = await timedCall(
      base,
      'POST',
      `${DB}/layouts/Contacts/_find`,
      bearer,
      JSON.stringify({ query: [{ name: 'a*a*a*a*a*a' }] }),
      BOUND_MS * 2,
    );
    expect(match.json.response?.dataInfo.foundCount).toBe(1);
    expect(match.ms).toBeLessThan(BOUND_MS);
  });
});

describe('_find limits', () => {
  const mock = useMock();
  beforeAll(() => mock.start());
  afterAll(() => mock.stop());

  async function find(query: unknown[]) {
    const token = await mock.login();
    return mock.call('POST', `${DB}/layouts/Contacts/_find`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
  }

  it('refuses a criterion over 1000 characters with 500 / 960', async () => {
    const atLimit = await find([{ name: `${'x'.repeat(999)}*` }]);
    expect(atLimit.json.messages[0].code).toBe('401');
    const over = await find([{ name: 'x'.repeat(1001) }]);
    expect(over.status).toBe(500);
    expect(over.json.messages[0]).toEqual({ code: '960', message: 'Parameter is invalid' });
  });

  it('refuses more than 100 find requests, or more than 1000 criteria in all', async () => {
    const hundred = await find(Array.from({ length: 100 }, () => ({ city: 'London' })));
    expect(hundred.json.response.dataInfo.foundCount).toBe(1);
    const tooMany = await find(Array.from({ length: 101 }, () => ({ city: 'London' })));
    expect(tooMany.status).toBe(500);
    expect(tooMany.json.messages[0].code).toBe('960');
    const wide = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x']));
    const tooManyCriteria = await find(Array.from({ length: 100 }, () => wide));
    expect(tooManyCriteria.json.messages[0].code).toBe('960');
  });
});
