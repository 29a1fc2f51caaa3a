import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { type MockControl, type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostNameEvidence } from '../src/detection/host-name-evidence.js';
import { productNameEvidence, productVersionEvidence } from '../src/detection/product-info-evidence.js';
import { weighEvidence } from '../src/detection/weigh-evidence.js';
import {
  detectServerFlavor,
  NetworkError,
  type ServerFlavorReport,
  TimeoutError,
  UnexpectedResponseError,
} from '../src/index.js';

describe('host name evidence (unit)', () => {
  it.each([
    ['acme.account.filemaker-cloud.com', ['filemaker-cloud'], 'strong'],
    ['ACME.Account.FileMaker-Cloud.com.', ['filemaker-cloud'], 'strong'],
    ['eu.acme-team.account.filemaker-cloud.com', ['filemaker-cloud'], 'strong'],
    ['status.filemaker-cloud.com', ['filemaker-cloud'], 'weak'],
    ['acme.account.filemaker-cloud.com.evil.example', ['filemaker-server', 'claris-server'], 'weak'],
    ['evil-filemaker-cloud.com', ['filemaker-server', 'claris-server'], 'weak'],
    ['fms.example.com', ['filemaker-server', 'claris-server'], 'weak'],
    ['10.0.0.5', ['filemaker-server', 'claris-server'], 'weak'],
    ['[2001:db8::1]', ['filemaker-server', 'claris-server'], 'weak'],
  ])('%s is consistent with %j (%s)', (host, flavors, strength) => {
    const item = hostNameEvidence(host);
    expect(item.source).toBe('host-name');
    expect(item.consistentWith).toEqual(flavors);
    expect(item.strength).toBe(strength);
  });

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s (loopback) says nothing', (host) => {
    const item = hostNameEvidence(host);
    expect(item.consistentWith).toHaveLength(3);
    expect(item.observation).toContain('loopback');
  });
});

describe('productInfo evidence and weighing (unit)', () => {
  it.each([
    ['40.0.2.200', ['claris-server'], 'strong'],
    ['2.19.0.57', ['filemaker-cloud'], 'strong'],
    ['1.18.1', ['filemaker-cloud'], 'strong'],
    ['17.0.1', ['filemaker-server'], 'strong'],
    ['22.0.1.68', ['filemaker-server'], 'strong'],
    ['23.0.1', ['filemaker-server'], 'weak'],
  ])('version %s is consistent with %j (%s)', (version, flavors, strength) => {
    const item = productVersionEvidence(version);
    expect(item.consistentWith).toEqual(flavors);
    expect(item.strength).toBe(strength);
  });

  it.each([undefined, '', 'n/a', '9.0'])('version %j says nothing', (version) => {
    expect(productVersionEvidence(version).consistentWith).toHaveLength(3);
  });

  it('tells the engine names apart', () => {
    expect(productNameEvidence('Claris Data API Engine').consistentWith).toEqual(['claris-server']);
    expect(productNameEvidence('FileMaker Data API Engine').consistentWith).toEqual([
      'filemaker-server',
      'filemaker-cloud',
    ]);
    expect(productNameEvidence('Some Other Engine').consistentWith).toHaveLength(3);
  });

  it('a strong conflict gives low confidence and names the flavors still in play', () => {
    const verdict = weighEvidence([
      hostNameEvidence('acme.account.filemaker-cloud.com'),
      productNameEvidence('Claris Data API Engine'),
    ]);
    expect(verdict).toMatchObject({ confidence: 'low', conflicting: true });
    expect(verdict.candidates).toEqual(['claris-server', 'filemaker-cloud']);
  });

  it('a weak hint against strong agreement lowers high to medium', () => {
    const verdict = weighEvidence([
      hostNameEvidence('data.example.com'),
      productNameEvidence('FileMaker Data API Engine'),
      productVersionEvidence('2.19.0.57'),
    ]);
    expect(verdict).toMatchObject({ flavor: 'filemaker-cloud', confidence: 'medium', conflicting: true });
  });
});

