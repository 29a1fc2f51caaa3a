// (c) Mock server login throughput vs a bare node:http server that returns the same JSON and does no
// work, both in child processes, driven by the same undici pool from here. Goal: ratio ≥ 0.5.
import { mockControl } from '@fmauth/mock';
import { Pool } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, pooled, printComparison } from '../lib/compare.mjs';

const LOGINS = 3000;
const CONCURRENCY = 32;
const PATH = '/fmi/data/vLatest/databases/Contacts/sessions';
const HEADERS = {
  authorization: `Basic ${Buffer.from('admin:admin-pass').toString('base64')}`,
  'content-type': 'application/json',
};

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const bare = await startChild(new URL('../lib/servers/bare-login.mjs', import.meta.url).pathname);
  const control = mockControl(mock.ready.endpoints.control);
  const mockPool = new Pool(mock.ready.endpoints.filemakerServer, { connections: CONCURRENCY });
  const barePool = new Pool(bare.ready.url, { connections: CONCURRENCY });
  const login = (pool) => async () => {
    const res = await pool.request({ path: PATH, method: 'POST', headers: HEADERS, body: '{}' });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !JSON.parse(text).response.token)
      throw new Error(`login failed: ${res.statusCode}`);
  };
  try {
    const result = await compare({
      name: '(c) logins/s: mock server vs bare node:http returning the same JSON',
      baseline: { label: 'bare node:http', run: () => pooled(LOGINS, CONCURRENCY, login(barePool)) },
      candidate: {
        label: 'mock',
        // Every login opens a session; start each round from an empty session store (untimed).
        before: async () => {
          await control.reset();
          await control.setOptions({ dataApi: { maxSessions: 1_000_000 } });
        },
        run: () => pooled(LOGINS, CONCURRENCY, login(mockPool)),
      },
      rounds: 9,
    });
    printComparison(result, 0.5);
    return result;
  } finally {
    await mockPool.close();
    await barePool.close();
    await mock.stop();
    await bare.stop();
  }
}
