// Public API of @fmauth/token-store-redis. Anything not exported here is internal.
export type { RedisClientLike, RedisCommandOptionsLike } from './client-like.js';
export {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_KEY_PREFIX,
  type RedisTokenStoreOptions,
} from './options.js';
export { type RedisTokenStore, redisTokenStore } from './redis-token-store.js';
