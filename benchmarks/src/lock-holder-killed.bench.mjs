// A lock holder SIGKILLed mid-login: 8 worker processes on one real Redis (a fresh keyPrefix per
// trial). One of them, whose strategy's sign-in takes a minute (think: an MFA prompt), takes the
// cross-process login lock; the other 7 start 125 concurrent callers each and wait for it; 500 ms later
// the holder is SIGKILLed. Measured: the time from the kill until every other worker's calls have
// succeeded (each worker stamps the end of its round with Date.now(), the same clock as the kill's).
// Goal: every waiter unblocked (has the new token) within the lock TTL (timeouts.loginLockMs = 1000 ms)
// plus one login, with 0 failed calls. Also reported: kill → all calls done, next to what the same
// calls take by themselves with the token held (a second round on the same fleet).
//
// The figure breaks down into: kill → a waiter takes the lock (the holder renewed its lock every
// TTL/3, so it expires 2/3 TTL to 1 TTL after the kill, and waiters poll every ≤ 50 ms); the login
// itself (strategy asked → the session's login event, in the worker that logged in); the login → the
// last waiter's shared-token event (the other waiters poll the store every ≤ 50 ms).
import { randomUUID } from 'node:crypto';
import { mockControl } from '@fmauth/mock';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { redisSkip, spread, summary } from '../lib/figures.mjs';
import { startFleet, totals } from '../lib/fleet.mjs';

const PROCESSES = 8;
const CALLERS = 125;
const TRIALS = 5;
const LOCK_MS = 1_000;
const HOLD_BEFORE_KILL_MS = 500;
const NAME = 'lock holder SIGKILLed mid-login';
/** Core's longest pause between two store reads while waiting for another process's login. */
const MAX_POLL_MS = 50;

