import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { NetworkError } from '@fmauth/core';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authContext, rejectionOf, useCloudMock } from './support/cloud-mock.js';

const PROXY_USER = 'egress';
const PROXY_PASSWORD = 'proxy-secret-7';

describe('cognito.proxy: Cognito calls tunnelled through an HTTP proxy (CONNECT)', () => {
  const mock = useCloudMock();
  let proxy: ProxyServer;
  let proxyUrl: URL;
  const tunnels: string[] = [];
  let requireAuth = false;

  beforeAll(async () => {
    proxy = createProxy(createServer());
    proxy.authenticate = (req: IncomingMessage) =>
      !requireAuth ||
      req.headers['proxy-authorization'] ===
        `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;
    proxy.on('connect', (req: IncomingMessage) => tunnels.push(req.url ?? ''));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = new URL(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });
  beforeEach(() => {
    tunnels.length = 0;
    requireAuth = false;
  });

  it('signs in through the proxy; FileMaker Cloud traffic does not use it', async () => {
    const strategy = mock.strategy({ cognito: { proxy: proxyUrl.href } });
    await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
    const cognitoHost = new URL(mock.endpoints.cognito as string).host;
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(tunnels)).toEqual(new Set([cognitoHost]));
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
  });

  it('sends the credentials in the proxy URL as Proxy-Authorization', async () => {
    requireAuth = true;
    const withCredentials = new URL(proxyUrl);
    withCredentials.username = PROXY_USER;
    withCredentials.password = PROXY_PASSWORD;
    const strategy = mock.strategy({ cognito: { proxy: withCredentials } });
    await expect(strategy.authenticate(authContext())).resolves.toHaveProperty('authorization');
  });

  it('a proxy that refuses the credentials is a NetworkError (407) that does not print them', async () => {
    requireAuth = true;
    const wrong = new URL(proxyUrl);
    wrong.username = PROXY_USER;
    wrong.password = 'not-the-proxy-password';
    const strategy = mock.strategy({ cognito: { proxy: wrong.href } });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/HTTP 407 Proxy Authentication Required.*cognito\.proxy URL/);
    for (const text of [
      inspect(error, { depth: 8 }),
      JSON.stringify(error),
      inspect(strategy, { depth: 8 }),
    ]) {
      expect(text).not.toContain('not-the-proxy-password');
    }
    expect(await mock.cognitoStats()).toMatchObject({ requests: 0 });
  });
});
