// A fresh process as a serverless function meets it: imports @fmauth/core, the FileMaker Cloud strategy
// and the Redis token store, creates a strategy and a Data API session sharing a redisTokenStore, and
// makes one call (after a probe GET that connects the store, to time the connection on its own). With a
// valid Data API token in Redis it never signs in. Prints one JSON line:
// { cpuMs, checkpoints: [[label, cpuMs since start]…], events, loaded? , token? }.
// COLD_CONFIG: { baseUrl, cognitoEndpoint, pool, redisUrl, keyPrefix, writer?, recordModules? }
//   writer: report the Data API token this process wrote to the store (the "earlier process").
//   recordModules: report the modules loaded (run with --import scripts/module-recorder.mjs; never timed).
const started = process.cpuUsage();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const checkpoints = [['node bootstrap', (started.user + started.system) / 1000]];
const config = JSON.parse(process.env.COLD_CONFIG);

const { createDataApiSession } = await import('@fmauth/core');
checkpoints.push(['import @fmauth/core', cpu()]);
const { fileMakerCloud } = await import('@fmauth/strategy-filemaker-cloud');
checkpoints.push(['import @fmauth/strategy-filemaker-cloud', cpu()]);
const { redisTokenStore } = await import('@fmauth/token-store-redis');
checkpoints.push(['import @fmauth/token-store-redis', cpu()]);

const store = redisTokenStore({ url: config.redisUrl, keyPrefix: config.keyPrefix });
let written;
// The writer notes what its session stores, so the raw baseline can use the very same token.
const tokenStore = config.writer
  ? {
      ...Object.fromEntries(['name', 'supports'].map((key) => [key, store[key]])),
      get: (...args) => store.get(...args),
      async set(key, value, ...rest) {
        const data = JSON.parse(value).data;
        if (typeof data?.token === 'string') written = data.token;
        return store.set(key, value, ...rest);
      },
      compareAndDelete: (...args) => store.compareAndDelete(...args),
      touch: (...args) => store.touch(...args),
      acquireLock: (...args) => store.acquireLock(...args),
      extendLock: (...args) => store.extendLock(...args),
      releaseLock: (...args) => store.releaseLock(...args),
      close: () => store.close(),
    }
  : store;
const events = [];
const strategy = fileMakerCloud({
  clarisId: 'dev@example.com',
  password: 'ClarisID-pass-1',
  pool: config.pool,
  cognito: { endpoint: config.cognitoEndpoint, maxAttempts: 1 },
  tokenStore,
  onEvent: (event) => events.push(`strategy ${event.type}`),
});
const session = createDataApiSession({
  baseUrl: config.baseUrl,
  database: 'Contacts',
  strategy,
  tokenStore,
  onEvent: (event) => events.push(`session ${event.type}`),
});
checkpoints.push(['create store, strategy, session', cpu()]);
// Connects first, so the checkpoints tell the store's connection apart from the call (this adds one
// GET round trip, about 1 ms of CPU once connected).
await store.get('cold-start-probe', { signal: AbortSignal.timeout(10_000) });
checkpoints.push(['Redis connect + first GET', cpu()]);

const { data } = await session.getRecords('Contacts', { limit: 1 });
if (data.length !== 1) throw new Error(`expected 1 record, got ${data.length}`);
const cpuMs = cpu();
checkpoints.push(['one call (token from Redis + request)', cpuMs]);

const report = { cpuMs, checkpoints, events };
if (config.writer) report.token = written;
if (config.recordModules) {
  const { loadedModules } = await import('../../../scripts/module-recorder.mjs');
  report.loaded = await loadedModules();
}
await session.close();
await strategy.close();
await tokenStore.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
