import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The session token the server hands out. */
export const RECORDED_TOKEN = 'recorded-token-5f1c9a';

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** A Data API answer: `response` with code 0 by default, or an error `code` and `message` with `status`. */
export interface RecordedAnswer {
  readonly response?: unknown;
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
}

/**
 * A loopback HTTP server that logs in anyone and answers every call with `respond(request)`. It shows exactly what the adapter puts on the wire, for parameters the mock
 * accepts but ignores (portal ranges, script parameters, date formats).
 */
export async function startRecordingServer(respond: (req: RecordedRequest) => RecordedAnswer = () => ({})) {
  const calls: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (answer: RecordedAnswer, headers: Record<string, string> = {}) => {
        const { response = {}, status = 200, code = '0', message = 'OK' } = answer;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ response, messages: [{ code, message }] }));
      };
      if (req.method === 'POST' && url.pathname.endsWith('/sessions')) {
        send({ response: { token: RECORDED_TOKEN } }, { 'x-fm-data-access-token': RECORDED_TOKEN });
        return;
      }
      const prefix = '/fmi/data/vLatest/databases/Contacts/';
      const call: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      calls.push(call);
      send(respond(call));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
