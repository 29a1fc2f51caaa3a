// The mock's OData reads vs its Data API reads of the same records, side by side in one mock child
// process, driven by the same undici pool settings from here. OData authenticates every request
// (Basic, one constant-time password check) and parses query options; the Data API checks a session
// token. Goal: OData at least half the Data API's rate (ratio ≥ 0.5), so a suite switching APIs does
// not slow down much.
import { Pool } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, pooled, printComparison } from '../lib/compare.mjs';

const REQUESTS = 3000;
const CONCURRENCY = 32;
const BASIC = `Basic ${Buffer.from('admin:admin-pass').toString('base64')}`;
const DATA_API = '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records?_limit=6';
// The same six records, and a filter that keeps all of them, so the parser and evaluator run.
const ODATA = `/fmi/odata/v4/Contacts/Contacts?$top=6&$filter=${encodeURIComponent("name ne 'nobody'")}`;

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const base = mock.ready.endpoints.filemakerServer;
  const dataApiPool = new Pool(base, { connections: CONCURRENCY });
  const odataPool = new Pool(base, { connections: CONCURRENCY });
  const login = await dataApiPool.request({
    path: '/fmi/data/vLatest/databases/Contacts/sessions',
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: '{}',
  });
  const token = JSON.parse(await login.body.text()).response.token;
  const read = (pool, path, authorization, count) => async () => {
    const res = await pool.request({ path, method: 'GET', headers: { authorization } });
    const body = JSON.parse(await res.body.text());
    const records = count(body);
    if (res.statusCode !== 200 || records !== 6) throw new Error(`read failed: ${res.statusCode}`);
  };
  try {
    const result = await compare({
      name: 'mock reads/s: OData (Basic per request, $filter + $top) vs Data API (session token), 6 records',
      baseline: {
        label: 'Data API',
        run: () =>
          pooled(
            REQUESTS,
            CONCURRENCY,
            read(dataApiPool, DATA_API, `Bearer ${token}`, (b) => b.response.data.length),
          ),
      },
      candidate: {
        label: 'OData',
        run: () =>
          pooled(
            REQUESTS,
            CONCURRENCY,
            read(odataPool, ODATA, BASIC, (b) => b.value.length),
          ),
      },
      rounds: 9,
    });
    printComparison(result, 0.5);
    const sorted = [...result.ratios].sort((a, b) => a - b);
    console.log(
      `  range ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)} over ${sorted.length} rounds`,
    );
    return result;
  } finally {
    await dataApiPool.close();
    await odataPool.close();
    await mock.stop();
  }
}
