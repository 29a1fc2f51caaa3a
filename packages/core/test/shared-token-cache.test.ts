import { describe, expect, it } from 'vitest';
import {
  memoryTokenStore,
  SharedTokenCache,
  TimeoutError,
  type TokenCodec,
  type TokenStore,
  type TokenStoreEvent,
} from '../src/index.js';

const codec: TokenCodec<string> = {
  toJSON: (token) => token,
  fromJSON: (json) => (typeof json === 'string' ? json : undefined),
};
const ctx = () => ({ signal: AbortSignal.timeout(1000) });

function cacheOn(store: TokenStore, events: TokenStoreEvent[] = [], lockTtlMs = 5_000) {
  return new SharedTokenCache({
    store,
    key: 'data-api:k',
    codec,
    encryptionKeys: [],
    storeTimeoutMs: 1_000,
    lockTtlMs,
    clock: Date.now,
    emit: (event) => events.push(event),
  });
}

const obtain = (cache: SharedTokenCache<string>, produce: () => Promise<string>, budgetMs = 5_000) =>
  cache.obtain({
    signal: AbortSignal.timeout(budgetMs),
    budgetMs,
    usable: (token) => token !== 'stale',
    produce: async () => ({ token: await produce(), ttlMs: 60_000 }),
  });

describe('SharedTokenCache', () => {
  it('one cache produces while another waits for its token', async () => {
    const store = memoryTokenStore();
    let produced = 0;
    const slow = async () => {
      produced++;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 'token-1';
    };
    const events: TokenStoreEvent[] = [];
    const [a, b] = await Promise.all([obtain(cacheOn(store), slow), obtain(cacheOn(store, events), slow)]);
    expect(produced).toBe(1);
    expect([a.token, b.token]).toEqual(['token-1', 'token-1']);
    expect([a.source, b.source].sort()).toEqual(['login', 'waited']);
    expect(events).toEqual([{ type: 'shared-token', store: 'memory', waitedMs: expect.any(Number) }]);
  });

  it('a dead holder (its lock never released) delays the others by the lock TTL only', async () => {
    const store = memoryTokenStore();
    await store.acquireLock?.('data-api:k:lock', 300, ctx());
    const started = Date.now();
    const got = await obtain(cacheOn(store), async () => 'mine');
    expect(got).toMatchObject({ token: 'mine', source: 'login' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a holder whose lock was taken over keeps its token but does not overwrite the new one', async () => {
    const store = memoryTokenStore();
    const cache = cacheOn(store, [], 100);
    const got = await obtain(cache, async () => {
      // This process stalls (a long GC pause, a blocked event loop) past the lock's TTL, so not even the
      // heartbeat runs; meanwhile another process takes the expired lock and writes its token.
      const until = Date.now() + 250;
      while (Date.now() < until) {}
      const lock = await store.acquireLock?.('data-api:k:lock', 5_000, ctx());
      await store.set('data-api:k', '{"other":1}', { ttlMs: 60_000, ...(lock ? { lock } : {}) }, ctx());
      return 'late';
    });
    expect(got).toEqual({ token: 'late', stored: undefined, source: 'login' });
    expect(await store.get('data-api:k', ctx())).toBe('{"other":1}');
  });

  it('a sign-in that ignores its signal still ends with a TimeoutError within the budget', async () => {
    const cache = cacheOn(memoryTokenStore());
    const started = Date.now();
    await expect(obtain(cache, () => new Promise<string>(() => {}), 200)).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('waiting past the budget for another holder is a TimeoutError that says why', async () => {
    const store = memoryTokenStore();
    await store.acquireLock?.('data-api:k:lock', 60_000, ctx());
    const error = await obtain(cacheOn(store), async () => 'never', 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String(error)).toMatch(/another process/);
  });

  it('an unusable stored value is reported once, not on every poll of a wait', async () => {
    const store = memoryTokenStore();
    await store.set('data-api:k', 'garbage', { ttlMs: 60_000 }, ctx());
    const lock = await store.acquireLock?.('data-api:k:lock', 400, ctx());
    expect(lock).toBeDefined();
    const events: TokenStoreEvent[] = [];
    await obtain(cacheOn(store, events), async () => 'fresh');
    expect(events.filter((event) => event.type === 'store-value-discarded')).toHaveLength(1);
  });

  it('discard removes only the very token it was given', async () => {
    const store = memoryTokenStore();
    const cache = cacheOn(store);
    const first = await obtain(cache, async () => 'one');
    await store.set('data-api:k', 'replaced', { ttlMs: 60_000 }, ctx());
    await cache.discard(first);
    expect(await store.get('data-api:k', ctx())).toBe('replaced');
  });
});
