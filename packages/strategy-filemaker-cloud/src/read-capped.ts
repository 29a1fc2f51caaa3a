import { responseTooLargeError } from '@fmauth/core';
import { STRATEGY_ID } from './hints.js';

/** What {@link readCapped} needs of an undici response body. */
interface Body extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/** Where the answer came from and which option sets its limit, for the error. */
export interface CapContext {
  readonly endpoint: string;
  readonly maxBytes: number;
  /** e.g. `cognito.maxResponseBytes`. */
  readonly option: string;
  readonly status: number;
  readonly contentLength: string | string[] | undefined;
}

/**
 * Reads a whole response body, but no more than `maxBytes`: a `Content-Length` above it fails before
 * anything is read, and a body that grows past it is destroyed (the connection dropped) at once. Fails
 * with an `UnexpectedResponseError` naming the endpoint, the limit and the option to raise.
 */
export async function readCapped(body: Body, ctx: CapContext): Promise<Buffer> {
  const declared = Number(Array.isArray(ctx.contentLength) ? ctx.contentLength[0] : ctx.contentLength);
  if (declared > ctx.maxBytes) {
    const error = tooLarge(ctx, `declares ${declared} bytes (Content-Length)`);
    body.destroy(error);
    throw error;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (length > ctx.maxBytes) {
      const error = tooLarge(ctx, 'sent more');
      body.destroy(error);
      throw error;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

function tooLarge(ctx: CapContext, how: string) {
  const { endpoint, status, maxBytes, option } = ctx;
  return responseTooLargeError({ endpoint, status, maxBytes, option, how, strategyId: STRATEGY_ID });
}
