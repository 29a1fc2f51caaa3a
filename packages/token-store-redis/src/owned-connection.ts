import { isIP } from 'node:net';
import { RedisClient } from '@redis/client';
import { RECONNECT_MAX_MS, reconnectDelay } from './backoff.js';
import { closedError } from './borrowed-connection.js';
import type { RedisClientLike } from './client-like.js';
import type { Connection } from './connection.js';
import { ConnectionTimeoutError, isAuthRefusal } from './errors.js';
import type { RedisTarget } from './redis-url.js';

/** The parts of a node-redis client we create that the store drives beyond {@link RedisClientLike}. */
interface OwnedClient extends RedisClientLike {
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'connect' | 'reconnecting', listener: () => void): unknown;
}

interface Waiter {
  resolve(client: OwnedClient): void;
  reject(error: unknown): void;
}

export interface OwnedConnectionOptions {
  readonly target: RedisTarget;
  readonly connectTimeoutMs: number;
  /** How long `close()` waits for in-flight commands before it drops the socket. */
  readonly closeTimeoutMs: number;
}

/**
 * A client the store creates from the URL, on the first call (creating the store does no I/O), and
 * keeps for its lifetime. Never queues: while Redis is down, calls fail fast with the last connection
 * error and node-redis reconnects in the background with capped backoff; the first call after Redis
 * is back succeeds. A connection that stops answering (a frozen server, a silent network) is dropped
 * and replaced, so it cannot hold calls until TCP keep-alive notices minutes later.
 */
export class OwnedConnection implements Connection {
  readonly #target: RedisTarget;
  readonly #connectTimeoutMs: number;
  readonly #closeTimeoutMs: number;
  #client: OwnedClient | undefined;
  readonly #waiters = new Set<Waiter>();
  /** The last connection attempt failed and none has succeeded since. */
  #down = false;
  #lastFailure: unknown;
  /** When the current client last showed a sign of life (an attempt started, failed or succeeded). */
  #lastEventAt = 0;
  /** Clients replaced in a row without one becoming ready: paces the next replacement. */
  #resets = 0;
  #retryAt = 0;
  #closing: Promise<void> | undefined;

  constructor(options: OwnedConnectionOptions) {
    this.#target = options.target;
    this.#connectTimeoutMs = options.connectTimeoutMs;
    this.#closeTimeoutMs = options.closeTimeoutMs;
  }

  async acquire(signal: AbortSignal | undefined): Promise<RedisClientLike> {
    if (this.#closing) throw closedError();
    let client = this.#client;
    if (client?.isReady) return client;
    const now = performance.now();
    // node-redis reports each failed attempt within the connect timeout; this much silence means an
    // attempt is stuck (a handshake sent to a frozen server), so start over with a fresh client.
    if (client && this.#down && now - this.#lastEventAt > this.#connectTimeoutMs + RECONNECT_MAX_MS) {
      this.#reset(client, this.#lastFailure);
      client = undefined;
    }
    // Known down: answer at once instead of making every caller wait out the connect timeout.
    if (this.#down && (client !== undefined || now < this.#retryAt)) throw this.#lastFailure;
    return this.#waitUntilReady(client ?? this.#open(), signal);
  }

  commandTimedOut(client: RedisClientLike): void {
    // Still "ready" yet silent past the deadline: the connection is hung, not merely busy.
    const current = this.#client;
    if (current !== undefined && client === current && current.isReady) {
      this.#reset(current, new Error('Redis stopped answering on an open connection; reconnecting'));
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  #open(): OwnedClient {
    const { host, port, tls, username, password, database } = this.#target;
    const common = {
      host,
      port,
      connectTimeout: this.#connectTimeoutMs,
      // A number keeps node-redis retrying for the store's whole life; giving up would leave a client
      // that stays broken after Redis returns.
      reconnectStrategy: (retries: number, cause: Error) =>
        isAuthRefusal(cause) ? RECONNECT_MAX_MS : reconnectDelay(retries),
    };
    // The bare RedisClient, not createClient(): createClient() first builds a class with a method for
    // each of the ~500 Redis commands (about 150 ms of CPU per process, on every cold start), and the
    // store only ever calls sendCommand().
    const client: OwnedClient = new RedisClient({
      socket: tls ? { ...common, tls: true, servername: isIP(host) ? undefined : host } : common,
      username,
      password,
      database,
      // RESP2 works everywhere (Redis 6.2+, Valkey, proxies without HELLO); our replies are the same in 3.
      RESP: 2,
      // Reject instead of queueing while disconnected: a queued call would wait for Redis to come back.
      disableOfflineQueue: true,
      // Redis Enterprise maintenance hints need an extra handshake command and DNS lookups; not used here.
      maintNotifications: 'disabled',
      clientInfoTag: 'fmauth',
    });
    this.#client = client;
    this.#lastEventAt = performance.now();
    // Always listening: an 'error' event without a listener would crash the process.
    client.on('error', (error) => this.#onError(client, error));
    client.on('ready', () => this.#onReady(client));
    const alive = (): void => {
      if (client === this.#client) this.#lastEventAt = performance.now();
    };
    client.on('connect', alive);
    client.on('reconnecting', alive);
    // Rejects only when we destroy the client; every failed attempt arrives as an 'error' event.
    client.connect().catch(() => {});
    return client;
  }

  #onError(client: OwnedClient, error: Error): void {
    if (client !== this.#client) return;
    this.#lastEventAt = performance.now();
    if (client.isReady) return; // a reply-level problem; the connection itself is fine
    this.#down = true;
    this.#lastFailure = error;
    this.#settle((waiter) => waiter.reject(error));
  }

  #onReady(client: OwnedClient): void {
    if (client !== this.#client) return;
    this.#down = false;
    this.#lastFailure = undefined;
    this.#resets = 0;
    this.#lastEventAt = performance.now();
    this.#settle((waiter) => waiter.resolve(client));
  }

  #waitUntilReady(client: OwnedClient, signal: AbortSignal | undefined): Promise<OwnedClient> {
    if (client.isReady) return Promise.resolve(client);
    return new Promise<OwnedClient>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        resolve: (ready) => {
          cleanup();
          resolve(ready);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.reject(signal?.reason);
      const timer = setTimeout(() => {
        const error = new ConnectionTimeoutError('connect timeout');
        waiter.reject(error);
        if (client === this.#client && !client.isReady) this.#reset(client, error);
      }, this.#connectTimeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Drops `client` for a fresh one on a later call, after a backoff that grows while resets repeat. */
  #reset(client: OwnedClient, failure: unknown): void {
    if (client !== this.#client) return;
    this.#client = undefined;
    this.#down = true;
    this.#lastFailure = failure;
    this.#retryAt = performance.now() + reconnectDelay(this.#resets++);
    this.#settle((waiter) => waiter.reject(failure));
    destroyQuietly(client);
  }

  #settle(action: (waiter: Waiter) => void): void {
    for (const waiter of [...this.#waiters]) action(waiter);
  }

  async #shutdown(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    const closed = closedError();
    this.#settle((waiter) => waiter.reject(closed));
    if (!client) return;
    if (client.isReady) {
      // close() lets in-flight commands finish; a hung server must not hold close() forever.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.close().catch(() => {}),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.#closeTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
    }
    destroyQuietly(client);
  }
}

function destroyQuietly(client: OwnedClient): void {
  try {
    client.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}
