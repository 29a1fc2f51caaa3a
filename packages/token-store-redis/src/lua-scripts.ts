import { createHash } from 'node:crypto';
import type { RedisClientLike, RedisCommandOptionsLike } from './client-like.js';

/** A Lua script and its SHA-1, the name Redis caches it under for EVALSHA. */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

function lua(source: string): LuaScript {
  return Object.freeze({ source, sha1: createHash('sha1').update(source).digest('hex') });
}

// Each script compares before it writes in one atomic step: no other client runs between the GET and the
// write. GET of a missing key is `false` in Lua, never equal to a string. Only GET, SET, DEL and PEXPIRE
// are called, all present in Redis 6.2+, 7 and Valkey.

/** KEYS[1] value key, KEYS[2] lock key; ARGV[1] value, ARGV[2] fence, ARGV[3] ttl ms. 1 written, 0 refused. */
export const SET_IF_LOCK_HELD = lua(
  "if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) return 1 end return 0",
);

/** KEYS[1]; ARGV[1] expected value. 1 deleted, 0 when the key holds something else or nothing. */
export const DELETE_IF_EQUALS = lua(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
);

/** KEYS[1]; ARGV[1] expected value, ARGV[2] ttl ms. 1 when the expiry was reset. */
export const EXPIRE_IF_EQUALS = lua(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
);

/**
 * Runs a script by its SHA-1 and sends the source only when Redis does not have it cached yet
 * (NOSCRIPT: first use, after a restart or a SCRIPT FLUSH). EVAL caches it for the next EVALSHA.
 */
export async function runScript(
  client: RedisClientLike,
  script: LuaScript,
  keys: readonly string[],
  args: readonly string[],
  options: RedisCommandOptionsLike,
): Promise<unknown> {
  const tail = [String(keys.length), ...keys, ...args];
  try {
    return await client.sendCommand(['EVALSHA', script.sha1, ...tail], options);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.sendCommand(['EVAL', script.source, ...tail], options);
  }
}
