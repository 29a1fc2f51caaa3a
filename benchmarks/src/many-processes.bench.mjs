// Many processes, one login: 8 fresh worker processes × 125 concurrent cold callers, each worker with a
// Data API session on one real Redis (redisTokenStore, a fresh keyPrefix per trial), against the mock in
// a child process. Counts the logins the mock saw (control API stats). Goal: exactly 1 per trial, and
// exactly 1 re-login across all processes right after a server-side expiry (control expireSessions()).
// Then the same with the FileMaker Cloud strategy sharing the store too: exactly 1 Data API login AND
// exactly 1 Claris ID SRP sign-in per trial, and after an expiry exactly 1 re-login (no new sign-in:
// the ID token is still good, and the processes share it through the store).
//
// Every trial starts 8 new processes and waits until each has loaded and built its session, so a round
// starts everywhere at once; the workers get generous store timeouts (5 s) because 8 cold Node processes
// on 2 cores are CPU-starved for a moment.
import { randomUUID } from 'node:crypto';
import { mockControl } from '@fmauth/mock';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { redisSkip, spread } from '../lib/figures.mjs';
import { startFleet, totals } from '../lib/fleet.mjs';

const PROCESSES = 8;
const CALLERS = 125;
const TRIALS = 5;
const NAME = 'many processes, one login';

export default async function run() {
  if (await redisSkip(NAME)) return { skipped: true };
  const { startRedisServer } = await import('../../scripts/redis-server.mjs');
  const [redis, mock] = await Promise.all([startRedisServer(), startChild(mockCli(), ['--json', '--quiet'])]);
  const control = mockControl(mock.ready.endpoints.control);
  const results = {};
  try {
    for (const flavor of ['server', 'cloud']) {
      const trials = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const config = {
          flavor,
          baseUrl:
            flavor === 'cloud' ? mock.ready.endpoints.filemakerCloud : mock.ready.endpoints.filemakerServer,
          redisUrl: redis.url,
          keyPrefix: `bench:${randomUUID()}:`,
          cognitoEndpoint: mock.ready.endpoints.cognito,
          pool: mock.ready.cognito,
        };
        const startedAt = Date.now();
        const fleet = await startFleet(PROCESSES, config);
        const readyMs = Date.now() - startedAt;
        try {
          await control.reset();
          const counts = async () => {
            const stats = await control.stats();
            const dataApi = flavor === 'cloud' ? stats.filemakerCloud : stats.filemakerServer;
            return { logins: dataApi.successfulLogins, srp: stats.cognito.srpSignIns };
          };
          const cold = totals(await Promise.all(fleet.map((worker) => worker.round(CALLERS))));
          const afterCold = await counts();
          await control.expireSessions();
          const expired = totals(await Promise.all(fleet.map((worker) => worker.round(CALLERS))));
          const afterExpiry = await counts();
          trials.push({
            readyMs,
            cold: { ...summarise(cold), logins: afterCold.logins, srp: afterCold.srp },
            expired: {
              ...summarise(expired),
              logins: afterExpiry.logins - afterCold.logins,
              srp: afterExpiry.srp - afterCold.srp,
            },
          });
        } finally {
          await Promise.all(fleet.map((worker) => worker.exit()));
        }
      }
      results[flavor] = trials;
      print(flavor, trials);
    }
  } finally {
    await Promise.all([mock.stop(), redis.stop()]);
  }
  return results;
}

function summarise(round) {
  return {
    ok: round.ok,
    failed: round.failed,
    errors: round.errors,
    wallMs: round.wallMs,
    storeUnavailable: round.events.filter((event) => event.type === 'store-unavailable').length,
  };
}

function print(flavor, trials) {
  const calls = PROCESSES * CALLERS;
  const list = (pick) => trials.map(pick).join(', ');
  const cloud = flavor === 'cloud';
  const ok = trials.every(
    (t) =>
      t.cold.logins === 1 &&
      t.expired.logins === 1 &&
      t.cold.failed === 0 &&
      t.expired.failed === 0 &&
      t.cold.ok === calls &&
      t.expired.ok === calls &&
      (!cloud || (t.cold.srp === 1 && t.expired.srp === 0)),
  );
  const errors = trials.flatMap((t) => [...t.cold.errors, ...t.expired.errors]).slice(0, 3);
  console.log(
    `${NAME} (${cloud ? 'FileMaker Cloud strategy, Claris ID tokens shared too' : 'FileMaker Server strategy'}): ${PROCESSES} processes × ${CALLERS} cold callers, one Redis, ${trials.length} trials\n` +
      `  Data API logins, cold: ${list((t) => t.cold.logins)}   after server-side expiry: ${list((t) => t.expired.logins)}\n` +
      (cloud
        ? `  Claris ID SRP sign-ins, cold: ${list((t) => t.cold.srp)}   after expiry: ${list((t) => t.expired.srp)}\n`
        : '') +
      `  failed calls: ${list((t) => t.cold.failed + t.expired.failed)} of ${2 * calls} per trial   store-unavailable events: ${list((t) => t.cold.storeUnavailable + t.expired.storeUnavailable)}\n` +
      `  round wall time, cold: ${spread(
        trials.map((t) => t.cold.wallMs),
        0,
        ' ms',
      )}   after expiry: ${spread(
        trials.map((t) => t.expired.wallMs),
        0,
        ' ms',
      )}\n` +
      `  fleet start (8 processes loaded, sessions built): ${spread(
        trials.map((t) => t.readyMs),
        0,
        ' ms',
      )}\n` +
      (errors.length ? `  first errors: ${errors.join(' | ')}\n` : '') +
      `  goal exactly 1 login per trial and 1 after expiry${cloud ? ', 1 SRP sign-in (0 after expiry)' : ''}, 0 failed: ${ok ? 'met' : 'NOT met'}`,
  );
}
