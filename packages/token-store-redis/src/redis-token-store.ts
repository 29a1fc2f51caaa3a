import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  InvalidArgumentError,
  TimeoutError,
  type TokenStore,
  type TokenStoreCallContext,
  type TokenStoreLock,
  type TokenStoreSetOptions,
  type TokenStoreSupports,
} from '@fmauth/core';
import { BorrowedConnection } from './borrowed-connection.js';
import type { RedisClientLike, RedisCommandOptionsLike } from './client-like.js';
import type { Connection } from './connection.js';
import { withDeadline } from './deadline.js';
import { ErrorMapper } from './errors.js';
import {
  DELETE_IF_EQUALS,
  EXPIRE_IF_EQUALS,
  type LuaScript,
  runScript,
  SET_IF_LOCK_HELD,
} from './lua-scripts.js';
import { type RedisTokenStoreOptions, resolveOptions } from './options.js';
import { OwnedConnection } from './owned-connection.js';
import { Redactor } from './redact.js';
import { parseRedisUrl } from './redis-url.js';

/** The store {@link redisTokenStore} returns: a full {@link TokenStore} with locks, touch and close. */
export interface RedisTokenStore extends TokenStore {
  readonly name: 'redis';
  readonly supports: TokenStoreSupports;
  touch(key: string, expected: string, ttlMs: number, ctx?: TokenStoreCallContext): Promise<boolean>;
  acquireLock(name: string, ttlMs: number, ctx?: TokenStoreCallContext): Promise<TokenStoreLock | undefined>;
  extendLock(lock: TokenStoreLock, ttlMs: number, ctx?: TokenStoreCallContext): Promise<boolean>;
  releaseLock(lock: TokenStoreLock, ctx?: TokenStoreCallContext): Promise<void>;
  /**
   * Closes the connection the store created from `url` (waiting at most `commandTimeoutMs` for commands
   * in flight); leaves an app-provided `client` open. Idempotent. Later calls reject.
   */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const SUPPORTS: TokenStoreSupports = Object.freeze({ locks: true, crossProcess: true });
// Explicit default reply types, so an app client with its own typeMapping (Buffers…) still gives strings.
const DEFAULT_TYPES = Object.freeze({});

/**
 * A {@link TokenStore} in Redis 6.2+, Redis 7 or Valkey, so every process of an app (serverless
 * instances, pods, workers) shares one FileMaker login. Every operation is one atomic command or Lua
 * script; locks are `SET NX PX` with a random 128-bit fence, and fenced writes, compare-and-delete,
 * touch, extend and release compare in Lua. Calls never hang (connect and command timeouts), never
 * queue while Redis is down, and reject with `@fmauth/core` errors that carry no credentials.
 *
 * @example
 * const tokenStore = redisTokenStore({ url: process.env.REDIS_URL });
 * const session = createDataApiSession({ baseUrl, database, strategy, tokenStore });
 */
export function redisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  return new RedisTokenStoreImpl(options);
}

class RedisTokenStoreImpl implements RedisTokenStore {
  readonly name = 'redis' as const;
  readonly supports = SUPPORTS;
  readonly #connection: Connection;
  readonly #errors: ErrorMapper;
  readonly #keyPrefix: string;
  readonly #commandTimeoutMs: number;

