import type { AddressInfo } from 'node:net';
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { createOAuthWebApp, type OAuthWebApp } from '../src/app.js';

export const APP_SECRET = 'example-app-secret-for-tests-0123456789abcdef';

/** The mock and the example app on loopback, and every line the app logged. */
export async function startAppAndMock() {
  const mock: MockServer = await startMockServer();
  const endpoints = mock.readiness.endpoints as Record<string, string>;
  const logs: string[] = [];
  // Listen first, so the public URL (and so the return URL) carries the real port.
  const { createServer } = await import('node:http');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const app: OAuthWebApp = createOAuthWebApp({
    fmsUrl: endpoints.filemakerServer as string,
    database: 'Contacts',
    layout: 'Contacts',
    publicUrl: `http://127.0.0.1:${port}`,
    secret: APP_SECRET,
    log: (line) => logs.push(line),
  });
  await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', resolve));
  return {
    app,
    mock,
    logs,
    appUrl: `http://127.0.0.1:${port}`,
    control: mockControl(endpoints.control as string),
    fms: async () =>
      (await mockControl(endpoints.control as string).stats()).filemakerServer as Record<string, number>,
    async close() {
      await app.close();
      await mock.close();
    },
  };
}
