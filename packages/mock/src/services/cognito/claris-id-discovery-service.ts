import { htmlResponse, jsonResponse, type MockRequest, type MockResponse } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { exactSegments, type RouteAnswer, RouteTable } from '../../core/route-table.js';
import type { CognitoOptions } from '../../fixture/sections/cloud.js';

/** Where www.ifmcloud.com's pool configuration lives, below the service's prefix. */
export const DISCOVERY_PATH = '/endpoint/userpool/2.2.0.my.claris.com.json';

/**
 * Claris's user-pool discovery JSON (www.ifmcloud.com), in its published shape, pointing at the
 * simulated pool. The `cognito.discovery` switch makes it unavailable or answer an error, so a
 * client's fallback to the built-in defaults can be tested.
 */
export class ClarisIdDiscoveryService implements MockService {
  readonly key = 'clarisIdDiscovery';
  readonly prefix = '/ifmcloud';
  readonly #options: () => CognitoOptions;
  #counters = { requests: 0 };

  constructor(options: () => CognitoOptions) {
    this.#options = options;
  }

  handle(req: MockRequest): RouteAnswer {
    this.#counters.requests++;
    // The CDN matches the file's path byte for byte: no decoding, no case folding, no trailing "/".
    return this.#routes.dispatch(req, exactSegments(req.path));
  }

  readonly #routes = new RouteTable([{ method: 'GET', path: DISCOVERY_PATH, handle: () => this.#pool() }], {
    caseSensitive: true,
    // A CDN answers any other path, and any other method on this one, with its 404 page.
    notFound: notFoundPage,
    methodNotAllowed: notFoundPage,
  });

  #pool(): MockResponse {
    const { discovery, userPoolId, clientId } = this.#options();
    if (discovery === 'unavailable') {
      return htmlResponse(
        503,
        '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>',
      );
    }
    if (discovery === 'error') {
      return jsonResponse(200, { errcode: 'Error', errmessage: 'Internal error', data: null, csrid: null });
    }
    return jsonResponse(200, {
      errcode: 'Ok',
      errmessage: null,
      data: {
        Region: userPoolId.split('_')[0],
        UserPool_ID: userPoolId,
        Client_ID: clientId,
        API_Host: 'api-cp-global.ifmcloud.com/2-2',
        FCC_Host: 'console.claris.com',
      },
      csrid: null,
    });
  }

  stats(): Record<string, number> {
    return { ...this.#counters };
  }

  reset(): void {
    this.#counters = { requests: 0 };
  }

  /** `endpoints.clarisIdDiscovery` is the full JSON URL, ready to fetch. */
  readiness(baseUrl: string): Record<string, unknown> {
    return { endpoints: { clarisIdDiscovery: `${baseUrl}${this.prefix}${DISCOVERY_PATH}` } };
  }
}

function notFoundPage(): MockResponse {
  return htmlResponse(
    404,
    '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
  );
}