describe('detectServerFlavor over real HTTP against the mock', () => {
  let server: MockServer;
  let control: MockControl;
  beforeAll(async () => {
    server = await startMockServer();
    control = mockControl(server.endpoints.control as string);
  });
  afterAll(() => server.close());
  beforeEach(() => control.reset());

  /** An agent that sends every request to the mock whatever the URL's host, so host names can be tested. */
  const pinnedAgents: Agent[] = [];
  afterAll(() => Promise.all(pinnedAgents.map((agent) => agent.close())));
  function pinnedToMock(): Agent {
    const connect = buildConnector({});
    const agent = new Agent({
      connect: (options, callback) => connect({ ...options, hostname: '127.0.0.1' }, callback),
    });
    pinnedAgents.push(agent);
    return agent;
  }
  /** The mock flavor's URL with another host name in it. */
  const asHost = (url: string, host: string) => url.replace('127.0.0.1', host);

  it('FileMaker Server: high confidence from the engine name and a 17–22 version', async () => {
    const report = await detectServerFlavor(server.endpoints.filemakerServer as string);
    expect(report).toMatchObject({
      flavor: 'filemaker-server',
      confidence: 'high',
      conflicting: false,
      candidates: ['filemaker-server'],
      productInfo: { name: 'FileMaker Data API Engine', version: '21.1.1.41' },
      recommendedStrategy: { packageName: '@fmauth/strategy-filemaker-server', factory: 'fileMakerServer' },
    });
    expect(report.evidence.map((e) => e.source)).toEqual(['host-name', 'product-name', 'product-version']);
    expect(report.summary).toMatch(/^FileMaker Server \(high confidence\).*fileMakerServer\(\)/);
    expect(server.mock.stats().filemakerServer?.requests).toBe(1);
  });

  it('Claris Server: high confidence, and the advice names the extended account password', async () => {
    const report = await detectServerFlavor(server.endpoints.clarisServer as string);
    expect(report).toMatchObject({
      flavor: 'claris-server',
      confidence: 'high',
      productInfo: { name: 'Claris Data API Engine' },
      recommendedStrategy: { packageName: '@fmauth/strategy-claris-server', factory: 'clarisServer' },
    });
    expect(report.productInfo?.version).toMatch(/^40\./);
    expect(report.summary).toContain('extended account password');
    expect(report.summary).toContain('not the Claris ID password');
  });

  it("FileMaker Cloud (the mock's Cloud flavor): high confidence from the engine name and a 2.x version", async () => {
    const local = await detectServerFlavor(server.endpoints.filemakerCloud as string);
    expect(local).toMatchObject({
      flavor: 'filemaker-cloud',
      confidence: 'high',
      productInfo: { name: 'FileMaker Data API Engine' },
      recommendedStrategy: { packageName: '@fmauth/strategy-filemaker-cloud', factory: 'fileMakerCloud' },
    });
    expect(local.productInfo?.version).toMatch(/^2\./);
    // Without the version, its real host name still settles it.
    await control.setOptions({ dataApi: { productInfoVersion: false } });
    const named = await detectServerFlavor(
      asHost(server.endpoints.filemakerCloud as string, 'acme.account.filemaker-cloud.com'),
      { dispatcher: pinnedToMock() },
    );
    expect(named).toMatchObject({
      flavor: 'filemaker-cloud',
      confidence: 'high',
      candidates: ['filemaker-cloud'],
    });
    expect(named.productInfo?.version).toBeUndefined();
  });

  it('a Claris Server flavor switched to Cloud answers, behind a Cloud host name, reads as Cloud', async () => {
    // The Claris Server flavor's productInfo switches let it answer like a FileMaker Cloud server.
    await control.setOptions({
      clarisServer: { productName: 'FileMaker Data API Engine', productVersion: '2.19.0.57' },
    });
    const url = asHost(server.endpoints.clarisServer as string, 'acme.account.filemaker-cloud.com');
    const report = await detectServerFlavor(url, { dispatcher: pinnedToMock() });
    expect(report).toMatchObject({
      flavor: 'filemaker-cloud',
      confidence: 'high',
      recommendedStrategy: { packageName: '@fmauth/strategy-filemaker-cloud', factory: 'fileMakerCloud' },
    });
    expect(report.baseUrl).toContain('acme.account.filemaker-cloud.com');
  });

  it('without a version in productInfo: Claris Server stays certain enough, FileMaker needs the host name', async () => {
    await control.setOptions({ dataApi: { productInfoVersion: false } });
    const claris = await detectServerFlavor(server.endpoints.clarisServer as string);
    expect(claris).toMatchObject({ flavor: 'claris-server', confidence: 'medium' });
    expect(claris.productInfo?.version).toBeUndefined();

    // On loopback the host says nothing, so "FileMaker Data API Engine" leaves two flavors open.
    const local = await detectServerFlavor(server.endpoints.filemakerServer as string);
    expect(local).toMatchObject({ flavor: 'filemaker-server', confidence: 'low' });
    expect(local.candidates).toEqual(['filemaker-server', 'filemaker-cloud']);
    expect(local.summary).toContain('could also be FileMaker Cloud');

    // On an ordinary host name it cannot be Cloud.
    const named = await detectServerFlavor(
      asHost(server.endpoints.filemakerServer as string, 'fms.example.com'),
      {
        dispatcher: pinnedToMock(),
      },
    );
    expect(named).toMatchObject({
      flavor: 'filemaker-server',
      confidence: 'medium',
      candidates: ['filemaker-server'],
    });
  });

  it('a disabled Data API (HTML 502) gives an unknown flavor with the reason, not an exception', async () => {
    await control.setOptions({ dataApi: { dataApiEnabled: false } });
    const report = await detectServerFlavor(server.endpoints.filemakerServer as string);
    expect(report.flavor).toBe('unknown');
    expect(report.confidence).toBe('low');
    expect(report.recommendedStrategy).toBeUndefined();
    expect(report.productInfoError).toBeInstanceOf(UnexpectedResponseError);
    expect(report.productInfoError?.status).toBe(502);
    expect(report.evidence.at(-1)?.observation).toContain('HTTP 502');
    expect(report.summary).toMatch(/^Could not tell/);

    // The host name alone still identifies a Cloud server.
    const cloud = await detectServerFlavor(
      asHost(server.endpoints.filemakerServer as string, 'acme.account.filemaker-cloud.com'),
      { dispatcher: pinnedToMock() },
    );
    expect(cloud).toMatchObject({ flavor: 'filemaker-cloud', confidence: 'medium' });
  });

  it('a base URL that is not a Data API (HTML 404) gives unknown', async () => {
    const report = await detectServerFlavor(`${server.url}/not-a-server`);
    expect(report.flavor).toBe('unknown');
    expect(report.productInfoError?.status).toBe(404);
  });

  it('sends one GET without any Authorization header and leaves a caller-owned dispatcher open', async () => {
    const seen: Array<{ method: string; path: string; headers: unknown }> = [];
    const agent = new Agent();
    const recording = agent.compose(
      (dispatch) => (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        seen.push({ method: options.method, path: options.path, headers: options.headers });
        return dispatch(options, handler);
      },
    );
    await detectServerFlavor(server.endpoints.clarisServer as string, { dispatcher: recording });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/claris-server/fmi/data/vLatest/productInfo' });
    expect(JSON.stringify(seen[0]?.headers ?? {}).toLowerCase()).not.toContain('authorization');
    // Still usable: detection did not close it.
    await detectServerFlavor(server.endpoints.clarisServer as string, {
      dispatcher: recording,
      version: 'v1',
    });
    expect(seen[1]?.path).toBe('/claris-server/fmi/data/v1/productInfo');
    await agent.close();
  });

  it('the report holds no secrets and serialises cleanly', async () => {
    const report: ServerFlavorReport = await detectServerFlavor(server.endpoints.clarisServer as string);
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    expect(json.flavor).toBe('claris-server');
    expect(Object.isFrozen(report)).toBe(true);
  });
});

