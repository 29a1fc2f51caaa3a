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
  /**
   * Also answer at the real hosts that clients hard-code, so an unchanged client runs in-process
   * against the simulation: Cognito at `https://cognito-idp.{region}.amazonaws.com/` (the fixture's
   * pool region), Claris ID discovery at `https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json`,
   * and FileMaker Cloud at `https://{fileMakerCloudHost}`. `true` for the defaults. Default: off.
   */
  readonly realHosts?: boolean | RealHostsOptions;
}

/** Where {@link MockHandlersOptions.realHosts} answers. */
export interface RealHostsOptions {
  /** The FileMaker Cloud host name to answer at. Default `fmauth-mock.account.filemaker-cloud.com`. */
  readonly fileMakerCloudHost?: string;
}

/** The real-host URLs the handlers answer at (with `realHosts`), by service key. */
export interface RealHostEndpoints {
  /** `https://cognito-idp.{region}.amazonaws.com` */
  readonly cognito: string;
  /** `https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json` */
  readonly clarisIdDiscovery: string;
  /** `https://{fileMakerCloudHost}` */
  readonly filemakerCloud: string;
}

export const DEFAULT_FILEMAKER_CLOUD_HOST = 'fmauth-mock.account.filemaker-cloud.com';
const DISCOVERY_URL = 'https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json';

/** msw handlers plus the mock behind them and its endpoints. */
export interface MockHandlers {
  readonly handlers: RequestHandler[];
  readonly mock: Mock;
  readonly endpoints: Record<string, string>;
  /** With `realHosts`: the real URLs answered too. */
  readonly realEndpoints?: RealHostEndpoints;
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
  const handler = http.all(`${baseUrl}/*`, ({ request }) => answer(mock, request));
  const readiness = mock.readiness(baseUrl);
  if (!options.realHosts) return { handlers: [handler], mock, endpoints: readiness.endpoints };

  const real = realHostEndpoints(readiness, options.realHosts === true ? {} : options.realHosts);
  // Each real host maps onto the prefix of the service that simulates it.
  const realHandlers = [
    http.all(`${real.cognito}/*`, ({ request }) =>
      answer(mock, request, { prefix: prefixOf(mock, 'cognito'), base: real.cognito }),
    ),
    http.all(real.clarisIdDiscovery, ({ request }) =>
      answer(mock, request, {
        prefix: prefixOf(mock, 'clarisIdDiscovery'),
        base: 'https://www.ifmcloud.com',
      }),
    ),
    http.all(`${real.filemakerCloud}/*`, ({ request }) =>
      answer(mock, request, { prefix: prefixOf(mock, 'filemakerCloud'), base: real.filemakerCloud }),
    ),
  ];
  return { handlers: [...realHandlers, handler], mock, endpoints: readiness.endpoints, realEndpoints: real };
}

function realHostEndpoints(readiness: Record<string, unknown>, options: RealHostsOptions): RealHostEndpoints {
  const region = (readiness.cognito as { region?: unknown } | undefined)?.region;
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new TypeError(
      'createMockHandlers({ realHosts }): the fixture has no Cognito pool region to answer at',
    );
  }
  const host = options.fileMakerCloudHost ?? DEFAULT_FILEMAKER_CLOUD_HOST;
  if (!/^[a-z0-9.-]+$/i.test(host) || host.startsWith('.') || host.endsWith('.')) {
    throw new TypeError(
      `createMockHandlers({ realHosts }): fileMakerCloudHost must be a host name, got "${host}"`,
    );
  }
  return {
    cognito: `https://cognito-idp.${region}.amazonaws.com`,
    clarisIdDiscovery: DISCOVERY_URL,
    filemakerCloud: `https://${host}`,
  };
}

/** The mounted prefix of a service (a mock built without it cannot answer at its real host). */
function prefixOf(mock: Mock, key: string): string {
  const service = mock.services.find((candidate) => candidate.key === key);
  if (!service) throw new TypeError(`createMockHandlers({ realHosts }): the mock has no "${key}" service`);
  return service.prefix;
}

/**
 * One request through the mock core: as sent, or (at a real host) placed under the simulating
 * service's prefix, with `base` telling the service which URL the client called.
 */
async function answer(
  mock: Mock,
  request: Request,
  realHost?: { readonly prefix: string; readonly base: string },
): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const response = await mock.handle({
    method: request.method.toUpperCase(),
    path: `${realHost?.prefix ?? ''}${url.pathname}`,
    query: url.searchParams,
    headers,
    body: Buffer.from(await request.arrayBuffer()),
    origin: url.origin,
    ...(realHost ? { base: realHost.base } : {}),
  });
  if (response.transport) return transportFault(request, response.transport);
  const body =
    response.body === undefined
      ? null
      : typeof response.body === 'string'
        ? response.body
        : new Uint8Array(response.body);
  return new HttpResponse(body, { status: response.status, headers: response.headers });
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
