// examples/serverless/src/fmauth.ts
// One Data API session per process, used by every request, and one login for all processes: the
// session keeps its token in Redis, so a cold instance takes the token another one made.
import { type AuthStrategy, createDataApiSession, type DataApiSession } from '@fmauth/core';
import { type RedisTokenStore, redisTokenStore } from '@fmauth/token-store-redis';
import { encryptionKeysFromEnv, requireEnv, strategyFromEnv } from './settings.js';

export interface Fmauth {
  readonly session: DataApiSession;
  readonly strategy: AuthStrategy;
  readonly tokenStore: RedisTokenStore;
}

// Cached on globalThis, not in a module variable: Next.js dev re-evaluates edited modules, and each
// evaluation would otherwise open another session and Redis connection. Symbol.for gives every copy
// of this module the same key.
const KEY: unique symbol = Symbol.for('fmauth.example-serverless');
const cache = globalThis as typeof globalThis & { [KEY]?: Fmauth };

/** The process's session, created on first use (not at import, so a build step needs no secrets). */
export function getFmauth(): Fmauth {
  const fmauth = cache[KEY] ?? createFmauth(process.env);
  cache[KEY] = fmauth;
  return fmauth;
}

/** At shutdown only, never per request: closes what getFmauth() created. */
export async function shutdownFmauth(): Promise<void> {
  const fmauth = cache[KEY];
  if (!fmauth) return;
  delete cache[KEY];
  // With a store this does not log out: other processes may use the same Data API session.
  await fmauth.session.close();
  await fmauth.strategy.close?.();
  await fmauth.tokenStore.close(); // last: the session and the strategy use it
}

function createFmauth(env: NodeJS.ProcessEnv): Fmauth {
  // Does no I/O yet; connects on the first call. One connection serves the session and the strategy.
  const tokenStore = redisTokenStore({ url: env.REDIS_URL });
  const tokenEncryptionKeys = encryptionKeysFromEnv(env);
  const strategy = strategyFromEnv(env, tokenStore, tokenEncryptionKeys);
  const session = createDataApiSession({
    baseUrl: requireEnv(env, 'FM_SERVER_URL'),
    database: requireEnv(env, 'FM_DATABASE'),
    strategy,
    tokenStore,
    tokenEncryptionKeys,
    onEvent(event) {
      // Calls keep working without Redis (each process logs in by itself); say so in the logs.
      if (event.type === 'store-unavailable') {
        console.warn(`fmauth: token store unavailable (${event.operation}): ${event.error.message}`);
      }
    },
  });
  return { session, strategy, tokenStore };
}
