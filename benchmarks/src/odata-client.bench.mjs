// OData queries/s through createODataClient (credentials from the strategy, filter escaping, bounded
// reads, typed errors) vs raw undici with a fixed Basic header, side by side in alternating rounds
// against the mock's FileMaker Server OData routes. Goal: ratio ≥ 0.9.
import { createODataClient, odataFilter } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { Agent } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, median, pooled, printComparison } from '../lib/compare.mjs';

const REQUESTS = 2000;
const CONCURRENCY = 16;
const CITY = 'London';

/**
 * Wraps a timed batch to record this process's CPU time per request (µs): the client's own cost, which
 * the shared machine's load disturbs far less than the rate (the mock child does most of the work).
 */
const cpuPerRequest = (samples, run) => async () => {
  const start = process.cpuUsage();
  const count = await run();
  const used = process.cpuUsage(start);
  samples.push((used.user + used.system) / count);
  return count;
};

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
  const cpu = { raw: [], client: [] };
  try {
    // Warm: the client's one credential fetch happens here, outside the timed rounds.
    await odata.query('Contacts', { filter: odataFilter`city eq ${CITY}`, top: 1 });
    const result = await compare({
      name: 'OData queries/s: createODataClient vs raw undici with a fixed Basic header',
      baseline: {
        label: 'raw undici',
        run: cpuPerRequest(cpu.raw, () =>
          pooled(REQUESTS, CONCURRENCY, async () => {
            const res = await agent.request({ origin: base, path, method: 'GET', headers });
            const body = JSON.parse(await res.body.text());
            if (res.statusCode !== 200 || !Array.isArray(body.value)) throw new Error('raw request failed');
          }),
        ),
      },
      candidate: {
        label: 'ODataClient',
        run: cpuPerRequest(cpu.client, () =>
          pooled(REQUESTS, CONCURRENCY, async () => {
            await odata.query('Contacts', { filter: odataFilter`city eq ${CITY}`, top: 1 });
          }),
        ),
      },
      rounds: 15,
    });
    printComparison(result, 0.9);
    const sorted = [...result.ratios].sort((a, b) => a - b);
    console.log(
      `  range ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)} over ${sorted.length} rounds`,
    );
    const range = (list) => `${Math.min(...list).toFixed(1)}–${Math.max(...list).toFixed(1)}`;
    console.log(
      `  this process's CPU per request: ODataClient ${median(cpu.client).toFixed(1)} µs (${range(cpu.client)}), ` +
        `raw undici ${median(cpu.raw).toFixed(1)} µs (${range(cpu.raw)}), incl. warm-up rounds`,
    );
    return { ...result, cpuMicrosPerRequest: { client: median(cpu.client), raw: median(cpu.raw) } };
  } finally {
    await odata.close();
    await agent.close();
    await mock.stop();
  }
}
