import type { RedisClientLike } from './client-like.js';
import type { Connection } from './connection.js';
import { StoreStateError } from './errors.js';

/**
 * A client the app created and owns. The store never connects, reconnects or closes it: the app
 * decides its options and lifecycle. Calls reject with a clear message while it is not open.
 */
export class BorrowedConnection implements Connection {
  readonly #client: RedisClientLike;
  #closed = false;
  // node-redis throws 'error' events when nobody listens, which would crash the app's process on the
  // first network blip; this listener keeps it alive and is removed again by close().
  readonly #onError = (): void => {};

  constructor(client: RedisClientLike) {
    this.#client = client;
    client.on('error', this.#onError);
  }

  async acquire(): Promise<RedisClientLike> {
    if (this.#closed) throw closedError();
    if (!this.#client.isOpen) {
      throw new StoreStateError(
        'The Redis client passed to redisTokenStore({ client }) is not connected: call `await client.connect()` first. The store never opens or closes a client it was given.',
      );
    }
    return this.#client;
  }

  commandTimedOut(): void {
    // Not ours to reset: the app's client keeps its own reconnect behaviour.
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.off('error', this.#onError);
  }
}

export function closedError(): StoreStateError {
  return new StoreStateError('The Redis token store was closed with close(); create a new one.');
}
