import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/**
 * A loopback HTTP server that logs in anyone and answers every call with `respond(request)` (a Data API
 * `response`, code 0). It shows exactly what the adapter puts on the wire, for parameters the mock
 * accepts but ignores (portal ranges, script parameters, date formats).
 */
export async function startRecordingServer(respond: (req: RecordedRequest) => unknown = () => ({})) {
  const calls: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (response: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ response, messages: [{ code: '0', message: 'OK' }] }));
      };
      if (req.method === 'POST' && url.pathname.endsWith('/sessions')) {
        send({ token: 'recorded-token' }, { 'x-fm-data-access-token': 'recorded-token' });
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
