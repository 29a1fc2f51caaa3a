import { request } from 'undici';
import { type MockServer, type StartMockServerOptions, startMockServer } from '../src/index.js';

/** One raw HTTP exchange with the mock, as a third-party client would make it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** One raw HTTP exchange with a full URL. */
export async function rawCall(
  url: string,
  method: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const res = await request(url, {
    method: method as 'GET',
    headers: options.headers ?? {},
    body: options.body ?? null,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** One raw HTTP exchange with `path` below a base URL. */
export function http(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return rawCall(`${base}${path}`, method, options);
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Starts a mock for one test file; returns helpers bound to its FileMaker Server flavor. */
export function useMock(options: StartMockServerOptions = {}) {
  let server: MockServer | undefined;
  const ctx = {
    get server(): MockServer {
      if (!server) throw new Error('mock not started');
      return server;
    },
    get base(): string {
      return ctx.server.endpoints.filemakerServer as string;
    },
    async start() {
      server = await startMockServer(options);
    },
    async stop() {
      await server?.close();
    },
    call(method: string, path: string, opts?: { headers?: Record<string, string>; body?: string | Buffer }) {
      return http(ctx.base, method, path, opts);
    },
    async login(
      user = 'admin',
      password = 'admin-pass',
      database = 'Contacts',
      version = 'vLatest',
    ): Promise<string> {
      const res = await ctx.call('POST', `/fmi/data/${version}/databases/${database}/sessions`, {
        headers: { authorization: basic(user, password), 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
      return res.json.response.token;
    },
    stats() {
      return ctx.server.mock.stats().filemakerServer as Record<string, number>;
    },
  };
  return ctx;
}
