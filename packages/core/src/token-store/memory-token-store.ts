import { randomBytes } from 'node:crypto';
import { assertOptionalPositiveNumber, InvalidArgumentError } from '../invalid-argument.js';
import type { TokenStore, TokenStoreLock, TokenStoreSetOptions, TokenStoreSupports } from './token-store.js';

/** Options of {@link memoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /**
   * The most values kept at once; past it the entry closest to expiry is dropped first. Default 10 000,
   * far above what one process needs (one entry per server, database and account).
   */
  readonly maxEntries?: number;
  /** Milliseconds since the epoch; replace in tests to move time. Default `Date.now`. */
  readonly clock?: () => number;
}

interface Entry {
  readonly value: string;
  expiresAt: number;
}

const SUPPORTS: TokenStoreSupports = Object.freeze({ locks: true, crossProcess: false });

/**
 * A {@link TokenStore} in this process's memory: what every session uses when you give it no store.
 * Pass one instance to several sessions (or a session and a `fileMakerCloud` strategy) to let them
 * share tokens and logins inside one process; use `@fmauth/token-store-redis` to share across processes.
 * Locks are honoured within the process, so it passes the whole store contract.
 */
export function memoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('memoryTokenStore takes an options object', 'ERR_INVALID_ARG_TYPE');
  }
  assertOptionalPositiveNumber(options.maxEntries, 'maxEntries');
  const maxEntries = Math.floor(options.maxEntries ?? 10_000);
  const clock = options.clock ?? Date.now;
  const values = new Map<string, Entry>();
  const locks = new Map<string, Entry>();

  const live = (map: Map<string, Entry>, key: string): Entry | undefined => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= clock()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (map: Map<string, Entry>, key: string, value: string, ttlMs: number): void => {
    map.delete(key);
    if (map.size >= maxEntries) evictOne(map, clock());
    map.set(key, { value, expiresAt: clock() + ttlMs });
  };
  const holds = (lock: TokenStoreLock): boolean => live(locks, lock.name)?.value === lock.fence;

  return Object.freeze({
    name: 'memory',
    supports: SUPPORTS,
    async get(key: string) {
      return live(values, key)?.value;
    },
    async set(key: string, value: string, { ttlMs, lock }: TokenStoreSetOptions) {
      if (lock && !holds(lock)) return false;
      put(values, key, value, ttlMs);
      return true;
    },
    async compareAndDelete(key: string, expected: string) {
      if (live(values, key)?.value !== expected) return false;
      values.delete(key);
      return true;
    },
    async touch(key: string, expected: string, ttlMs: number) {
      const entry = live(values, key);
      if (entry?.value !== expected) return false;
      entry.expiresAt = clock() + ttlMs;
      return true;
    },
    async acquireLock(name: string, ttlMs: number) {
      if (live(locks, name)) return undefined;
      const lock = Object.freeze({ name, fence: randomBytes(16).toString('base64url') });
      put(locks, name, lock.fence, ttlMs);
      return lock;
    },
    async extendLock(lock: TokenStoreLock, ttlMs: number) {
      const entry = live(locks, lock.name);
      if (entry?.value !== lock.fence) return false;
      entry.expiresAt = clock() + ttlMs;
      return true;
    },
    async releaseLock(lock: TokenStoreLock) {
      if (holds(lock)) locks.delete(lock.name);
    },
    async close() {
      values.clear();
      locks.clear();
    },
  });
}

/** Drops expired entries, or else the one that expires first. Only runs when the store is full. */
function evictOne(map: Map<string, Entry>, now: number): void {
  const before = map.size;
  let soonest: string | undefined;
  let soonestAt = Number.POSITIVE_INFINITY;
  for (const [key, entry] of map) {
    if (entry.expiresAt <= now) map.delete(key);
    else if (entry.expiresAt < soonestAt) {
      soonest = key;
      soonestAt = entry.expiresAt;
    }
  }
  if (map.size === before && soonest !== undefined) map.delete(soonest);
}
