import {
  type DataApiSessionOptions,
  FileMakerError,
  type FmAuthError,
  InvalidCredentialsError,
  NetworkError,
  RateLimitedError,
  type ServerFlavor,
  SessionLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { type FaultInput, type FaultKind, mockFaults } from '@fmauth/mock';
import { expect } from 'vitest';
import { type ContractHarness, renderings } from '../harness.js';
import { contractTest, type StrategyRequirement } from './contract-test.js';
import { serviceFaultSuite } from './service-fault-suite.js';
import { settleWithin } from './settle-within.js';

/** An error class of `@fmauth/core`, matched with `instanceof` (which works across copies of core). */
type ErrorClass = abstract new (...args: never[]) => FmAuthError;

/** What a faulted exchange must end in: a typed error, or a successful call after core's recovery. */
type Outcome =
  | {
      readonly error: ErrorClass;
      readonly code: string;
      readonly status?: number;
      readonly fmCode?: string;
      readonly phase?: string;
    }
  | { readonly recovers: { readonly logins: number } };

/** One row of the table: a fault kind, where it hits, and what the session must make of it. */
export interface FaultCase {
  readonly kind: FaultKind;
  /** `login`: the Data API login (`POST …/sessions`); `call`: a record read once logged in. */
  readonly at: 'login' | 'call';
  readonly outcome: Outcome;
  /** The outcome instead when the strategy has `invalidate()`: core then retries a refused login once. */
  readonly outcomeWithInvalidate?: Outcome;
  /** Extra fault fields (`delayMs`, `times`, …). */
  readonly fault?: Partial<FaultInput>;
  /** The mock service to fault, when not the server under test (`cognito`). */
  readonly service?: string;
  /** Only for these flavors (Cognito throttling: FileMaker Cloud, which signs in through Cognito). */
  readonly flavors?: readonly ServerFlavor[];
  /** Short timeouts for this case, so a hang ends fast. */
  readonly timeouts?: DataApiSessionOptions['timeouts'];
  /**
   * Data API sessions the fault leaves open on the server that the client cannot log out: the fault
   * says the session is gone when it is not (952, an HTML 401 on a call), or loses the token of a
   * login the server did process (truncated JSON). After `close()`, logouts = logins − orphaned.
   */
  readonly orphaned?: number;
}

const SHORT = { requestMs: 1_000, loginMs: 1_500 } as const;

/** Every fault kind of the mock, where it hits, and the documented outcome (core's errors table). */
export const FAULT_CASES: readonly FaultCase[] = [
  { kind: 'reset', at: 'login', outcome: { error: NetworkError, code: 'FMAUTH_NETWORK' } },
  { kind: 'reset', at: 'call', outcome: { error: NetworkError, code: 'FMAUTH_NETWORK' } },
  { kind: 'delay', at: 'call', fault: { delayMs: 300 }, outcome: { recovers: { logins: 1 } } },
  {
    kind: 'hang',
    at: 'login',
    timeouts: SHORT,
    outcome: { error: TimeoutError, code: 'FMAUTH_TIMEOUT', phase: 'login' },
  },
  {
    kind: 'hang',
    at: 'call',
    timeouts: SHORT,
    outcome: { error: TimeoutError, code: 'FMAUTH_TIMEOUT', phase: 'request' },
  },
  {
    kind: 'server-error',
    at: 'call',
    outcome: { error: FileMakerError, code: 'FMAUTH_FILEMAKER_ERROR', status: 500, fmCode: '951' },
  },
  {
    kind: 'bad-gateway',
    at: 'login',
    outcome: { error: UnexpectedResponseError, code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 502 },
  },
  {
    kind: 'bad-gateway',
    at: 'call',
    outcome: { error: UnexpectedResponseError, code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 502 },
  },
  {
    kind: 'html-401',
    at: 'login',
    outcome: { error: InvalidCredentialsError, code: 'FMAUTH_INVALID_CREDENTIALS', status: 401 },
    outcomeWithInvalidate: { recovers: { logins: 1 } },
  },
  { kind: 'html-401', at: 'call', orphaned: 1, outcome: { recovers: { logins: 2 } } },
  {
    kind: 'truncated-json',
    at: 'login',
    orphaned: 1,
    outcome: { error: UnexpectedResponseError, code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 200 },
  },
  {
    kind: 'truncated-json',
    at: 'call',
    outcome: { error: UnexpectedResponseError, code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 200 },
  },
  { kind: 'filemaker-952', at: 'call', orphaned: 1, outcome: { recovers: { logins: 2 } } },
  {
    kind: 'filemaker-956',
    at: 'login',
    outcome: { error: SessionLimitError, code: 'FMAUTH_SESSION_LIMIT', status: 500, fmCode: '956' },
  },
  {
    kind: 'filemaker-812',
    at: 'login',
    outcome: { error: SessionLimitError, code: 'FMAUTH_SESSION_LIMIT', status: 500, fmCode: '812' },
  },
  {
    kind: 'cognito-throttle',
    at: 'login',
    service: 'cognito',
    // More than any strategy's own retries: the throttling must outlast them.
    fault: { times: 50 },
    flavors: ['filemaker-cloud'],
    outcome: { error: RateLimitedError, code: 'FMAUTH_RATE_LIMITED' },
  },
];

/** Longest a faulted exchange may take beyond its own deadline before it counts as left pending. */
const SETTLE_SLACK_MS = 15_000;

const forFlavors =
  (flavors: readonly ServerFlavor[] | undefined, h: ContractHarness): StrategyRequirement =>
  () =>
    flavors && !(h.flavor && flavors.includes(h.flavor))
      ? `only for ${flavors.join(', ')}, whose login goes through it`
      : undefined;

const describeOutcome = (outcome: Outcome): string =>
  'recovers' in outcome
    ? `succeeds after ${outcome.recovers.logins === 1 ? 'waiting' : 'one re-login and one replay'}`
    : `ends in ${outcome.error.name}${outcome.fmCode ? ` (${outcome.fmCode})` : ''}`;

/**
 * Every fault kind of the mock's fault injection against a session with the strategy: each ends in
 * its documented typed error (or recovers) within its deadline, with no promise left pending, no
 * secret in the error or the events, the session usable once the fault is gone, and every session
 * the client knows of logged out by `close()`.
 */
export function faultSuite(h: ContractHarness): void {
  for (const c of FAULT_CASES) {
    const where = `${c.kind} on the ${c.at === 'login' ? 'login' : 'first call after login'}`;
    const name = c.outcomeWithInvalidate
      ? `${where} ${describeOutcome(c.outcome)}, or with invalidate() ${describeOutcome(c.outcomeWithInvalidate).replace('after waiting', 'after one retry')}`
      : `${where} ${describeOutcome(c.outcome)}`;
    contractTest(h, name, async () => runCase(h, c), forFlavors(c.flavors, h), 60_000);
  }
  serviceFaultSuite(h);
}

async function runCase(h: ContractHarness, c: FaultCase): Promise<void> {
  const faults = mockFaults(h.env.endpoints.control as string);
  const timeouts = { ...h.options.sessionOptions?.timeouts, ...c.timeouts };
  const { session, events } = h.session(h.validStrategy(), { timeouts });
  const deadline =
    (c.at === 'login' ? (timeouts.loginMs ?? 30_000) : (timeouts.requestMs ?? 30_000)) + SETTLE_SLACK_MS;

  if (c.at === 'call') await session.getRecords(h.layout, { limit: 1 });
  await faults.add({
    kind: c.kind,
    service: c.service ?? h.server,
    ...(c.service
      ? {}
      : c.at === 'login'
        ? { path: '/sessions', method: 'POST' }
        : { path: '/records', method: 'GET' }),
    ...c.fault,
  } as FaultInput);

  const started = Date.now();
  const result = await settleWithin(
    session.getRecords(h.layout, { limit: 1 }),
    deadline,
    `the ${c.kind} call`,
  );
  const elapsed = Date.now() - started;

  const outcome = (h.declared.invalidate && c.outcomeWithInvalidate) || c.outcome;
  if ('recovers' in outcome) {
    if (!result.ok) throw result.error;
    expect(result.value.data).toHaveLength(1);
    expect((await h.stats()).successfulLogins).toBe(outcome.recovers.logins);
  } else {
    expect(result.ok, `the ${c.kind} fault should have failed the call`).toBe(false);
    const error = (result as { error: unknown }).error;
    const { error: cls, ...fields } = outcome;
    expect(error, String(error)).toBeInstanceOf(cls);
    expect(error).toMatchObject(fields);
    for (const text of renderings(error)) {
      for (const secret of h.options.secrets) {
        expect(text.includes(secret), `the ${c.kind} error contains a secret`).toBe(false);
      }
    }
  }
  expect(elapsed, `the ${c.kind} exchange took ${elapsed} ms`).toBeLessThan(deadline);

  // Once the fault is gone, the same session works again.
  await faults.clear();
  await expect(
    settleWithin(session.getRecords(h.layout, { limit: 1 }), 30_000, 'the call after the fault'),
  ).resolves.toMatchObject({ ok: true });

  await session.close();
  for (const event of events) {
    for (const text of renderings(event)) {
      for (const secret of h.options.secrets) {
        expect(text.includes(secret), `a ${event.type} event contains a secret`).toBe(false);
      }
    }
  }
  const stats = await h.stats();
  expect(stats.logouts, `logouts after close() (${JSON.stringify(stats)})`).toBe(
    (stats.successfulLogins ?? 0) - (c.orphaned ?? 0),
  );
  const all = await h.env.control.stats();
  expect(all.faults?.holding ?? 0, 'requests the mock still holds').toBe(0);
}
