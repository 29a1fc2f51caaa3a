import { memoryTokenStore, type TokenStore } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { describeTokenStoreContract } from '../src/index.js';

// core's in-process store is the reference implementation: it passes every store test, locks included.
describeTokenStoreContract({ name: 'memoryTokenStore (@fmauth/core)', store: () => memoryTokenStore() });

// The kit calls a store the way core does: every call with a live AbortSignal. A spy store records
// any call that breaks that, and the test after the contract checks the record.
const calls = { total: 0, withoutLiveSignal: [] as string[] };
let closes = 0;

function spiedStore(): TokenStore {
  const base = memoryTokenStore();
  const spied: Record<string, unknown> = { ...base };
  for (const [method, fn] of Object.entries(base)) {
    if (typeof fn !== 'function' || method === 'close') continue;
    spied[method] = (...args: unknown[]) => {
      calls.total++;
      const ctx = args.at(-1) as { signal?: unknown } | undefined;
      if (!(ctx?.signal instanceof AbortSignal) || ctx.signal.aborted) calls.withoutLiveSignal.push(method);
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  spied.close = async () => {
    closes++;
    await base.close?.();
  };
  return spied as unknown as TokenStore;
}

describe('the kit calls stores the way core does', () => {
  describeTokenStoreContract({ name: 'spied memory store', store: spiedStore });

  it('passed a live AbortSignal on every store call and closed every store it made', () => {
    expect(calls.total).toBeGreaterThan(100);
    expect(calls.withoutLiveSignal).toEqual([]);
    expect(closes).toBeGreaterThan(40);
  });
});
