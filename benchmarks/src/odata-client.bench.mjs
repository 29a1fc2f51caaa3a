// OData queries/s through createODataClient (credentials from the strategy, filter escaping, bounded
// reads, typed errors) vs raw undici with a fixed Basic header, side by side in alternating rounds
// against the mock's FileMaker Server OData routes. Goal: ratio ≥ 0.9.
import { createODataClient, odataFilter } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { Agent } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, pooled, printComparison } from '../lib/compare.mjs';

const REQUESTS = 5000;
const CONCURRENCY = 16;
const CITY = 'London';

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const base = mock.ready.endpoints.filemakerServer;
  const odata = createODataClient({
    baseUrl: base,
    database: 'Contacts',
    strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  });
  const agent = new Agent();
  const headers = {
    authorization: `Basic ${Buffer.from('admin:admin-pass').toString('base64')}`,
    accept: 'application/json',
  };
  const path = `/fmi/odata/v4/Contacts/Contacts?$filter=${encodeURIComponent(`city eq '${CITY}'`)}&$top=1`;
  try {
    // Warm: the client's one credential fetch happens here, outside the timed rounds.
    await odata.query('Contacts', { filter: odataFilter`city eq ${CITY}`, top: 1 });
    const result = await compare({
      name: 'OData queries/s: createODataClient vs raw undici with a fixed Basic header',
      baseline: {
        label: 'raw undici',
        run: () =>
          pooled(REQUESTS, CONCURRENCY, async () => {
            const res = await agent.request({ origin: base, path, method: 'GET', headers });
            const body = JSON.parse(await res.body.text());
            if (res.statusCode !== 200 || !Array.isArray(body.value)) throw new Error('raw request failed');
          }),
      },
      candidate: {
        label: 'ODataClient',
        run: () =>
          pooled(REQUESTS, CONCURRENCY, async () => {
            await odata.query('Contacts', { filter: odataFilter`city eq ${CITY}`, top: 1 });
          }),
      },
      rounds: 9,
    });
    printComparison(result, 0.9);
    const sorted = [...result.ratios].sort((a, b) => a - b);
    console.log(
      `  range ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)} over ${sorted.length} rounds`,
    );
    return result;
  } finally {
    await odata.close();
    await agent.close();
    await mock.stop();
  }
}
