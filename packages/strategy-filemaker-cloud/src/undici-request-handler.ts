import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { readCapped } from './read-capped.js';

/** The parts of the SDK's (smithy) HTTP request this handler reads. */
interface SdkHttpRequest {
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string | string[] | null>;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/**
 * An AWS SDK v3 request handler that sends through an undici dispatcher instead of `node:http`, so
 * Cognito traffic uses the same transport as the rest of fmauth: undici's `ProxyAgent` for proxies
 * (no extra proxy-agent dependency), its timeouts and its connection pooling. Per call it costs about
 * the same CPU as the SDK's own handler or a little less; the SDK's middleware dominates either way.
 * The SDK treats any object with `statusCode`, `headers` and a Readable `body` as its HttpResponse.
 * Cognito's answers are a few kilobytes: the body is read here, up to `maxResponseBytes`, and handed
 * to the SDK as a finished stream, so an endless answer cannot fill memory.
 */
export function undiciRequestHandler(dispatcher: Dispatcher, timeoutMs: number, maxResponseBytes: number) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkHttpRequest, options: { abortSignal?: AbortSignal } = {}) {
      const origin = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
      const res = await dispatcher.request({
        origin,
        path: request.path + queryString(request.query),
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body ?? null,
        signal: options.abortSignal ?? null,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = await readCapped(res.body, {
        endpoint: `Cognito ${request.method} ${request.path}`,
        maxBytes: maxResponseBytes,
        option: 'cognito.maxResponseBytes',
        status: res.statusCode,
        contentLength: res.headers['content-length'],
      });
      return {
        response: {
          statusCode: res.statusCode,
          headers,
          body: Readable.from([body], { objectMode: false }),
        },
      };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
    destroy(): void {
      // The dispatcher is shared with other clients of the same settings; it is never closed here.
    },
  };
}

function queryString(query: SdkHttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
