import { randomUUID } from 'node:crypto';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { type RoundResult, Worker, type WorkerConfig } from './support/fleet.js';

const skip = redisSkipReason();
const PROCESSES = 8;
const CALLERS = 125;

describe.skipIf(skip !== undefined)('many processes, one login (real Redis, real processes)', () => {
  let redis: RedisServerHandle;
  let mock: MockServer;
  let workers: Worker[] = [];
  let config: WorkerConfig;

  beforeAll(async () => {
    [redis, mock] = await Promise.all([startRedisServer(), startMockServer()]);
  }, 20_000);
  afterAll(async () => {
    await Promise.all([redis?.stop(), mock?.close()]);
  });
  beforeEach(() => {
    mock.mock.reset();
    config = { baseUrl: mock.url, redisUrl: redis.url, keyPrefix: `test:${randomUUID()}:` };
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.exit()));
    workers = [];
  });

  const logins = () => (mock.mock.stats().filemakerServer as Record<string, number>).successfulLogins;
  const spawnFleet = (count: number, overrides: Partial<WorkerConfig> = {}) => {
    const fleet = Array.from({ length: count }, () => new Worker({ ...config, ...overrides }));
    workers.push(...fleet);
    return fleet;
  };
  const total = (results: RoundResult[]) => ({
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
  });

  it(`${PROCESSES} processes × ${CALLERS} cold callers: exactly one login; after a server-side expiry exactly one more`, async () => {
    const fleet = spawnFleet(PROCESSES);
    const cold = await Promise.all(fleet.map((worker) => worker.round(CALLERS)));
    expect(total(cold)).toEqual({ ok: PROCESSES * CALLERS, failed: 0 });
    expect(logins()).toBe(1);
    expect(cold.flatMap((r) => r.events).filter((event) => event.endsWith(' login'))).toHaveLength(1);

    await fetch(`${mock.url}/__control/sessions/expire`, { method: 'POST' });
    const after = await Promise.all(fleet.map((worker) => worker.round(CALLERS)));
    expect(total(after)).toEqual({ ok: PROCESSES * CALLERS, failed: 0 });
    expect(logins()).toBe(2);
  }, 60_000);

  it(`FileMaker Cloud: ${PROCESSES} processes × ${CALLERS} cold callers share one Claris ID sign-in and one login`, async () => {
    const endpoints = mock.endpoints as Record<string, string>;
    const fleet = spawnFleet(PROCESSES, {
      baseUrl: endpoints.filemakerCloud as string,
      cloud: { pool: mock.readiness.cognito, cognitoEndpoint: endpoints.cognito as string },
    });
    await Promise.all(fleet.map((worker) => worker.ready()));
    const stats = () => mock.mock.stats() as Record<string, Record<string, number>>;
    const cold = await Promise.all(fleet.map((worker) => worker.round(CALLERS)));
    expect(total(cold)).toEqual({ ok: PROCESSES * CALLERS, failed: 0 });
    expect(stats().cognito?.srpSignIns).toBe(1);
    expect(stats().filemakerCloud?.successfulLogins).toBe(1);

    await fetch(`${endpoints.control}/sessions/expire`, { method: 'POST' });
    const after = await Promise.all(fleet.map((worker) => worker.round(CALLERS)));
    expect(total(after)).toEqual({ ok: PROCESSES * CALLERS, failed: 0 });
    expect(stats().filemakerCloud?.successfulLogins).toBe(2);
    // The Claris ID token was still fresh: nobody signed in to Cognito again.
    expect(stats().cognito?.srpSignIns).toBe(1);
  }, 60_000);

  it('a lock holder SIGKILLed mid-login blocks the others no longer than the lock TTL, with no failed call', async () => {
    const lockMs = 1_000;
    const fleet = spawnFleet(PROCESSES - 1, { loginLockMs: lockMs });
    const [holder] = spawnFleet(1, { loginDelayMs: 60_000, loginLockMs: lockMs });
    await Promise.all(workers.map((worker) => worker.ready()));
    holder?.send(1);
    // The holder now has the lock and sits in its (slow) sign-in; the fleet starts waiting for it.
    expect(await holder?.next()).toEqual({ authenticating: true });
    const pending = Promise.all(fleet.map((worker) => worker.round(CALLERS)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    holder?.child.kill('SIGKILL');
    const killedAt = Date.now();
    const results = await pending;
    const sinceKill = Date.now() - killedAt;
    expect(total(results)).toEqual({ ok: (PROCESSES - 1) * CALLERS, failed: 0 });
    expect(logins()).toBe(1);
    // Everyone waited for the holder (not logged in on their own) and then for the one new login.
    const waited = results.flatMap((r) => r.events).filter((event) => / waited=[1-9]/.test(event));
    expect(waited.length).toBe(PROCESSES - 2);
    // The lock's TTL plus one login. Without the expiry the fleet would wait for the holder's 60 s sign-in
    // and fail at its 20 s login timeout (the `failed: 0` above catches that); this bound stays below it,
    // with room above the TTL for a heavily loaded 2-core machine (10.9 s seen at load 13). The benchmark
    // measures the real figure.
    expect(sinceKill).toBeLessThan(lockMs + 15_000);
  }, 60_000);

  it('keeps working per process while Redis is down, and shares again once it is back', async () => {
    const fleet = spawnFleet(3);
    await redis.kill();
    const down = await Promise.all(fleet.map((worker) => worker.round(20)));
    expect(total(down)).toEqual({ ok: 60, failed: 0 });
    expect(down.every((r) => r.events.some((event) => event.includes('store-unavailable')))).toBe(true);
    expect(logins()).toBe(3);
    await redis.restart();
    // A fresh fleet after the outage shares one login again.
    const fresh = spawnFleet(3);
    const back = await Promise.all(fresh.map((worker) => worker.round(20)));
    expect(total(back)).toEqual({ ok: 60, failed: 0 });
    expect(logins()).toBe(4);
  }, 60_000);
});
