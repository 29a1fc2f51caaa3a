// One process of a benchmark fleet: a Data API session on a Redis token store, driven over stdin/stdout
// (one JSON line each way) so the benchmark can start a round in every worker at the same moment.
// The benchmarks' own copy of packages/token-store-redis/test/fixtures/session-worker.mjs.
//   in:  {"callers": 125}  → out: {"ok", "failed", "errors", "events", "startedAt", "doneAt"}
//   in:  {"exit": true}    → closes the session and the store, and exits
// Prints {"ready": true} once loaded and its session is built, and {"authenticating": true, "at": ms}
// whenever its strategy is asked to sign in.
// Env: WORKER_CONFIG = { flavor: 'server' | 'cloud', baseUrl, redisUrl, keyPrefix, loginDelayMs?,
//   loginLockMs?, storeMs?, cognitoEndpoint?, pool? } (cognitoEndpoint and pool for 'cloud').
// Events come back as { at: epoch ms, type, … } (Date.now(), comparable with the parent's clock).
import { createInterface } from 'node:readline';
import { createDataApiSession } from '@fmauth/core';
import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { redisTokenStore } from '@fmauth/token-store-redis';

const config = JSON.parse(process.env.WORKER_CONFIG ?? '{}');
const storeMs = config.storeMs ?? 5_000;
const loginLockMs = config.loginLockMs ?? 5_000;
let events = [];
const record = (source) => (event) => {
  const entry = { at: Date.now(), source, type: event.type };
  if ('durationMs' in event) entry.durationMs = event.durationMs;
  if ('waitedMs' in event) entry.waitedMs = event.waitedMs;
  if ('method' in event) entry.method = event.method;
  if (event.type === 'store-unavailable') entry.error = `${event.operation}: ${event.error?.message}`;
  events.push(entry);
};

// Generous bounds: eight cold Node processes starting at once on a 2-core machine are CPU-starved for a
// moment, and the first command also connects.
const tokenStore = redisTokenStore({
  url: config.redisUrl,
  keyPrefix: config.keyPrefix,
  connectTimeoutMs: 5_000,
  commandTimeoutMs: 5_000,
});
const inner =
  config.flavor === 'cloud'
    ? fileMakerCloud({
        clarisId: 'dev@example.com',
        password: 'ClarisID-pass-1',
        pool: config.pool,
        cognito: { endpoint: config.cognitoEndpoint, maxAttempts: 1 },
        tokenStore,
        storeTimeoutMs: storeMs,
        signInLockMs: loginLockMs,
        onEvent: record('strategy'),
      })
    : fileMakerServer({ username: 'admin', password: 'admin-pass' });
// Announces each sign-in; a slow one (think: an MFA prompt) lets the benchmark kill this process while
// it holds the login lock. Both strategies are plain frozen objects, so a spread copies them whole.
const strategy = {
  ...inner,
  async authenticate(ctx) {
    process.stdout.write(`${JSON.stringify({ authenticating: true, at: Date.now() })}\n`);
    if (config.loginDelayMs) await new Promise((resolve) => setTimeout(resolve, config.loginDelayMs));
    return inner.authenticate(ctx);
  },
};
const session = createDataApiSession({
  baseUrl: config.baseUrl,
  database: 'Contacts',
  strategy,
  tokenStore,
  timeouts: { loginLockMs, loginMs: 20_000, storeMs },
  onEvent: record('session'),
});

process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.exit) break;
  const startedAt = Date.now();
  const results = await Promise.allSettled(
    Array.from({ length: command.callers }, () => session.getRecords('Contacts', { limit: 1 })),
  );
  const doneAt = Date.now();
  const failed = results.filter((result) => result.status === 'rejected');
  process.stdout.write(
    `${JSON.stringify({
      ok: results.length - failed.length,
      failed: failed.length,
      errors: failed.slice(0, 3).map((result) => String(result.reason)),
      events,
      startedAt,
      doneAt,
    })}\n`,
  );
  events = [];
}
await session.close();
await inner.close?.();
await tokenStore.close();
