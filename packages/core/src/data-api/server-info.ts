import type { Dispatcher } from 'undici';
import type { ServerAddress } from '../base-url.js';
import { type HttpRequest, send } from '../http/send.js';
import type { ResolvedLimits, ResolvedTimeouts } from '../http/transport-options.js';
import type { SecretScrubber } from '../secret-scrubber.js';
import type { AuthStrategy } from '../strategy.js';
import { strategyCredentials } from '../strategy-credentials.js';
import { firstCode, parseEnvelope } from './envelope.js';
import { errorFromResponse } from './error-from-response.js';
import type { DataApiVersion } from './paths.js';

/** `response.productInfo` of `GET /fmi/data/{version}/productInfo`. Newer servers omit `version` and `buildDate`. */
export interface ProductInfo {
  readonly name: string;
  readonly version?: string;
  readonly buildDate?: string;
  readonly dateFormat?: string;
  readonly timeFormat?: string;
  readonly timeStampFormat?: string;
}

/** What the server-level calls need: no session, just a way to reach the server. */
export interface ServerContext {
  readonly address: ServerAddress;
  readonly version: DataApiVersion;
  readonly dispatcher: Dispatcher;
  readonly timeouts: ResolvedTimeouts;
  readonly limits: ResolvedLimits;
  /** Learns the credentials sent, and removes them from server text in errors. */
  readonly scrubber?: SecretScrubber;
}

/** `GET …/productInfo`. Needs no credentials. */
export async function fetchProductInfo(ctx: ServerContext): Promise<ProductInfo> {
  const path = `${ctx.address.prefix}/fmi/data/${ctx.version}/productInfo`;
  const endpoint = `GET ${path}`;
  const res = await send(ctx.dispatcher, request(ctx, path, {}));
  const envelope = parseEnvelope<{ productInfo?: ProductInfo }>(res);
  const info = envelope?.response.productInfo;
  if (res.status === 200 && firstCode(envelope) === '0' && info) return info;
  throw errorFromResponse(res, envelope, { endpoint, phase: 'call', scrubber: ctx.scrubber });
}

/**
 * `GET …/databases`. Servers with "Filter Databases in Client Applications" off answer without
 * credentials; when the server asks for them (401), the strategy's login credentials are sent.
 */
export async function fetchDatabaseNames(ctx: ServerContext, strategy?: AuthStrategy): Promise<string[]> {
  const path = `${ctx.address.prefix}/fmi/data/${ctx.version}/databases`;
  const endpoint = `GET ${path}`;
  let res = await send(ctx.dispatcher, request(ctx, path, {}));
  if (res.status === 401 && strategy) {
    const signal = AbortSignal.timeout(ctx.timeouts.loginMs);
    const credentials = await strategyCredentials(
      strategy,
      { reason: 'initial', api: 'data-api', baseUrl: ctx.address.url, dispatcher: ctx.dispatcher },
      signal,
      ctx.timeouts.loginMs,
    );
    ctx.scrubber?.addCredentials(credentials);
    const headers: Record<string, string> = {};
    if (credentials.authorization) headers.authorization = credentials.authorization.reveal();
    res = await send(ctx.dispatcher, request(ctx, path, headers));
  }
  const envelope = parseEnvelope<{ databases?: Array<{ name: string }> }>(res);
  const list = envelope?.response.databases;
  if (res.status === 200 && firstCode(envelope) === '0' && Array.isArray(list))
    return list.map((db) => db.name);
  throw errorFromResponse(res, envelope, { endpoint, phase: 'login', strategy, scrubber: ctx.scrubber });
}

function request(ctx: ServerContext, path: string, headers: Record<string, string>): HttpRequest {
  return {
    origin: ctx.address.origin,
    path,
    method: 'GET' as const,
    headers,
    timeoutMs: ctx.timeouts.requestMs,
    connectTimeoutMs: ctx.timeouts.connectMs,
    phase: 'request' as const,
    endpoint: `GET ${path}`,
    maxBytes: ctx.limits.controlBytes,
    maxBytesOption: 'limits.controlBytes',
  };
}
