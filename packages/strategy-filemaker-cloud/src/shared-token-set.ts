import { type ProducedToken, SharedTokenCache, type TokenStoreEvent, tokenKey } from '@fmauth/core';
import { CHALLENGE_TIMEOUT_MS } from './challenges.js';
import type { ClarisUserPool } from './claris-pool.js';
import { STRATEGY_ID } from './hints.js';
import type { ResolvedTokenSharing } from './resolve-token-sharing.js';
import type { ClarisIdTokenSet } from './token-set.js';
import { tokenSetCodec } from './token-set-codec.js';

export interface SharedObtainOptions {
  /** Aborts the wait for another process (the strategy was closed). */
  readonly signal: AbortSignal;
  readonly usable: (tokens: ClarisIdTokenSet) => boolean;
  /** Talks to Cognito; `stale` is the stored entry that was not usable (its refresh token may be). */
  readonly produce: (stale: ClarisIdTokenSet | undefined) => Promise<ProducedToken<ClarisIdTokenSet>>;
}

/**
 * The Claris ID tokens of one Claris ID as every process sharing a token store sees them: one entry per
 * user pool, app client and Claris ID. The pool may only be known after discovery, so each pool's
 * {@link SharedTokenCache} is created on first use.
 */
export class SharedTokenSet {
  readonly #sharing: ResolvedTokenSharing;
  readonly #identity: string;
  readonly #clock: () => number;
  readonly #emit: (event: TokenStoreEvent) => void;
  /** How long to wait for another process's sign-in: its Cognito calls and an MFA prompt. */
  readonly #waitBudgetMs: number;
  readonly #caches = new Map<string, SharedTokenCache<ClarisIdTokenSet>>();

  constructor(
    sharing: ResolvedTokenSharing,
    identity: string,
    cognitoTimeoutMs: number,
    clock: () => number,
    emit: (event: TokenStoreEvent) => void,
  ) {
    this.#sharing = sharing;
    this.#identity = identity;
    this.#clock = clock;
    this.#emit = emit;
    // A sign-in is at most a few Cognito calls and one challenge callback (bounded by Cognito's
    // challenge session); waiting longer than that means the holder is stuck, not slow.
    this.#waitBudgetMs = CHALLENGE_TIMEOUT_MS + 4 * cognitoTimeoutMs;
  }

  /** A usable token set: stored, produced by another process, or produced here. */
  async obtain(pool: ClarisUserPool, options: SharedObtainOptions): Promise<ClarisIdTokenSet> {
    const budget = AbortSignal.timeout(this.#waitBudgetMs);
    const obtained = await this.#cacheFor(pool).obtain({
      signal: AbortSignal.any([options.signal, budget]),
      budgetMs: this.#waitBudgetMs,
      usable: options.usable,
      produce: options.produce,
    });
    return obtained.token;
  }

  #cacheFor(pool: ClarisUserPool): SharedTokenCache<ClarisIdTokenSet> {
    const key = tokenKey({
      kind: 'claris-id',
      server: pool.userPoolId,
      database: pool.clientId,
      strategyId: STRATEGY_ID,
      identity: this.#identity,
    });
    let cache = this.#caches.get(key);
    if (!cache) {
      cache = new SharedTokenCache({
        store: this.#sharing.store,
        key,
        codec: tokenSetCodec,
        encryptionKeys: this.#sharing.encryptionKeys,
        storeTimeoutMs: this.#sharing.storeTimeoutMs,
        lockTtlMs: this.#sharing.signInLockMs,
        clock: this.#clock,
        emit: this.#emit,
      });
      this.#caches.set(key, cache);
    }
    return cache;
  }
}
