import { UnexpectedResponseError } from '@fmauth/core';
import { type Dispatcher, request } from 'undici';
import { type ClarisUserPool, isClientId, isUserPoolId, regionOfPool } from './claris-pool.js';
import { readCapped } from './read-capped.js';
import type { ResolvedDiscovery } from './resolve-options.js';

/** Why discovery gave no pool settings, worded for the `pool-discovery-failed` event. */
export class PoolDiscoveryFailure extends Error {
  override readonly name = 'PoolDiscoveryFailure';
}

/**
 * Reads Claris's user-pool document, shaped
 * `{"errcode":"Ok","data":{"Region","UserPool_ID","Client_ID",…}}`, through the session's dispatcher
 * (so its proxy and TLS settings apply). Throws {@link PoolDiscoveryFailure} for anything else. The
 * region is taken from the pool id, which is what Cognito goes by (Claris's docs say `Region` is not
 * used for authentication).
 */
export async function discoverPool(
  discovery: ResolvedDiscovery,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<ClarisUserPool> {
  const budget = AbortSignal.timeout(discovery.timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await request(discovery.url, {
      method: 'GET',
      dispatcher,
      headers: { accept: 'application/json' },
      headersTimeout: discovery.timeoutMs,
      bodyTimeout: discovery.timeoutMs,
      signal: AbortSignal.any([signal, budget]),
    });
    status = res.statusCode;
    if (status !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new PoolDiscoveryFailure(`HTTP ${status}`);
    }
    // Stops reading at the limit: a larger answer is not the few-hundred-byte pool document.
    const body = await readCapped(res.body, {
      endpoint: `GET ${discovery.url.href}`,
      maxBytes: discovery.maxResponseBytes,
      option: 'discovery.maxResponseBytes',
      status,
      contentLength: res.headers['content-length'],
    });
    text = body.toString('utf8');
  } catch (error) {
    if (error instanceof PoolDiscoveryFailure) throw error;
    if (error instanceof UnexpectedResponseError) {
      throw new PoolDiscoveryFailure(
        `the answer is larger than ${discovery.maxResponseBytes} bytes (discovery.maxResponseBytes), too large to be the pool document`,
      );
    }
    if (signal.aborted) throw signal.reason;
    if (budget.aborted || isUndiciTimeout(error)) {
      throw new PoolDiscoveryFailure(`no answer within ${discovery.timeoutMs} ms`, { cause: error });
    }
    const code = (error as { code?: string }).code;
    throw new PoolDiscoveryFailure(`request failed (${code ?? (error as Error).name})`, { cause: error });
  }
  return parsePoolDocument(text);
}

/** Checks Claris's document field by field; every miss names what was wrong. */
export function parsePoolDocument(text: string): ClarisUserPool {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PoolDiscoveryFailure('the answer is not JSON');
  }
  const { errcode, data } = (typeof doc === 'object' && doc !== null ? doc : {}) as {
    errcode?: unknown;
    data?: { UserPool_ID?: unknown; Client_ID?: unknown };
  };
  if (errcode !== 'Ok') throw new PoolDiscoveryFailure(`errcode is ${describe(errcode)}, not "Ok"`);
  if (typeof data !== 'object' || data === null)
    throw new PoolDiscoveryFailure('the answer has no data object');
  if (!isUserPoolId(data.UserPool_ID))
    throw new PoolDiscoveryFailure('data.UserPool_ID is missing or malformed');
  if (!isClientId(data.Client_ID)) throw new PoolDiscoveryFailure('data.Client_ID is missing or malformed');
  return Object.freeze({
    userPoolId: data.UserPool_ID,
    clientId: data.Client_ID,
    region: regionOfPool(data.UserPool_ID),
  });
}

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/** A short, safe rendering of an unexpected JSON value for a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return String(JSON.stringify(value)).slice(0, 60);
}
