// The complete example of packages/mock/docs/fault-injection.md, run for real: keep the two in step.
import { createDataApiSession, type DataApiSession, UnexpectedResponseError } from '@fmauth/core';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

// The app code under test: reads contact names, and retries (twice, with a short pause) when the web
// server in front of FileMaker answers 502/503/504 instead of the Data API.
async function contactNames(session: DataApiSession): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await session.getRecords('Contacts', { limit: 100 });
      return data.map((record) => String(record.fieldData.name));
    } catch (error) {
      const gatewayError =
        error instanceof UnexpectedResponseError && [502, 503, 504].includes(error.status ?? 0);
      if (!gatewayError || attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

let server: MockServer;
let session: DataApiSession;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.mock.reset(); // also clears any fault left over
  session = createDataApiSession({
    baseUrl: server.endpoints.filemakerServer as string,
    database: 'Contacts',
    strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  });
});
afterEach(() => session.close());

it('survives an expired session token (952): one re-login, one replay', async () => {
  await contactNames(session); // logged in
  server.mock.faults.add({ kind: 'filemaker-952', service: 'filemakerServer', path: '/records' });

  expect(await contactNames(session)).toContain('Ada Lovelace');

  const stats = server.mock.stats();
  expect(stats.faults).toMatchObject({ injected: 1, 'filemaker-952': 1 });
  expect(stats.filemakerServer).toMatchObject({ successfulLogins: 2 });
});

it('survives a 502 from the proxy by retrying', async () => {
  server.mock.faults.add({ kind: 'bad-gateway', service: 'filemakerServer', path: '/records', times: 2 });

  expect(await contactNames(session)).toHaveLength(6);
  expect(server.mock.stats().faults).toMatchObject({ injected: 2, pending: 0 });
});

it('gives up on a 502 that lasts, with an error that says what happened', async () => {
  server.mock.faults.add({ kind: 'bad-gateway', service: 'filemakerServer', path: '/records', times: 5 });

  await expect(contactNames(session)).rejects.toBeInstanceOf(UnexpectedResponseError);
  expect(server.mock.stats().faults).toMatchObject({ injected: 3, pending: 2 });
});
