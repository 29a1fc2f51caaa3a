import { InvalidArgumentError, isSecret, type Secret } from '@fmauth/core';
import type { RedisClientLike } from './client-like.js';

/** Options of {@link redisTokenStore}. Give exactly one of `url` and `client`. */
export interface RedisTokenStoreOptions {
  /**
   * Where Redis listens: `redis://[user:password@]host[:port][/db]`, or `rediss://…` for TLS (the
   * server certificate is checked against Node's CA store). The store creates its own client from it,
   * connects on the first call (creating the store does no I/O), reconnects in the background, and
   * closes it in `close()`. A `Secret` from `@fmauth/core` is accepted too. No default.
   */
  readonly url?: string | Secret<string>;
  /**
   * An open client of `redis` 5+ or `@redis/client` 5+ the app already owns. The store only sends
   * commands on it: it never connects, reconnects or closes it, and calls reject with a clear message
   * while it is not connected (call `await client.connect()` first). The store adds a no-op `'error'`
   * listener while it is open so a Redis outage cannot crash the process. Its `keyPrefix`, if any, is not
   * applied (the store sends raw commands and uses its own `keyPrefix`). No default.
   */
  readonly client?: RedisClientLike;
  /**
   * Prepended to every key and lock name the store writes, so several apps (or environments) can share
   * one Redis database. Default `'fmauth:'`.
   */
  readonly keyPrefix?: string;
  /**
   * Milliseconds a call may wait for a connection (TCP, TLS and AUTH) before it rejects with a
   * `TimeoutError` (phase `connect`). Applies to clients the store creates from `url`. Default `2000`.
   */
  readonly connectTimeoutMs?: number;
  /**
   * Milliseconds a command may take before the call rejects with a `TimeoutError` (phase `request`).
   * A store-created connection that misses it while open is replaced. Default `1000`.
   */
  readonly commandTimeoutMs?: number;
}

export const DEFAULT_KEY_PREFIX = 'fmauth:';
export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

export type ResolvedOptions = {
  readonly keyPrefix: string;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
} & (
  | { readonly url: string; readonly client?: undefined }
  | { readonly url?: undefined; readonly client: RedisClientLike }
);

/** Checks the options synchronously, where they are given. Messages never include the URL. */
export function resolveOptions(options: unknown): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'redisTokenStore takes an options object with "url" or "client"',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const { url, client, keyPrefix, connectTimeoutMs, commandTimeoutMs } = options as RedisTokenStoreOptions;
  const hasUrl = url !== undefined && url !== null;
  const hasClient = client !== undefined && client !== null;
  if (hasUrl === hasClient) {
    throw new InvalidArgumentError(
      hasUrl
        ? 'redisTokenStore takes "url" or "client", not both'
        : 'redisTokenStore needs "url" (e.g. process.env.REDIS_URL) or "client" (a connected node-redis client)',
    );
  }
  if (keyPrefix !== undefined && typeof keyPrefix !== 'string') {
    throw new InvalidArgumentError('"keyPrefix" must be a string', 'ERR_INVALID_ARG_TYPE');
  }
  const common = {
    keyPrefix: keyPrefix ?? DEFAULT_KEY_PREFIX,
    connectTimeoutMs: milliseconds(connectTimeoutMs, 'connectTimeoutMs', DEFAULT_CONNECT_TIMEOUT_MS),
    commandTimeoutMs: milliseconds(commandTimeoutMs, 'commandTimeoutMs', DEFAULT_COMMAND_TIMEOUT_MS),
  };
  if (hasUrl) {
    const text = isSecret(url) ? url.reveal() : url;
    if (typeof text !== 'string' || text === '') {
      throw new InvalidArgumentError('"url" must be a non-empty string', 'ERR_INVALID_ARG_TYPE');
    }
    return { ...common, url: text };
  }
  return { ...common, client: checkClient(client) };
}

function milliseconds(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2 ** 31 - 1) {
    throw new InvalidArgumentError(
      `"${name}" must be a positive number of milliseconds, got ${String(value)}`,
    );
  }
  return Math.ceil(value);
}

function checkClient(client: unknown): RedisClientLike {
  const c = client as Record<string, unknown>;
  if (typeof client !== 'object') {
    throw new InvalidArgumentError('"client" must be a node-redis client object', 'ERR_INVALID_ARG_TYPE');
  }
  if (typeof c.call === 'function' && typeof c.status === 'string' && !('isOpen' in c)) {
    throw new InvalidArgumentError(
      '"client" looks like an ioredis client, which the store does not drive: pass "url" instead (the store then keeps its own small connection), or a node-redis client',
    );
  }
  if (typeof c.getSlotMaster === 'function' || 'masters' in c) {
    throw new InvalidArgumentError(
      '"client" is a Redis Cluster client: the store needs one primary (its fenced write reads a lock and writes a value in one script). Pass a client for a single Redis or Valkey',
    );
  }
  for (const method of ['sendCommand', 'on', 'off'] as const) {
    if (typeof c[method] !== 'function') {
      throw new InvalidArgumentError(
        `"client" must be a node-redis client (createClient() from 'redis' or '@redis/client'); it has no ${method}()`,
        'ERR_INVALID_ARG_TYPE',
      );
    }
  }
  if (typeof c.isOpen !== 'boolean') {
    throw new InvalidArgumentError(
      "\"client\" must be a node-redis client (createClient() from 'redis' or '@redis/client'); it has no isOpen",
      'ERR_INVALID_ARG_TYPE',
    );
  }
  return client as RedisClientLike;
}
