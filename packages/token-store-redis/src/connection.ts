import type { RedisClientLike } from './client-like.js';

/** How the store gets a client for each call; one implementation per ownership model. */
export interface Connection {
  /** A client to send a command on, or a rejection (raw; the store maps and scrubs it). */
  acquire(signal: AbortSignal | undefined): Promise<RedisClientLike>;
  /** A command sent on `client` got no answer within the command timeout. */
  commandTimedOut(client: RedisClientLike): void;
  /** Releases what this connection owns. Idempotent. */
  close(): Promise<void>;
}
