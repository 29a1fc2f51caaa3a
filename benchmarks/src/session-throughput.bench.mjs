// (a) Authenticated request throughput: requests through a DataApiSession (token reuse, Bearer header,
// envelope parsing, error mapping) vs a raw undici request with a fixed token and the same JSON parse,
// both against the mock in a child process. Goal: ratio ≥ 0.95.
import { createDataApiSession } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { Agent } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, pooled, printComparison } from '../lib/compare.mjs';

const REQUESTS = 10000;
const CONCURRENCY = 16;
const PATH = '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records?_limit=1';

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const base = mock.ready.endpoints.filemakerServer;
  const session = createDataApiSession({
    baseUrl: base,
    database: 'Contacts',
    strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  });
  const agent = new Agent();
  try {
    await session.getRecords('Contacts', { limit: 1 });
    // The raw baseline gets its own token, as an app with a hard-coded token would.
    const login = await agent.request({
      origin: base,
      path: '/fmi/data/vLatest/databases/Contacts/sessions',
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('admin:admin-pass').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    const token = JSON.parse(await login.body.text()).response.token;
    const headers = { authorization: `Bearer ${token}` };

    const result = await compare({
      name: '(a) authenticated requests/s: DataApiSession vs raw undici with a fixed token',
      baseline: {
        label: 'raw undici',
        run: () =>
          pooled(REQUESTS, CONCURRENCY, async () => {
            const res = await agent.request({ origin: base, path: PATH, method: 'GET', headers });
            const body = JSON.parse(await res.body.text());
            if (body.messages[0].code !== '0') throw new Error('raw request failed');
          }),
      },
      candidate: {
        label: 'session',
        run: () =>
          pooled(REQUESTS, CONCURRENCY, () =>
            session.request({ path: 'layouts/Contacts/records', query: { _limit: 1 } }),
          ),
      },
      rounds: 11,
    });
    printComparison(result, 0.95);
    return result;
  } finally {
    await session.close();
    await agent.close();
    await mock.stop();
  }
}
