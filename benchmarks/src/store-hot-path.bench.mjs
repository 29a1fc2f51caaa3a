// The token store stays off the hot path: authenticated calls per second through a Data API session
// whose token is already held, with a redisTokenStore (real Redis) against the same session with a
// memoryTokenStore() shared by nothing, and against a session without a store, all against the mock in
// a child process. Side by side (lib/compare.mjs: alternating rounds, median of per-round ratios).
// Goal: redis / memory ≥ 0.95 (no store round trip per call; core touches the stored token at most once
// a minute, fire-and-forget).
import { randomUUID } from 'node:crypto';
import { createDataApiSession, memoryTokenStore } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { redisTokenStore } from '@fmauth/token-store-redis';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { compare, pooled } from '../lib/compare.mjs';
import { redisSkip, spread } from '../lib/figures.mjs';

const REQUESTS = 6000;
const CONCURRENCY = 16;
const ROUNDS = 13;
const GOAL = 0.95;
const NAME = 'token store on the hot path';

export default async function run() {
  if (await redisSkip(NAME)) return { skipped: true };
  const { startRedisServer } = await import('../../scripts/redis-server.mjs');
  const [redis, mock] = await Promise.all([startRedisServer(), startChild(mockCli(), ['--json', '--quiet'])]);
  const redisStore = redisTokenStore({ url: redis.url, keyPrefix: `bench:${randomUUID()}:` });
  const memoryStore = memoryTokenStore();
  const session = (tokenStore) =>
    createDataApiSession({
      baseUrl: mock.ready.endpoints.filemakerServer,
      database: 'Contacts',
      strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
      ...(tokenStore ? { tokenStore } : {}),
    });
  const sessions = { none: session(undefined), memory: session(memoryStore), redis: session(redisStore) };
  const side = (label, s) => ({
    label,
    run: () =>
      pooled(REQUESTS, CONCURRENCY, () =>
        s.request({ path: 'layouts/Contacts/records', query: { _limit: 1 } }),
      ),
  });
  try {
    // Each session logs in once here (the Redis one writes its token to Redis); later calls reuse it.
    for (const s of Object.values(sessions)) await s.getRecords('Contacts', { limit: 1 });
    const vsMemory = await compare({
      name: `${NAME}: calls/s with a held token, redisTokenStore vs memoryTokenStore`,
      baseline: side('memory store', sessions.memory),
      candidate: side('redis store', sessions.redis),
      rounds: ROUNDS,
    });
    const vsNone = await compare({
      name: `${NAME}: calls/s with a held token, redisTokenStore vs no store`,
      baseline: side('no store', sessions.none),
      candidate: side('redis store', sessions.redis),
      rounds: ROUNDS,
    });
    const fmt = (n) => n.toFixed(0);
    const line = (result) =>
      `  ${result.candidate.label}: ${fmt(result.candidate.opsPerSec)}/s   ${result.baseline.label}: ${fmt(result.baseline.opsPerSec)}/s   ratio ${result.ratio.toFixed(3)}, ${spread(result.ratios, 3)}\n` +
      `    rounds: ${result.ratios.map((r) => r.toFixed(2)).join(' ')}`;
    const met = vsMemory.ratio >= GOAL;
    console.log(
      `${NAME}: ${REQUESTS} authenticated calls per round, ${CONCURRENCY} in flight, token already held, ${ROUNDS} alternating rounds per pair\n` +
        `${line(vsMemory)}\n${line(vsNone)}\n` +
        `  goal redis / memory ≥ ${GOAL} (median of rounds): ${met ? 'met' : 'NOT met'}`,
    );
    return { vsMemory, vsNone };
  } finally {
    for (const s of Object.values(sessions)) await s.close();
    await redisStore.close();
    await Promise.all([mock.stop(), redis.stop()]);
  }
}
