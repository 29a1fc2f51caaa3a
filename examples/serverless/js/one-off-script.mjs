// examples/serverless/js/one-off-script.mjs
// A one-off job (a cron task, a migration): its own session, closed however the job ends. Node 20
// has no `await using`, so try/finally does the closing.
import { createDataApiSession } from '@fmauth/core';
import { redisTokenStore } from '@fmauth/token-store-redis';
import { encryptionKeysFromEnv, requireEnv, strategyFromEnv } from './settings.mjs';

const env = process.env;
// Optional here. With REDIS_URL the job takes the web app's login and leaves it open on exit;
// without, it logs in and, on exit, logs out.
const tokenStore = env.REDIS_URL ? redisTokenStore({ url: env.REDIS_URL }) : undefined;
const tokenEncryptionKeys = encryptionKeysFromEnv(env);
const session = createDataApiSession({
  baseUrl: requireEnv(env, 'FM_SERVER_URL'),
  database: requireEnv(env, 'FM_DATABASE'),
  strategy: strategyFromEnv(env, tokenStore, tokenEncryptionKeys),
  tokenStore,
  tokenEncryptionKeys,
});

try {
  const { dataInfo } = await session.getRecords('Contacts', { limit: 1 });
  console.log(`Contacts: ${dataInfo.totalRecordCount} records`);
} finally {
  await session.close();
  await tokenStore?.close(); // after the session, which uses it
}
