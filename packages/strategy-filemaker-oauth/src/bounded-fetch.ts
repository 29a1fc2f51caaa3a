import { NetworkError, responseTooLargeError, TimeoutError } from '@fmauth/core';

/** What {@link boundedGet} returns: the status, the headers and the body text (at most `maxBytes`). */
export interface BoundedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface BoundedGetOptions {
  readonly headers?: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly fetch: typeof globalThis.fetch;
  /** `METHOD /path` for errors: never the query, which may carry a tracking id. */
  readonly endpoint: string;
}

/**
 * One GET with a deadline over the whole exchange (headers and body) and a byte cap on the body, no
 * redirects followed (a redirect from FileMaker Server here is an answer to report, not to chase).
 */
export async function boundedGet(url: URL, options: BoundedGetOptions): Promise<BoundedResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const timedOut = () =>
    new TimeoutError(
      `${options.endpoint} took longer than ${options.timeoutMs} ms. Check that the server is up, or raise timeoutMs.`,
      {
        endpoint: options.endpoint,
        timeoutMs: options.timeoutMs,
        phase: 'request',
        strategyId: 'filemaker-oauth',
      },
    );
  let res: Response;
  try {
    res = await options.fetch(url, { headers: options.headers ?? {}, redirect: 'manual', signal });
  } catch (error) {
    if (signal.aborted) throw timedOut();
    throw new NetworkError(
      `${options.endpoint} could not reach the server (${(error as Error)?.message ?? 'unknown'}).`,
      {
        endpoint: options.endpoint,
        strategyId: 'filemaker-oauth',
        cause: error,
      },
    );
  }
  const tooLarge = (status: number, how: string) =>
    responseTooLargeError({
      endpoint: options.endpoint,
      status,
      maxBytes: options.maxBytes,
      option: 'maxResponseBytes',
      how,
      strategyId: 'filemaker-oauth',
    });
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(res.status, `declares ${declared} bytes (Content-Length), more`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body ?? []) {
      total += chunk.byteLength;
      if (total > options.maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw tooLarge(res.status, 'sent more');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (signal.aborted) throw timedOut();
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('FMAUTH_')) throw error;
    throw new NetworkError(`${options.endpoint}: the connection broke while reading the answer.`, {
      endpoint: options.endpoint,
      strategyId: 'filemaker-oauth',
      cause: error,
    });
  }
  return { status: res.status, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') };
}