describe('detectServerFlavor when the server cannot answer', () => {
  it('an unreachable server throws NetworkError', async () => {
    const port = await closedPort();
    const error = await detectServerFlavor(`http://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain(`127.0.0.1:${port}`);
  });

  it('a server that never answers throws TimeoutError after timeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const started = performance.now();
    const error = await detectServerFlavor(`http://127.0.0.1:${port}`, { timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(elapsed).toBeLessThan(2_000);
    await closeServer(silent, sockets);
  });

  it('the caller can abort', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const controller = new AbortController();
    const pending = detectServerFlavor(`http://127.0.0.1:${port}`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(pending).rejects.toThrow('user gave up');
    await closeServer(silent, sockets);
  });

  it.each([
    ['not a url', {}, 'ERR_INVALID_ARG_VALUE'],
    [42, {}, 'ERR_INVALID_ARG_TYPE'],
    ['https://user:pw@fms.example.com', {}, 'ERR_INVALID_ARG_VALUE'],
    ['https://fms.example.com/fmi/data/vLatest', {}, 'ERR_INVALID_ARG_VALUE'],
    ['https://fms.example.com', { timeoutMs: -1 }, 'ERR_INVALID_ARG_VALUE'],
    ['https://fms.example.com', { version: 'v9' }, 'ERR_INVALID_ARG_VALUE'],
  ])('rejects the argument %j %j with a TypeError (%s)', async (url, options, code) => {
    const error = await detectServerFlavor(url as string, options as object).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { code: string }).code).toBe(code);
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function closeServer(server: Server, sockets: Socket[]): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
