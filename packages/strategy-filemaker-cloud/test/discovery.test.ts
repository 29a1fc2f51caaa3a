import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLARIS_USER_POOL, type FileMakerCloudEvent } from '../src/index.js';
import { authContext, DEV, useCloudMock } from './support/cloud-mock.js';
import { closedPortUrl, type SilentServer, startSilentServer } from './support/silent-server.js';

const MOVED_POOL = { userPoolId: 'eu-central-1_Moved1', clientId: 'movedclient42' };

describe("pool discovery from Claris's user-pool JSON, with a fallback to the defaults", () => {
  const mock = useCloudMock();
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.close());

  /** A strategy that knows only the Cognito endpoint and where to discover the pool. */
  const discovering = (url: string, events: FileMakerCloudEvent[], timeoutMs?: number) =>
    mock.strategy({
      pool: undefined,
      discovery: { url, ...(timeoutMs ? { timeoutMs } : {}) },
      onEvent: (e) => events.push(e),
    });
  const discoveryRequests = async () => (await mock.control.stats()).clarisIdDiscovery?.requests;

  it('signs in to the pool the document names (here a pool that is not the default)', async () => {
    await mock.control.setOptions({ cognito: MOVED_POOL });
    const events: FileMakerCloudEvent[] = [];
    const strategy = discovering(mock.endpoints.clarisIdDiscovery as string, events);
    await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
    expect(events[0]).toEqual({
      type: 'pool-discovered',
      url: mock.endpoints.clarisIdDiscovery,
      pool: { ...MOVED_POOL, region: 'eu-central-1' },
    });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
  });

  it('asks only once per strategy', async () => {
    const events: FileMakerCloudEvent[] = [];
    const strategy = discovering(mock.endpoints.clarisIdDiscovery as string, events);
    await strategy.authenticate(authContext());
    await mock.control.call('POST', '/cognito/revoke-refresh-tokens', { email: DEV.clarisId });
    strategy.invalidate();
    await strategy.authenticate(authContext());
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2 });
    expect(await discoveryRequests()).toBe(1);
  });

  it('explicit pool settings win over discovered ones', async () => {
    // A stale document naming a client the pool does not have; the explicit clientId is the right one.
    const stale = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errcode: 'Ok',
          data: { UserPool_ID: mock.pool.userPoolId, Client_ID: 'staleclient1' },
        }),
      );
    });
    await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve));
    try {
      const events: FileMakerCloudEvent[] = [];
      const strategy = mock.strategy({
        pool: { clientId: mock.pool.clientId },
        discovery: { url: `http://127.0.0.1:${(stale.address() as AddressInfo).port}/pool.json` },
        onEvent: (e) => events.push(e),
      });
      await strategy.authenticate(authContext());
      expect(events[0]).toMatchObject({ type: 'pool-discovered', pool: mock.pool });
    } finally {
      stale.closeAllConnections();
      await new Promise((resolve) => stale.close(resolve));
    }
  });

  const fallbacks: [string, () => Promise<void> | void, () => string, RegExp][] = [
    [
      'answers HTTP 503',
      () => mock.control.setOptions({ cognito: { discovery: 'unavailable' } }).then(() => undefined),
      () => mock.endpoints.clarisIdDiscovery as string,
      /^HTTP 503$/,
    ],
    [
      'answers errcode "Error"',
      () => mock.control.setOptions({ cognito: { discovery: 'error' } }).then(() => undefined),
      () => mock.endpoints.clarisIdDiscovery as string,
      /errcode is "Error", not "Ok"/,
    ],
    [
      'answers JSON without the pool fields',
      () => undefined,
      () => `${mock.endpoints.control}/stats`,
      /errcode is missing/,
    ],
  ];
  for (const [what, arrange, url, reason] of fallbacks) {
    it(`falls back to Claris's defaults when the endpoint ${what}, and says so`, async () => {
      await arrange();
      const events: FileMakerCloudEvent[] = [];
      const strategy = discovering(url(), events);
      await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toBeDefined();
      expect(events[0]).toEqual({
        type: 'pool-discovery-failed',
        url: url(),
        reason: expect.stringMatching(reason),
        fallback: CLARIS_USER_POOL,
      });
    });
  }

  it('falls back when nothing listens there', async () => {
    const url = `${await closedPortUrl()}/pool.json`;
    const events: FileMakerCloudEvent[] = [];
    await discovering(url, events).authenticate(authContext());
    expect(events[0]).toMatchObject({
      type: 'pool-discovery-failed',
      reason: 'request failed (ECONNREFUSED)',
    });
  });

  it('falls back after its timeout when the endpoint never answers', async () => {
    const events: FileMakerCloudEvent[] = [];
    const started = performance.now();
    await discovering(`${silent.url}/pool.json`, events, 300).authenticate(authContext());
    expect(events[0]).toMatchObject({ type: 'pool-discovery-failed', reason: 'no answer within 300 ms' });
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('without an onEvent observer, reports the fallback as a process warning', async () => {
    await mock.control.setOptions({ cognito: { discovery: 'unavailable' } });
    const warned = new Promise<Error & { code?: string }>((resolve) => process.once('warning', resolve));
    await mock
      .strategy({ pool: undefined, discovery: { url: mock.endpoints.clarisIdDiscovery as string } })
      .authenticate(authContext());
    const warning = await warned;
    expect(warning.code).toBe('FMAUTH_POOL_DISCOVERY_FALLBACK');
    expect(warning.message).toContain(CLARIS_USER_POOL.userPoolId);
  });
});
