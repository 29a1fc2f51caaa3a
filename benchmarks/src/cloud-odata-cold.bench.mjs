// OData on FileMaker Cloud, cold: 1000 concurrent callers of getAuthorizationHeader(), then of an OData
// query through createODataClient, each on a fresh provider/client. Counts the Claris ID sign-ins the
// mock's Cognito saw (goal: exactly 1 per trial) and the OData requests and refusals the mock's Cloud
// flavor saw (1000 and 0), and the time to the first header / first answer, over several trials.
import { createAuthorizationHeaderProvider, createODataClient } from '@fmauth/core';
import { mockControl } from '@fmauth/mock';
import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { spread, summary } from '../lib/figures.mjs';

const CALLERS = 1000;
const TRIALS = 5;

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const { endpoints, cognito: pool } = mock.ready;
  const control = mockControl(endpoints.control);
  const strategy = () =>
    fileMakerCloud({
      clarisId: 'dev@example.com',
      password: 'ClarisID-pass-1',
      pool,
      cognito: { endpoint: endpoints.cognito, maxAttempts: 1 },
    });
  const signIns = async () => (await control.stats()).cognito.srpSignIns;
  const header = { signIns: [], firstMs: [], allMs: [] };
  const query = { signIns: [], firstMs: [], allMs: [], requests: [], refused: [] };
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      await control.reset();
      const cloud = strategy();
      const provider = createAuthorizationHeaderProvider(cloud, {
        baseUrl: endpoints.filemakerCloud,
        database: 'Contacts',
      });
      const started = performance.now();
      let first;
      await Promise.all(
        Array.from({ length: CALLERS }, () =>
          provider.getAuthorizationHeader().then(() => {
            first ??= performance.now() - started;
          }),
        ),
      );
      header.allMs.push(performance.now() - started);
      header.firstMs.push(first);
      header.signIns.push(await signIns());
      await provider.close();
      await cloud.close();
    }
    for (let trial = 0; trial < TRIALS; trial++) {
      await control.reset();
      const cloud = strategy();
      const odata = createODataClient({
        baseUrl: endpoints.filemakerCloud,
        database: 'Contacts',
        strategy: cloud,
      });
      const started = performance.now();
      let first;
      try {
        await Promise.all(
          Array.from({ length: CALLERS }, () =>
            odata.query('Contacts', { top: 1 }).then(() => {
              first ??= performance.now() - started;
            }),
          ),
        );
        query.allMs.push(performance.now() - started);
        query.firstMs.push(first);
        query.signIns.push(await signIns());
        const cloudStats = (await control.stats()).filemakerCloud;
        query.requests.push(cloudStats.odataRequests);
        query.refused.push(cloudStats.odataFailedAuth);
      } finally {
        await odata.close();
        await cloud.close();
      }
    }
  } finally {
    await mock.stop();
  }
  const met = (list) => list.length > 0 && list.every((n) => n === 1);
  console.log(
    `cloud-odata-cold: ${CALLERS} concurrent cold callers on FileMaker Cloud, ${TRIALS} trials\n` +
      `  getAuthorizationHeader(): Claris ID sign-ins ${header.signIns.join(', ')} (goal 1: ${met(header.signIns) ? 'met' : 'NOT met'})\n` +
      `    first header ${spread(header.firstMs, 1, ' ms')}; all ${CALLERS} ${spread(header.allMs, 1, ' ms')}\n` +
      `  OData query: Claris ID sign-ins ${query.signIns.join(', ')} (goal 1: ${met(query.signIns) ? 'met' : 'NOT met'}); ` +
      `OData requests ${query.requests.join(', ')}, refused ${query.refused.join(', ')}\n` +
      `    first answer ${spread(query.firstMs, 1, ' ms')}; all ${CALLERS} ${spread(query.allMs, 1, ' ms')}`,
  );
  return {
    header: { signIns: header.signIns, firstMs: summary(header.firstMs), allMs: summary(header.allMs) },
    query: {
      signIns: query.signIns,
      requests: query.requests,
      refused: query.refused,
      firstMs: summary(query.firstMs),
      allMs: summary(query.allMs),
    },
  };
}