export default async function run() {
  if (await redisSkip(NAME)) return { skipped: true };
  const { startRedisServer } = await import('../../scripts/redis-server.mjs');
  const [redis, mock] = await Promise.all([startRedisServer(), startChild(mockCli(), ['--json', '--quiet'])]);
  const control = mockControl(mock.ready.endpoints.control);
  const trials = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      const config = {
        flavor: 'server',
        baseUrl: mock.ready.endpoints.filemakerServer,
        redisUrl: redis.url,
        keyPrefix: `bench:${randomUUID()}:`,
        loginLockMs: LOCK_MS,
      };
      const [fleet, holder] = await Promise.all([
        startFleet(PROCESSES - 1, config),
        startFleet(1, { ...config, loginDelayMs: 60_000 }).then(([worker]) => worker),
      ]);
      try {
        await control.reset();
        holder.send(1);
        // The holder now has the lock and sits in its slow sign-in; the others start and wait for it.
        const line = await holder.next();
        if (!line.authenticating) throw new Error(`holder said ${JSON.stringify(line)}`);
        const reportsPending = Promise.all(fleet.map((worker) => worker.round(CALLERS)));
        await new Promise((resolve) => setTimeout(resolve, HOLD_BEFORE_KILL_MS));
        const killedAt = Date.now();
        await holder.kill();
        const reports = await reportsPending;
        const round = totals(reports);
        // The worker that logged in after the kill: its strategy was asked (authenticating line) and
        // its session emitted `login`.
        const logins = round.events.filter((event) => event.source === 'session' && event.type === 'login');
        const authAt = authenticatingAt(fleet);
        const loginAt = logins.length === 1 ? logins[0].at : Number.NaN;
        const doneAt = Math.max(...reports.map((report) => report.doneAt));
        // Each waiter is unblocked when its session takes the new token from the store (shared-token).
        const tokenAt = Math.max(
          loginAt,
          ...round.events.filter((event) => event.type === 'shared-token').map((event) => event.at),
        );
        // The same calls again with the token held everywhere: what the calls cost by themselves.
        const again = totals(await Promise.all(fleet.map((worker) => worker.round(CALLERS))));
        trials.push({
          unblockedMs: tokenAt - killedAt,
          sinceKillMs: doneAt - killedAt,
          callsAloneMs: again.wallMs,
          againFailed: again.failed,
          lockTakenMs: authAt - killedAt,
          loginMs: loginAt - authAt,
          pickupMs: tokenAt - loginAt,
          ok: round.ok,
          failed: round.failed,
          errors: round.errors,
          mockLogins: (await control.stats()).filemakerServer.successfulLogins,
          waited: round.events.filter((event) => event.type === 'shared-token' && event.waitedMs > 0).length,
        });
      } finally {
        await Promise.all([...fleet, holder].map((worker) => worker.exit()));
      }
    }
  } finally {
    await Promise.all([mock.stop(), redis.stop()]);
  }

  const calls = (PROCESSES - 1) * CALLERS;
  const failed = trials.reduce((sum, t) => sum + t.failed + t.againFailed, 0);
  const within = trials.map((t) => t.unblockedMs <= LOCK_MS + t.loginMs);
  const ok =
    failed === 0 && within.every(Boolean) && trials.every((t) => t.ok === calls && t.mockLogins === 1);
  // The waiters' store polling (5 ms, ×1.5 each time, at most 50 ms) adds up to one interval on top.
  const withinPoll = trials.filter((t) => t.unblockedMs <= LOCK_MS + t.loginMs + MAX_POLL_MS).length;
  const list = (pick) => trials.map(pick).join(', ');
  const ms = (pick) => `${spread(trials.map(pick), 0, ' ms')}`;
  const errors = trials.flatMap((t) => t.errors).slice(0, 3);
  console.log(
    `${NAME}: ${PROCESSES - 1} waiting processes × ${CALLERS} callers, lock TTL ${LOCK_MS} ms, holder killed ${HOLD_BEFORE_KILL_MS} ms into its sign-in, ${TRIALS} trials\n` +
      `  kill → every waiter has the new token: ${ms((t) => t.unblockedMs)}  (${list((t) => t.unblockedMs)})\n` +
      `    kill → lock taken by a waiter: ${ms((t) => t.lockTakenMs)}\n` +
      `    one login (strategy asked → session's login event): ${ms((t) => t.loginMs)}\n` +
      `    login → last waiter has the token (store polled every ≤ 50 ms): ${ms((t) => t.pickupMs)}\n` +
      `  kill → every waiter's ${CALLERS} calls done: ${ms((t) => t.sinceKillMs)}; the same ${calls} calls with the token held: ${ms((t) => t.callsAloneMs)}\n` +
      `  failed calls: ${failed} of ${2 * calls * TRIALS}   mock logins per trial: ${list((t) => t.mockLogins)}   waiters that waited for the new token: ${list((t) => t.waited)} of ${PROCESSES - 2}\n` +
      (errors.length ? `  first errors: ${errors.join(' | ')}\n` : '') +
      `  within lock TTL + login + one store poll interval (${MAX_POLL_MS} ms): ${withinPoll} of ${TRIALS} trials\n` +
      `  goal every waiter unblocked within lock TTL + one login, 0 failed, 1 login: ${ok ? 'met' : `NOT met (within in ${within.filter(Boolean).length} of ${TRIALS} trials)`}`,
  );
  return {
    lockTtlMs: LOCK_MS,
    unblockedMs: summary(trials.map((t) => t.unblockedMs)),
    sinceKillMs: summary(trials.map((t) => t.sinceKillMs)),
    callsAloneMs: summary(trials.map((t) => t.callsAloneMs)),
    lockTakenMs: summary(trials.map((t) => t.lockTakenMs)),
    loginMs: summary(trials.map((t) => t.loginMs)),
    pickupMs: summary(trials.map((t) => t.pickupMs)),
    failed,
    trials,
  };
}

/** When the strategy of the one waiter that logged in was asked (each worker prints `authenticating`). */
function authenticatingAt(fleet) {
  const stamps = fleet.flatMap((worker) => worker.skipped.filter((line) => line.authenticating));
  return stamps.length === 1 ? stamps[0].at : Number.NaN;
}
