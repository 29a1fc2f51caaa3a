import {
  type AuthenticateContext,
  createDataApiSession,
  type DataApiSession,
  type DataApiSessionOptions,
} from '@fmauth/core';
import {
  type FixtureInput,
  type MockControl,
  type MockServer,
  mockControl,
  startMockServer,
} from '@fmauth/mock';
import { getGlobalDispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type FileMakerCloudOptions, type FileMakerCloudStrategy, fileMakerCloud } from '../../src/index.js';

/** The default fixture's Claris IDs (documented in the mock's README). */
export const DEV = { clarisId: 'dev@example.com', password: 'ClarisID-pass-1' } as const;
export const NEW_USER = { clarisId: 'new@example.com', password: 'ClarisID-pass-2' } as const;
export const MFA = {
  clarisId: 'mfa@example.com',
  password: 'ClarisID-pass-3',
  totpSecret: 'JBSWY3DPEHPK3PXP',
} as const;
export const RESET = { clarisId: 'reset@example.com', password: 'ClarisID-pass-4' } as const;

/** What the mock's Cognito pool reports in its readiness line. */
export interface PoolReadiness {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
}

/** One mock server per test file, reset before each test; strategies and sessions closed after each. */
export interface CloudMock {
  readonly server: MockServer;
  readonly control: MockControl;
  readonly endpoints: Readonly<Record<string, string>>;
  readonly pool: PoolReadiness;
  /** A strategy for the mock (Cognito endpoint, pool, one attempt), closed after the test. */
  strategy(options?: Partial<FileMakerCloudOptions>): FileMakerCloudStrategy;
  /** A Data API session on the FileMaker Cloud flavor, closed after the test. */
  session(strategy: FileMakerCloudStrategy, options?: Partial<DataApiSessionOptions>): DataApiSession;
  cognitoStats(): Promise<Record<string, number>>;
  cloudStats(): Promise<Record<string, number>>;
  /** Moves the mock's clock and the given test clock together. */
  advance(clock: TestClock, minutes: number): Promise<void>;
}

/** Registers the hooks and returns the (lazily filled) environment. */
export function useCloudMock(fixture?: FixtureInput): CloudMock {
  let server: MockServer | undefined;
  const strategies: FileMakerCloudStrategy[] = [];
  const sessions: DataApiSession[] = [];
  const need = (): MockServer => {
    if (!server) throw new Error('the mock has not started');
    return server;
  };
  beforeAll(async () => {
    server = await startMockServer(fixture ? { fixture } : {});
  });
  afterAll(() => server?.close());
  beforeEach(() => mockControl(need().endpoints.control as string).reset());
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await Promise.all(strategies.splice(0).map((strategy) => strategy.close()));
  });

  const env: CloudMock = {
    get server() {
      return need();
    },
    get control() {
      return mockControl(need().endpoints.control as string);
    },
    get endpoints() {
      return need().endpoints;
    },
    get pool() {
      return need().readiness.cognito as PoolReadiness;
    },
    strategy(options = {}) {
      const strategy = fileMakerCloud({
        ...DEV,
        pool: env.pool,
        ...options,
        cognito: { endpoint: env.endpoints.cognito, maxAttempts: 1, ...options.cognito },
      });
      strategies.push(strategy);
      return strategy;
    },
    session(strategy, options = {}) {
      const session = createDataApiSession({
        baseUrl: env.endpoints.filemakerCloud as string,
        database: 'Contacts',
        strategy,
        ...options,
      });
      sessions.push(session);
      return session;
    },
    async cognitoStats() {
      return (await env.control.stats()).cognito as Record<string, number>;
    },
    async cloudStats() {
      return (await env.control.stats()).filemakerCloud as Record<string, number>;
    },
    async advance(clock, minutes) {
      await env.control.advanceClock({ minutes });
      clock.advance(minutes * 60_000);
    },
  };
  return env;
}

/** A clock the test moves by hand, alongside the mock's. */
export class TestClock {
  #now = Date.now();
  readonly now = (): number => this.#now;
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** What core passes to authenticate(), for tests that call the strategy directly. */
export function authContext(overrides: Partial<AuthenticateContext> = {}): AuthenticateContext {
  return {
    reason: 'initial',
    api: 'data-api',
    baseUrl: new URL('http://127.0.0.1/'),
    database: 'Contacts',
    signal: AbortSignal.timeout(30_000),
    dispatcher: getGlobalDispatcher(),
    ...overrides,
  };
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the promise resolved');
    },
    (error: unknown) => error,
  );
}
