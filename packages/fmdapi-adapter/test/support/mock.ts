import { createDataApiSession, type DataApiSession, type DataApiSessionOptions } from '@fmauth/core';
import { type MockControl, type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FmAuthAdapter, type FmAuthAdapterOptions } from '../../src/index.js';

/** The default fixture's FileMaker account and Claris IDs (documented in the mock's README). */
export const ADMIN = { username: 'admin', password: 'admin-pass' } as const;
export const DEV = {
  clarisId: 'dev@example.com',
  password: 'ClarisID-pass-1',
  extendedPassword: 'Extended-pass-1',
} as const;
export const MFA = { clarisId: 'mfa@example.com', password: 'ClarisID-pass-3' } as const;

/** One mock server per test file, reset before each test; adapters and sessions closed after each. */
export interface AdapterMock {
  readonly server: MockServer;
  readonly control: MockControl;
  readonly endpoints: Readonly<Record<string, string>>;
  /** A session on one of the mock's Data API flavors, closed after the test. */
  session(options: Partial<DataApiSessionOptions> & Pick<DataApiSessionOptions, 'strategy'>): DataApiSession;
  /** An adapter, closed after the test. */
  adapter(options: FmAuthAdapterOptions): FmAuthAdapter;
  /** An adapter on the FileMaker Server flavor with the fixture's admin account. */
  fmsAdapter(options?: Partial<DataApiSessionOptions>): FmAuthAdapter;
  /** `/stats` of one service: `filemakerServer`, `filemakerCloud`, `clarisServer`, `cognito`. */
  stats(service: string): Promise<Record<string, number>>;
}

export function useAdapterMock(): AdapterMock {
  let server: MockServer | undefined;
  const closables: Array<{ close(): Promise<void> }> = [];
  const need = (): MockServer => {
    if (!server) throw new Error('the mock has not started');
    return server;
  };
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => mockControl(need().endpoints.control as string).reset());
  afterEach(async () => {
    await Promise.all(closables.splice(0).map((item) => item.close()));
  });

  const env: AdapterMock = {
    get server() {
      return need();
    },
    get control() {
      return mockControl(need().endpoints.control as string);
    },
    get endpoints() {
      return need().endpoints;
    },
    session(options) {
      const session = createDataApiSession({
        baseUrl: env.endpoints.filemakerServer as string,
        database: 'Contacts',
        ...options,
      });
      closables.push(session);
      return session;
    },
    adapter(options) {
      const adapter = new FmAuthAdapter(options);
      closables.push(adapter);
      return adapter;
    },
    fmsAdapter(options = {}) {
      return env.adapter({
        baseUrl: env.endpoints.filemakerServer as string,
        database: 'Contacts',
        strategy: fileMakerServer(ADMIN),
        ...options,
      });
    },
    async stats(service) {
      return (await env.control.stats())[service] as Record<string, number>;
    },
  };
  return env;
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the promise resolved');
    },
    (error: unknown) => error,
  );
}
