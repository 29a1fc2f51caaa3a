import { beforeAll, describe, expect, it } from 'vitest';
import { describeTokenStoreContract } from '../src/index.js';
import { brokenStores } from './fixtures/broken-stores.js';
import { type FixtureResult, runFixture } from './run-fixture.js';

/** For each broken store: store contract tests it must fail, and one it still passes. */
const EXPECTED: Readonly<Record<keyof typeof brokenStores & string, { fails: string[]; passes: string }>> = {
  'compare-and-delete ignores the value': {
    fails: [
      'keeps a different (newer) value and resolves false',
      'keeps the value when expected is a prefix, an extension or another case of it',
    ],
    passes: 'deletes on an exact match and resolves true',
  },
  'compare-and-delete matches a prefix': {
    fails: ['keeps the value when expected is a prefix, an extension or another case of it'],
    passes: 'keeps a different (newer) value and resolves false',
  },
  'compare-and-delete is not atomic': {
    fails: ['50 concurrent compareAndDelete calls of the same value give exactly one true'],
    passes: 'resolves false the second time',
  },
  'set ignores the ttl': {
    fails: ['a value is readable before its ttl and gone after it'],
    passes: 'set overwrites the previous value',
  },
  'touch ignores the value': {
    fails: ['touch with a different value or a prefix resolves false and does not extend'],
    passes: 'touch on an exact match resolves true and extends the expiry',
  },
  'locks never expire': {
    fails: ['a lock expires by itself after its ttl (a killed holder blocks the others only that long)'],
    passes: 'a second acquireLock resolves undefined while the lock is held',
  },
  'locks let two holders in': {
    fails: [
      'a second acquireLock resolves undefined while the lock is held',
      '50 concurrent acquireLock calls on one name give exactly one lock',
    ],
    passes: 'set with a held lock writes and resolves true',
  },
  'acquireLock is not atomic': {
    fails: ['50 concurrent acquireLock calls on one name give exactly one lock'],
    passes: 'a second acquireLock resolves undefined while the lock is held',
  },
  'set ignores the fence': {
    fails: ['set with a lost lock resolves false and does not write'],
    passes: 'set with a held lock writes and resolves true',
  },
  'releaseLock ignores the fence': {
    fails: ["releaseLock with a stale fence does not release the new holder's lock"],
    passes: 'releaseLock lets the next holder in, with a different fence',
  },
  'claims locks without implementing them': {
    fails: [
      'a store that declares locks implements acquireLock, extendLock and releaseLock',
      'set with a held lock writes and resolves true',
    ],
    passes: 'set resolves true and get returns the value',
  },
  'values are not opaque': {
    fails: [
      'returns NUL, newlines, tabs and CR unchanged',
      'returns leading and trailing spaces unchanged',
      'returns 64 KiB unchanged',
    ],
    passes: 'returns a JSON object unchanged',
  },
};

describe('the contract kit fails token stores that break the contract', () => {
  let run: { status: number | null; results: FixtureResult[] };
  beforeAll(() => {
    run = runFixture('bad-stores');
  }, 120_000);

  const outcomes = (store: string) =>
    new Map(
      run.results
        .filter((r) => r.path[0] === `fmauth token store contract: ${store}`)
        .map((r) => [r.title, r.status]),
    );

  it('the run fails', () => {
    expect(run.status).not.toBe(0);
  });

  for (const [store, { fails, passes }] of Object.entries(EXPECTED)) {
    it(`reports the store where ${store}`, () => {
      const mine = outcomes(store);
      for (const title of fails) expect(mine.get(title), title).toBe('failed');
      // The kit pins the fault down: the parts the store gets right still pass.
      expect(mine.get(passes), passes).toBe('passed');
    });
  }

  it('covers every broken store', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(brokenStores).sort());
  });
});

describe('describeTokenStoreContract checks its options', () => {
  it('refuses a missing factory, a missing name or a bad granularity', () => {
    const store = () => ({}) as never;
    expect(() => describeTokenStoreContract({ name: 'x' } as never)).toThrow(/"store"/);
    expect(() => describeTokenStoreContract({ name: '', store })).toThrow(/"name"/);
    expect(() => describeTokenStoreContract({ name: 'x', store, ttlGranularityMs: 0 })).toThrow(
      /ttlGranularityMs/,
    );
  });
});
