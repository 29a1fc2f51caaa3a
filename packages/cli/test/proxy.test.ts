import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, expectNoStackTrace, runFmauth } from './helpers/run-fmauth.js';

let server: MockServer;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  server = await startMockServer();
  // A minimal HTTP proxy that only tunnels (CONNECT), recording where each tunnel went.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, clientSocket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await Promise.all([server.close(), new Promise((resolve) => proxy.close(resolve))]);
});

describe('--proxy', () => {
  it('sends the doctor checks and the login through the proxy', async () => {
    const target = new URL(endpoint(server, 'filemakerServer'));
    const result = await runFmauth(
      ['doctor', target.href, '--proxy', proxyUrl, '-d', 'Contacts', '-u', 'admin'],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(tunnels.length).toBeGreaterThanOrEqual(2); // detection, then the session's login
    expect(new Set(tunnels)).toEqual(new Set([`${target.hostname}:${target.port}`]));
  });

  it('on FileMaker Cloud, the Cognito sign-in goes through the proxy too', async () => {
    tunnels.length = 0;
    const result = await runFmauth(
      [
        'token',
        endpoint(server, 'filemakerCloud'),
        '--proxy',
        proxyUrl,
        '-d',
        'Contacts',
        '-u',
        'dev@example.com',
        '--cognito-endpoint',
        endpoint(server, 'cognito'),
      ],
      { env: { FMAUTH_PASSWORD: 'ClarisID-pass-1' } },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    // Three clients, three tunnels: the flavor detection, Cognito (its own connection) and the session.
    expect(tunnels.length).toBeGreaterThanOrEqual(3);
  });

  it('a proxy that is not there → exit 3, one line', async () => {
    const result = await runFmauth(
      [
        'token',
        endpoint(server, 'filemakerServer'),
        '--proxy',
        'http://127.0.0.1:1',
        '-d',
        'Contacts',
        '-u',
        'admin',
      ],
      {
        env: { FMAUTH_PASSWORD: 'admin-pass' },
      },
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});
