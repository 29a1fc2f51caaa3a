/**
 * What the store needs from a node-redis client: the subset of `RedisClientType` (`redis` 5+,
 * `@redis/client` 5+) that it uses. Structural, so a client from the app's own copy of `redis` (another
 * version than ours) fits without type clashes.
 */
export interface RedisClientLike {
  /** True from `connect()` until `close()`/`destroy()`, also while reconnecting. */
  readonly isOpen: boolean;
  /** True while the connection is up and the handshake done. */
  readonly isReady: boolean;
  sendCommand(args: readonly string[], options?: RedisCommandOptionsLike): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  /** Read only to learn which password to scrub from messages. */
  readonly options?: { readonly url?: string; readonly password?: string } | undefined;
}

/** The per-command options of node-redis the store passes. */
export interface RedisCommandOptionsLike {
  readonly abortSignal?: AbortSignal;
  /** `{}` asks for node-redis's default reply types (strings, numbers), whatever the client's own mapping. */
  readonly typeMapping?: object;
}
