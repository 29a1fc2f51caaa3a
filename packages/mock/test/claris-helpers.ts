import { type MockServer, type StartMockServerOptions, startMockServer } from '../src/index.js';
import { basic as basicHeader, type RawResponse, rawCall } from './helpers.js';

export { basicHeader, rawCall };
/** One raw HTTP exchange with the mock, as a browser or third-party client would make it. */
export type ClarisRawResponse = RawResponse;

export interface CallOptions {
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** The default fixture's Claris IDs (documented in docs/claris-server.md). */
export const DEV = { email: 'dev@example.com', password: 'ClarisID-pass-1', extended: 'Extended-pass-1' };
export const NEW = { email: 'new@example.com', password: 'ClarisID-pass-2' };

/** A mock for one test file, with calls bound to the Claris Server and Claris Studio flavors. */
export function useClarisMock(options: StartMockServerOptions = {}) {
  let server: MockServer | undefined;
  const ctx = {
    get server(): MockServer {
      if (!server) throw new Error('mock not started');
      return server;
    },
    get clarisServer(): string {
      return ctx.server.endpoints.clarisServer as string;
    },
    get clarisStudio(): string {
      return ctx.server.endpoints.clarisStudio as string;
    },
    get control(): string {
      return ctx.server.endpoints.control as string;
    },
    async start() {
      server = await startMockServer(options);
    },
    async stop() {
      await server?.close();
    },
    call(method: string, path: string, opts?: CallOptions) {
      return rawCall(`${ctx.clarisServer}${path}`, method, opts);
    },
    /** A Data API login on Claris Server with HTTP Basic. */
    dataApiLogin(user: string, password: string, database = 'Contacts') {
      return rawCall(`${ctx.clarisServer}/fmi/data/vLatest/databases/${database}/sessions`, 'POST', {
        headers: { authorization: basicHeader(user, password), 'content-type': 'application/json' },
        body: '{}',
      });
    },
    stats(key = 'clarisServer') {
      return ctx.server.mock.stats()[key] as Record<string, number>;
    },
  };
  return ctx;
}
