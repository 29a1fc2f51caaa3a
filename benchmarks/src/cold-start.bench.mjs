// Cold start with a shared token: the CPU of a fresh Node process that imports @fmauth/core,
// @fmauth/strategy-filemaker-cloud and @fmauth/token-store-redis, creates a Cloud strategy and a Data
// API session on a redisTokenStore that already holds a valid Data API token (written by an earlier
// process that really signed in to Claris ID and logged in), and makes one call; against a fresh process
// making the same call with raw undici and that same token. Both against the mock (child process) and
// a real Redis, on loopback.
//
// CPU: process.cpuUsage() (user + system, all threads) read inside each child right after its call's
// response is parsed, so it counts from the process's start (Node's bootstrap included) and leaves out
// teardown. The two kinds of process alternate (A B, then B A, …); the figure is the median of the
// per-round ratios. Goal: candidate / raw ≤ 1.3×. Each child also reports CPU checkpoints (after each
// import, after creating the objects, after the call), which say where the difference goes.
//
// A separate, untimed child preloaded with a module recorder (module.register hooks cost CPU) checks
// that no @aws-sdk, @smithy or cognito-srp module is loaded on this path.
import { randomUUID } from 'node:crypto';
import { mockControl } from '@fmauth/mock';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { coldScript, runCold, stageLines } from '../lib/cold-process.mjs';
import { median, redisSkip, spread, summary } from '../lib/figures.mjs';

const ROUNDS = 12;
const GOAL = 1.3;
const HEAVY = /[\\/](@aws-sdk|@smithy)[\\/]|cognito-srp/;
const NAME = 'cold start with a shared token';

export default async function run() {
  if (await redisSkip(NAME)) return { skipped: true };
  const { startRedisServer } = await import('../../scripts/redis-server.mjs');
  const [redis, mock] = await Promise.all([startRedisServer(), startChild(mockCli(), ['--json', '--quiet'])]);
  const control = mockControl(mock.ready.endpoints.control);
  const candidateScript = coldScript('cloud-session.mjs');
  const rawScript = coldScript('raw-call.mjs');
  const config = {
    baseUrl: mock.ready.endpoints.filemakerCloud,
    cognitoEndpoint: mock.ready.endpoints.cognito,
    pool: mock.ready.cognito,
    redisUrl: redis.url,
    keyPrefix: `bench:${randomUUID()}:`,
  };
  try {
    // The earlier process: signs in to Claris ID (SRP), logs in, and leaves both tokens in Redis.
    const writer = await runCold(candidateScript, { config: { ...config, writer: true } });
    const afterWriter = await control.stats();
    if (
      !writer.token ||
      afterWriter.filemakerCloud.successfulLogins !== 1 ||
      afterWriter.cognito.srpSignIns !== 1
    ) {
      throw new Error(`the writer did not log in once: ${JSON.stringify(writer.events)}`);
    }
    // Untimed: which modules a process that finds the token loads.
    const nodeArgs = ['--import', new URL('../../scripts/module-recorder.mjs', import.meta.url).href];
    const recorded = await runCold(candidateScript, { config: { ...config, recordModules: true }, nodeArgs });
    const heavy = recorded.loaded.filter((path) => HEAVY.test(path));
    const sawOurs = recorded.loaded.some((path) =>
      /strategy-filemaker-cloud[\\/]dist[\\/]index\.js$/.test(path),
    );
    if (!sawOurs)
      throw new Error('the module recorder did not see the strategy load: the check would mean nothing');

    const rawConfig = { baseUrl: config.baseUrl, token: writer.token };
    const sides = {
      candidate: () => runCold(candidateScript, { config }),
      raw: () => runCold(rawScript, { config: rawConfig }),
    };
    // One of each first, untimed: the page cache and the mock's JIT.
    await sides.candidate();
    await sides.raw();
    const candidate = [];
    const raw = [];
    const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['raw', 'candidate'] : ['candidate', 'raw'];
      const reports = {};
      for (const side of order) reports[side] = await sides[side]();
      candidate.push(reports.candidate);
      raw.push(reports.raw);
      ratios.push(reports.candidate.cpuMs / reports.raw.cpuMs);
    }
    const after = await control.stats();
    const extraLogins = after.filemakerCloud.successfulLogins - 1;
    const extraSignIns = after.cognito.srpSignIns - 1;
    const tookShared = candidate.every(
      (r) => r.events.includes('session shared-token') && !r.events.includes('session login'),
    );

    const stages = (reports) => stageLines(reports);
    const ratio = median(ratios);
    const met = ratio <= GOAL;
    console.log(
      `${NAME}: fresh process, CPU from process start to the call's parsed response, ${ROUNDS} alternating rounds\n` +
        `  @fmauth (core + cloud strategy + redis store, token from Redis): ${spread(
          candidate.map((r) => r.cpuMs),
          0,
          ' ms',
        )}\n` +
        `${stages(candidate)}\n` +
        `  raw undici with the same fixed token: ${spread(
          raw.map((r) => r.cpuMs),
          0,
          ' ms',
        )}\n` +
        `${stages(raw)}\n` +
        `  ratio @fmauth / raw: ${spread(ratios, 2, '×')}  (rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')})\n` +
        `  token from the store in every candidate: ${tookShared ? 'yes' : 'NO'}; logins / SRP sign-ins after the writer's: ${extraLogins} / ${extraSignIns}\n` +
        `  modules loaded matching @aws-sdk, @smithy or cognito-srp (untimed recorder run, ${recorded.loaded.length} modules seen): ${heavy.length === 0 ? 'none' : heavy.slice(0, 5).join(', ')}\n` +
        `  goal ≤ ${GOAL}× (median of rounds): ${met ? 'met' : 'NOT met'}`,
    );
    return {
      ratio,
      ratios: summary(ratios),
      candidateCpuMs: summary(candidate.map((r) => r.cpuMs)),
      rawCpuMs: summary(raw.map((r) => r.cpuMs)),
      candidateCheckpoints: candidate.map((r) => r.checkpoints),
      rawCheckpoints: raw.map((r) => r.checkpoints),
      heavyModules: heavy,
      tookShared,
      extraLogins,
      extraSignIns,
    };
  } finally {
    await Promise.all([mock.stop(), redis.stop()]);
  }
}
