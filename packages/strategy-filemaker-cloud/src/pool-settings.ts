import type { Dispatcher } from 'undici';
import { CLARIS_USER_POOL, type ClarisUserPool, regionOfPool } from './claris-pool.js';
import type { FileMakerCloudEvent } from './events.js';
import type { PoolOptions } from './options.js';
import { discoverPool, PoolDiscoveryFailure } from './pool-discovery.js';
import type { ResolvedDiscovery } from './resolve-options.js';

/**
 * Decides which pool to sign in to, once per strategy: each setting given in `pool` wins, then what
 * discovery found, then Claris's published defaults. A failed discovery falls back to the defaults
 * and says so (an event, or a process warning when nobody listens): never silently.
 */
export class PoolSettings {
  readonly #explicit: PoolOptions;
  readonly #discovery: ResolvedDiscovery | undefined;
  readonly #emit: (event: FileMakerCloudEvent) => void;
  readonly #observed: boolean;
  #resolved: Promise<ClarisUserPool> | undefined;

  constructor(
    explicit: PoolOptions,
    discovery: ResolvedDiscovery | undefined,
    emit: (event: FileMakerCloudEvent) => void,
    observed: boolean,
  ) {
    this.#explicit = explicit;
    this.#discovery = discovery;
    this.#emit = emit;
    this.#observed = observed;
  }

  /** The pool to use. Discovery runs at most once; its result (or the fallback) is kept. */
  resolve(dispatcher: Dispatcher, signal: AbortSignal): Promise<ClarisUserPool> {
    this.#resolved ??= this.#compute(dispatcher, signal);
    const resolved = this.#resolved;
    // An aborted first attempt (close()) must not poison later ones.
    resolved.catch(() => {
      if (this.#resolved === resolved) this.#resolved = undefined;
    });
    return resolved;
  }

  async #compute(dispatcher: Dispatcher, signal: AbortSignal): Promise<ClarisUserPool> {
    const discovery = this.#discovery;
    if (!discovery) return this.#merge(CLARIS_USER_POOL);
    const url = discovery.url.href;
    try {
      const found = await discoverPool(discovery, dispatcher, signal);
      const pool = this.#merge(found);
      this.#emit({ type: 'pool-discovered', url, pool });
      return pool;
    } catch (error) {
      if (!(error instanceof PoolDiscoveryFailure)) throw error;
      const fallback = this.#merge(CLARIS_USER_POOL);
      this.#emit({ type: 'pool-discovery-failed', url, reason: error.message, fallback });
      if (!this.#observed) {
        process.emitWarning(
          `Claris user-pool discovery at ${url} failed (${error.message}); signing in with Claris's published defaults (${fallback.userPoolId}).`,
          { code: 'FMAUTH_POOL_DISCOVERY_FALLBACK' },
        );
      }
      return fallback;
    }
  }

  #merge(base: ClarisUserPool): ClarisUserPool {
    const userPoolId = this.#explicit.userPoolId ?? base.userPoolId;
    const region =
      this.#explicit.region ?? (this.#explicit.userPoolId ? regionOfPool(userPoolId) : base.region);
    return Object.freeze({ userPoolId, clientId: this.#explicit.clientId ?? base.clientId, region });
  }
}
