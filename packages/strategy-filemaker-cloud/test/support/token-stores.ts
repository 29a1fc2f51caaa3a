import { type TokenStore, tokenKey } from '@fmauth/core';
import type { PoolReadiness } from './cloud-mock.js';

/** The store key of a Claris ID's tokens, as the brief defines it (computed here independently). */
export function clarisIdKey(pool: PoolReadiness, clarisId: string): string {
  return tokenKey({
    kind: 'claris-id',
    server: pool.userPoolId,
    database: pool.clientId,
    strategyId: 'filemaker-cloud',
    identity: clarisId.toLowerCase(),
  });
}

/** A store whose every call fails, as Redis does when it is down. Counts the calls it refused. */
export function failingStore(): TokenStore & { readonly calls: number } {
  let calls = 0;
  const fail = async (): Promise<never> => {
    calls++;
    throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
  };
  return {
    name: 'failing',
    supports: { locks: true, crossProcess: true },
    get: fail,
    set: fail,
    compareAndDelete: fail,
    acquireLock: fail,
    extendLock: fail,
    releaseLock: fail,
    get calls() {
      return calls;
    },
  };
}

/** A store that accepts every call and never answers, as a store behind a dead network path. */
export function hangingStore(): TokenStore & { readonly calls: number } {
  let calls = 0;
  const hang = (): Promise<never> => {
    calls++;
    return new Promise<never>(() => undefined);
  };
  return {
    name: 'hanging',
    supports: { locks: true, crossProcess: true },
    get: hang,
    set: hang,
    compareAndDelete: hang,
    acquireLock: hang,
    extendLock: hang,
    releaseLock: hang,
    get calls() {
      return calls;
    },
  };
}

/** The JSON a plain (unencrypted) stored value carries for the token set. */
export function storedData(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) throw new Error('nothing is stored under the Claris ID key');
  return (JSON.parse(raw) as { data: Record<string, unknown> }).data;
}
