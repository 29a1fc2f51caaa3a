// The session against a real HTTPS server with a private CA, as on-premises FileMaker Servers often
// run: the mock generates its own CA, and `tls.ca` is the only thing the session needs to trust it.
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataApiSession, TlsError } from '../src/index.js';
import { basicStrategy } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ tls: true });
});
afterAll(() => server.close());

describe('a FileMaker Server on a private CA (the mock with tls: true)', () => {
  it('works when the CA is passed as tls.ca', async () => {
    await using session = createDataApiSession({
      baseUrl: server.endpoints.filemakerServer as string,
      database: 'Contacts',
      strategy: basicStrategy('admin', 'admin-pass'),
      tls: { ca: server.tls?.ca as string },
    });
    const layouts = await session.layouts();
    expect(layouts.map((layout) => layout.name)).toContain('Contacts');
    expect(server.mock.stats().filemakerServer?.successfulLogins).toBe(1);
  });

  it('without the CA, fails with a TlsError that says to pass the CA as tls.ca, and nothing reaches the server', async () => {
    const before = server.mock.stats().filemakerServer?.requests;
    await using session = createDataApiSession({
      baseUrl: server.endpoints.filemakerServer as string,
      database: 'Contacts',
      strategy: basicStrategy('admin', 'admin-pass'),
    });
    const error = await session.layouts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).code).toBe('FMAUTH_TLS');
    expect((error as Error).message).toContain('pass that CA as tls.ca');
    expect((error as Error).message).not.toContain('admin-pass');
    expect(server.mock.stats().filemakerServer?.requests).toBe(before);
  });
});
