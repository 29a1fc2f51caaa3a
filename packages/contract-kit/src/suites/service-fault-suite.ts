import { FmAuthError, NetworkError, TimeoutError } from '@fmauth/core';
import { type FaultKind, mockFaults } from '@fmauth/mock';
import { expect } from 'vitest';
import { type ContractHarness, renderings } from '../harness.js';
import { contractTest } from './contract-test.js';
import { settleWithin } from './settle-within.js';

/** A fault on one of the suite's `services` while the strategy logs in, and what it must end in. */
interface ServiceFaultCase {
  readonly kind: FaultKind;
  /** `undefined`: any typed error of @fmauth/core (`FmAuthError`); the strategy picks which. */
  readonly error?: typeof NetworkError | typeof TimeoutError;
  readonly phase?: 'login';
  /** `true`: the login must still succeed, only later. */
  readonly recovers?: true;
  readonly delayMs?: number;
}

const SERVICE_FAULT_CASES: readonly ServiceFaultCase[] = [
  { kind: 'reset', error: NetworkError },
  { kind: 'hang', error: TimeoutError, phase: 'login' },
  { kind: 'delay', recovers: true, delayMs: 300 },
  { kind: 'server-error' },
  { kind: 'bad-gateway' },
  { kind: 'html-401' },
  { kind: 'truncated-json' },
];

// More than any strategy's own retries: the fault must outlast them. A hang takes the whole deadline.
const TIMES = 50;
const SHORT = { requestMs: 1_000, loginMs: 1_500 } as const;
const SETTLE_SLACK_MS = 15_000;

const describeCase = (c: ServiceFaultCase) =>
  c.recovers
    ? 'the login succeeds after waiting'
    : `the login ends in ${c.error ? c.error.name : 'a typed FmAuthError'}${c.phase ? ` (phase ${c.phase})` : ''}`;

/**
 * Faults in the services the suite mounted with `services` (your identity provider, …), during the
 * login: each ends in a typed error of @fmauth/core within the login deadline, with no secret in the
 * error or the events and no request left held; once the fault is gone the same session logs in. A
 * login that does not reach a service (a cached credential) must simply succeed. Declared only when
 * the suite mounts services.
 */
export function serviceFaultSuite(h: ContractHarness): void {
  if (!h.options.services?.length) return;
  for (const c of SERVICE_FAULT_CASES) {
    contractTest(
      h,
      `${c.kind} on your services during the login: ${describeCase(c)}`,
      () => runCase(h, c),
      undefined,
      120_000,
    );
  }
}

async function runCase(h: ContractHarness, c: ServiceFaultCase): Promise<void> {
  const keys = Object.keys(h.env.services);
  expect(keys.length, 'the services the suite mounted').toBeGreaterThan(0);
  const faults = mockFaults(h.env.endpoints.control as string);
  for (const service of keys) {
    await h.env.control.reset();
    const timeouts = { ...h.options.sessionOptions?.timeouts, ...SHORT };
    const { session, events } = h.session(h.validStrategy(), { timeouts });
    await faults.add({
      kind: c.kind,
      service,
      times: c.kind === 'hang' ? 1 : TIMES,
      ...(c.delayMs === undefined ? {} : { delayMs: c.delayMs }),
    });
    const before = (await faults.list()).stats.injected ?? 0;
    const deadline = timeouts.loginMs + SETTLE_SLACK_MS;
    const started = Date.now();
    const result = await settleWithin(
      session.getRecords(h.layout, { limit: 1 }),
      deadline,
      `${c.kind} on ${service}`,
    );
    const elapsed = Date.now() - started;
    const reached = ((await faults.list()).stats.injected ?? 0) > before;

    if (c.recovers || !reached) {
      // Either the fault only slows the service down, or this login did not need the service at all.
      if (!result.ok) throw result.error;
    } else {
      expect(result.ok, `a ${c.kind} on ${service} should have failed the login`).toBe(false);
      const error = (result as { error: unknown }).error;
      expect(error, `${c.kind} on ${service}: ${String(error)}`).toBeInstanceOf(c.error ?? FmAuthError);
      if (c.phase) expect(error).toMatchObject({ phase: c.phase });
      expect((error as Error).message.length, 'an error message that says what happened').toBeGreaterThan(10);
      for (const text of renderings(error))
        for (const secret of h.options.secrets)
          expect(text.includes(secret), `the error of a ${c.kind} on ${service} contains a secret`).toBe(
            false,
          );
      expect((await h.stats()).successfulLogins, 'logins on the server under test').toBe(0);
    }
    expect(elapsed, `the login took ${elapsed} ms`).toBeLessThan(deadline);

    await faults.clear();
    const after = await settleWithin(
      session.getRecords(h.layout, { limit: 1 }),
      30_000,
      'the login after the fault',
    );
    if (!after.ok) throw after.error;
    await session.close();
    for (const event of events)
      for (const text of renderings(event))
        for (const secret of h.options.secrets)
          expect(text.includes(secret), `a ${event.type} event contains a secret`).toBe(false);
    expect((await h.env.control.stats()).faults?.holding ?? 0, 'requests the mock still holds').toBe(0);
  }
}
