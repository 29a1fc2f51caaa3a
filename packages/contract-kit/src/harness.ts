import { inspect } from 'node:util';
import {
  type AuthStrategy,
  createDataApiSession,
  type DataApiSession,
  type DataApiSessionOptions,
  type SessionEvent,
} from '@fmauth/core';
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock-server';
import type { ContractEnvironment, StrategyContractOptions } from './contract-options.js';

/** Per-suite state: the mock, and the sessions a test opened (closed after each test). */
export class ContractHarness {
  readonly options: StrategyContractOptions;
  #server: MockServer | undefined;
  #env: ContractEnvironment | undefined;
  readonly #open = new Set<DataApiSession>();

  constructor(options: StrategyContractOptions) {
    this.options = options;
  }

  get env(): ContractEnvironment {
    if (!this.#env) throw new Error('the contract suite has not started its mock yet');
    return this.#env;
  }

  get database(): string {
    return this.options.database ?? 'Contacts';
  }

  get layout(): string {
    return this.options.layout ?? 'Contacts';
  }

  /** Base URL of the server under test. */
  get baseUrl(): string {
    const url = this.env.endpoints[this.options.server];
    if (!url) {
      throw new Error(
        `the mock has no "${this.options.server}" endpoint (it has ${Object.keys(this.env.endpoints).join(', ')})`,
      );
    }
    return url;
  }

  async start(): Promise<void> {
    let readiness: Record<string, unknown> & { endpoints: Readonly<Record<string, string>> };
    if (this.options.mock) {
      readiness = { ...this.options.mock };
    } else {
      this.#server = await startMockServer(this.options.fixture ? { fixture: this.options.fixture } : {});
      readiness = this.#server.readiness;
    }
    const controlUrl = readiness.endpoints.control;
    if (!controlUrl) throw new Error('the mock readiness has no control endpoint');
    this.#env = { endpoints: readiness.endpoints, readiness, control: mockControl(controlUrl) };
  }

  async stop(): Promise<void> {
    await this.closeSessions();
    await this.#server?.close();
  }

  async closeSessions(): Promise<void> {
    await Promise.all([...this.#open].map((session) => session.close()));
    this.#open.clear();
  }

  /** A session on the server under test; `events` collects what it reports. */
  session(
    strategy: AuthStrategy,
    overrides: Partial<DataApiSessionOptions> = {},
  ): { session: DataApiSession; events: SessionEvent[] } {
    const events: SessionEvent[] = [];
    const session = createDataApiSession({
      baseUrl: this.baseUrl,
      database: this.database,
      strategy,
      ...this.options.sessionOptions,
      ...overrides,
      onEvent: (event) => {
        events.push(event);
        overrides.onEvent?.(event);
      },
    });
    this.#open.add(session);
    return { session, events };
  }

  validStrategy(): AuthStrategy {
    return this.options.validStrategy(this.env);
  }

  /** Counters of the server under test. */
  async stats(): Promise<Record<string, number>> {
    const all = await this.env.control.stats();
    const mine = all[this.options.server];
    if (!mine) throw new Error(`the mock reports no stats for "${this.options.server}"`);
    return mine;
  }
}

/** Every way an object can end up in a log: none may contain a secret. */
export function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 8, showHidden: false }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular structures cannot leak through JSON.stringify.
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 8 }));
  }
  return out;
}
