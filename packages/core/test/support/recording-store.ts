import type { TokenStore, TokenStoreCallContext, TokenStoreSetOptions } from '../../src/index.js';

/** A store wrapper for tests: records writes and can be switched to fail (`throws`) or hang (`hangs`). */
export function recordingStore(inner: TokenStore) {
  const writes: Array<{ key: string; value: string }> = [];
  const calls: string[] = [];
  const state = { fault: undefined as 'throws' | 'hangs' | undefined };
  const guard = async (operation: string, ctx: TokenStoreCallContext): Promise<void> => {
    calls.push(operation);
    if (state.fault === 'throws') throw new Error('store is down');
    if (state.fault === 'hangs') {
      // Hangs until the caller gives up, as a store with a dead socket does.
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    }
  };
  const store = {
    name: inner.name,
    supports: inner.supports,
    calls,
    writes,
    get fault() {
      return state.fault;
    },
    set fault(value: 'throws' | 'hangs' | undefined) {
      state.fault = value;
    },
    async get(key: string, ctx: TokenStoreCallContext) {
      await guard('get', ctx);
      return inner.get(key, ctx);
    },
    async set(key: string, value: string, options: TokenStoreSetOptions, ctx: TokenStoreCallContext) {
      await guard('set', ctx);
      const written = await inner.set(key, value, options, ctx);
      if (written) writes.push({ key, value });
      return written;
    },
    async compareAndDelete(key: string, expected: string, ctx: TokenStoreCallContext) {
      await guard('compareAndDelete', ctx);
      return inner.compareAndDelete(key, expected, ctx);
    },
    async touch(key: string, expected: string, ttlMs: number, ctx: TokenStoreCallContext) {
      await guard('touch', ctx);
      return inner.touch!(key, expected, ttlMs, ctx);
    },
    async acquireLock(name: string, ttlMs: number, ctx: TokenStoreCallContext) {
      await guard('acquireLock', ctx);
      return inner.acquireLock?.(name, ttlMs, ctx);
    },
    async extendLock(lock: { name: string; fence: string }, ttlMs: number, ctx: TokenStoreCallContext) {
      await guard('extendLock', ctx);
      return inner.extendLock?.(lock, ttlMs, ctx) ?? false;
    },
    async releaseLock(lock: { name: string; fence: string }, ctx: TokenStoreCallContext) {
      await guard('releaseLock', ctx);
      await inner.releaseLock?.(lock, ctx);
    },
  } satisfies TokenStore & Record<string, unknown>;
  return store;
}
