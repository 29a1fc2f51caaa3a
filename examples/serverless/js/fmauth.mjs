// examples/serverless/js/fmauth.mjs
// One Data API session per process, used by every request, and one login for all processes: the
// session keeps its token in Redis, so a cold instance takes the token another one made.
import { createDataApiSession } from '@fmauth/core';
import { redisTokenStore } from '@fmauth/token-store-redis';
import { encryptionKeysFromEnv, requireEnv, strategyFromEnv } from './settings.mjs';

// Cached on globalThis, not in a module variable: Next.js dev re-evaluates edited modules, and each
// evaluation would otherwise open another session and Redis connection. Symbol.for gives every copy
// of this module the same key.
const KEY = Symbol.for('fmauth.example-serverless');

/** The process's session, created on first use (not at import, so a build step needs no secrets). */
export function getFmauth() {
  const fmauth = globalThis[KEY] ?? createFmauth(process.env);
  globalThis[KEY] = fmauth;
  return fmauth;
}

/** At shutdown only, never per request: closes what getFmauth() created. */
export async function shutdownFmauth() {
  const fmauth = globalThis[KEY];
  if (!fmauth) return;
  delete globalThis[KEY];
  // With a store this does not log out: other processes may use the same Data API session.
  await fmauth.session.close();
  await fmauth.strategy.close?.();
  await fmauth.tokenStore.close(); // last: the session and the strategy use it
}

function createFmauth(env) {
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