  constructor(options: RedisTokenStoreOptions) {
    const resolved = resolveOptions(options);
    this.#keyPrefix = resolved.keyPrefix;
    this.#commandTimeoutMs = resolved.commandTimeoutMs;
    if (resolved.url !== undefined) {
      const target = parseRedisUrl(resolved.url);
      const redactor = new Redactor([resolved.url, target.password]);
      this.#errors = new ErrorMapper(target.where, redactor, resolved.connectTimeoutMs);
      this.#connection = new OwnedConnection({
        target,
        connectTimeoutMs: resolved.connectTimeoutMs,
        closeTimeoutMs: resolved.commandTimeoutMs,
      });
    } else {
      const client = resolved.client;
      const redactor = new Redactor([client.options?.url, client.options?.password]);
      this.#errors = new ErrorMapper(describeClient(client, redactor), redactor, resolved.connectTimeoutMs);
      this.#connection = new BorrowedConnection(client);
    }
  }

  async get(key: string, ctx?: TokenStoreCallContext): Promise<string | undefined> {
    const redisKey = this.#valueKey(key);
    const reply = await this.#run(ctx, 'GET', (client, options) =>
      client.sendCommand(['GET', redisKey], options),
    );
    if (reply === null || reply === undefined) return undefined;
    return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
  }

  async set(
    key: string,
    value: string,
    options: TokenStoreSetOptions,
    ctx?: TokenStoreCallContext,
  ): Promise<boolean> {
    const redisKey = this.#valueKey(key);
    checkValue(value, 'value');
    const ttl = checkTtl(options?.ttlMs);
    const lock = options.lock;
    if (lock === undefined) {
      await this.#run(ctx, 'SET', (client, o) => client.sendCommand(['SET', redisKey, value, 'PX', ttl], o));
      return true;
    }
    const lockKey = this.#lockKey(checkLock(lock).name);
    return this.#script(ctx, SET_IF_LOCK_HELD, [redisKey, lockKey], [value, lock.fence, ttl]);
  }

  async compareAndDelete(key: string, expected: string, ctx?: TokenStoreCallContext): Promise<boolean> {
    const redisKey = this.#valueKey(key);
    checkValue(expected, 'expected');
    return this.#script(ctx, DELETE_IF_EQUALS, [redisKey], [expected]);
  }

  async touch(key: string, expected: string, ttlMs: number, ctx?: TokenStoreCallContext): Promise<boolean> {
    const redisKey = this.#valueKey(key);
    checkValue(expected, 'expected');
    return this.#script(ctx, EXPIRE_IF_EQUALS, [redisKey], [expected, checkTtl(ttlMs)]);
  }

  async acquireLock(
    name: string,
    ttlMs: number,
    ctx?: TokenStoreCallContext,
  ): Promise<TokenStoreLock | undefined> {
    const lockKey = this.#lockKey(name);
    const ttl = checkTtl(ttlMs);
    // 128 random bits: another holder cannot guess it, so only this holder can extend or release.
    const fence = randomBytes(16).toString('base64url');
    const reply = await this.#run(ctx, 'SET NX', (client, options) =>
      client.sendCommand(['SET', lockKey, fence, 'NX', 'PX', ttl], options),
    );
    return reply === null || reply === undefined ? undefined : Object.freeze({ name, fence });
  }

  async extendLock(lock: TokenStoreLock, ttlMs: number, ctx?: TokenStoreCallContext): Promise<boolean> {
    const lockKey = this.#lockKey(checkLock(lock).name);
    return this.#script(ctx, EXPIRE_IF_EQUALS, [lockKey], [lock.fence, checkTtl(ttlMs)]);
  }

  async releaseLock(lock: TokenStoreLock, ctx?: TokenStoreCallContext): Promise<void> {
    const lockKey = this.#lockKey(checkLock(lock).name);
    await this.#script(ctx, DELETE_IF_EQUALS, [lockKey], [lock.fence]);
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // Only what is safe to print; the client, URL and password live in #private fields.
  toJSON(): object {
    return { name: this.name, supports: this.supports };
  }

  [inspect.custom](): string {
    return `RedisTokenStore { name: 'redis', keyPrefix: ${inspect(this.#keyPrefix)}, redis: ${inspect(this.#errors.where)} }`;
  }

  // Values and locks in separate namespaces: a lock name can never overwrite a value, whatever core passes.
  #valueKey(key: string): string {
    checkName(key, 'key');
    return `${this.#keyPrefix}value:${key}`;
  }

  #lockKey(name: string): string {
    checkName(name, 'lock name');
    return `${this.#keyPrefix}lock:${name}`;
  }

  async #script(
    ctx: TokenStoreCallContext | undefined,
    script: LuaScript,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<boolean> {
    const reply = await this.#run(ctx, 'EVALSHA', (client, options) =>
      runScript(client, script, keys, args, options),
    );
    return Number(reply) === 1;
  }

  /** Gets a client within the connect budget, then runs one command within the command budget. */
  async #run<T>(
    ctx: TokenStoreCallContext | undefined,
    operation: string,
    send: (client: RedisClientLike, options: RedisCommandOptionsLike) => Promise<T>,
  ): Promise<T> {
    const signal = ctx?.signal;
    signal?.throwIfAborted();
    let client: RedisClientLike;
    try {
      client = await this.#connection.acquire(signal);
    } catch (error) {
      throw this.#fail(error, signal);
    }
    try {
      return await withDeadline(
        (abortSignal) => send(client, { abortSignal, typeMapping: DEFAULT_TYPES }),
        this.#commandTimeoutMs,
        signal,
        () => {
          this.#connection.commandTimedOut(client);
          return new TimeoutError(
            `Redis at ${this.#errors.where} did not answer ${operation} within ${this.#commandTimeoutMs} ms.`,
            { phase: 'request', timeoutMs: this.#commandTimeoutMs },
          );
        },
      );
    } catch (error) {
      throw this.#fail(error, signal);
    }
  }

  #fail(error: unknown, signal: AbortSignal | undefined): unknown {
    // Core's own abort reason goes back unchanged: it is core's error, not Redis's.
    if (signal?.aborted && error === signal.reason) return error;
    return this.#errors.map(error);
  }
}

/** `host:port` of an app's client for messages, from its options, scrubbed; never its URL's credentials. */
function describeClient(client: RedisClientLike, redactor: Redactor): string {
  const options = client.options as
    | { url?: unknown; socket?: { host?: unknown; port?: unknown; path?: unknown } }
    | undefined;
  const socket = options?.socket;
  if (typeof socket?.path === 'string') return redactor.scrub(`unix:${socket.path}`);
  if (typeof socket?.host === 'string') {
    return redactor.scrub(`${socket.host}:${typeof socket.port === 'number' ? socket.port : 6379}`);
  }
  if (typeof options?.url === 'string') {
    try {
      const url = new URL(options.url);
      return redactor.scrub(`${url.protocol}//${url.host}`);
    } catch {
      // Fall through: an unparsable URL is not worth echoing.
    }
  }
  return 'the app-provided client';
}

function checkName(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError(
      `the token store ${what} must be a non-empty string`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
}

function checkValue(value: unknown, what: string): void {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`the token store ${what} must be a string`, 'ERR_INVALID_ARG_TYPE');
  }
}

/** Redis wants whole milliseconds; core passes positive integers, anything else is rounded up. */
function checkTtl(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`ttlMs must be a positive number of milliseconds, got ${String(value)}`);
  }
  return String(Math.ceil(value));
}

function checkLock(lock: unknown): TokenStoreLock {
  const l = lock as Partial<TokenStoreLock> | null;
  if (typeof l !== 'object' || l === null || typeof l.name !== 'string' || typeof l.fence !== 'string') {
    throw new InvalidArgumentError(
      'lock must be the { name, fence } object acquireLock resolved',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  return l as TokenStoreLock;
}
