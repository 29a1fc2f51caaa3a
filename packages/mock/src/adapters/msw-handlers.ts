import { HttpResponse, http, type RequestHandler } from 'msw';
import { type CreateMockOptions, createMock, type Mock } from '../core/create-mock.js';
import type { TransportFault } from '../core/mock-http.js';

/** Options of {@link createMockHandlers}. */
export interface MockHandlersOptions extends CreateMockOptions {
  /**
   * The origin your code talks to; the handlers answer every request under it. Any host works, since
   * msw intercepts before DNS. Default `http://fmauth.mock`.
   */
  readonly baseUrl?: string;
  /** An existing mock core to serve (e.g. the one behind a running `startMockServer`). */
  readonly mock?: Mock;
}

/** msw handlers plus the mock behind them and its endpoints. */
export interface MockHandlers {
  readonly handlers: RequestHandler[];
  readonly mock: Mock;
  readonly endpoints: Record<string, string>;
}

/**
 * The mock as msw request handlers, for in-process tests of code that uses `fetch`, `node:http` or
 * the AWS SDK. msw cannot see requests made with the `undici` npm package (mswjs/msw#2165); for those
 * (including @fmauth/core itself) use the real server, `startMockServer`.
 *
 * @example
 * const { handlers, endpoints } = createMockHandlers();
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function createMockHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const mock = options.mock ?? createMock(options);
  const baseUrl = (options.baseUrl ?? 'http://fmauth.mock').replace(/\/+$/, '');
  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await mock.handle({
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: Buffer.from(await request.arrayBuffer()),
      origin: url.origin,
    });
    if (response.transport) return transportFault(request, response.transport);
    const body =
      response.body === undefined
        ? null
        : typeof response.body === 'string'
          ? response.body
          : new Uint8Array(response.body);
    return new HttpResponse(body, { status: response.status, headers: response.headers });
  });
  return { handlers: [handler], mock, endpoints: mock.readiness(baseUrl).endpoints };
}

/**
 * msw has no socket to reset or hold: a `reset` becomes a network error (`fetch` rejects with a
 * TypeError), and a `hang` a response that never comes until the request's signal aborts (the client
 * gives up) or the faults are cleared, then a network error.
 */
async function transportFault(request: Request, fault: TransportFault): Promise<Response> {
  if (fault.action === 'hang') {
    const { signal } = request;
    const onAbort = () => fault.abandon();
    if (signal.aborted) fault.abandon();
    else signal.addEventListener('abort', onAbort, { once: true });
    await fault.released;
    signal.removeEventListener('abort', onAbort);
  }
  return HttpResponse.error();
}
