import { inspect } from 'node:util';
import {
  type AuthStrategy,
  createDataApiSession,
  type DataApiSession,
  type DataApiSessionOptions,
  type SessionEvent,
} from '@fmauth/core';
import {
  type MockServer,
  type MockService,
  mockControl,
  type ServiceFactory,
  startMockServer,
} from '@fmauth/mock';
import type { ContractEnvironment, StrategyContractOptions } from './contract-options.js';
import { flavorOfServer } from './flavors.js';

/**
 * What the strategy declares about itself, read from one strategy the factory made once the mock is
 * up. Tests are gated on this (abstract-level's `supports`), not on suite options.
 */
export interface DeclaredCapabilities {
  readonly flavors: readonly string[];
  readonly invalidate: boolean;
  /** `AuthStrategy.identity`, kept `unknown` because checking its type is a test's job. */
  readonly identity: unknown;
}

/** Per-suite state: the mock, and the sessions a test opened (closed after each test). */
export class ContractHarness {
  readonly options: StrategyContractOptions;
  /** The key of the server under test in the mock's endpoints. */
  readonly server: string;
  #server: MockServer | undefined;
  #env: ContractEnvironment | undefined;
  #declared: DeclaredCapabilities | undefined;
  readonly #open = new Set<DataApiSession>();

  constructor(options: StrategyContractOptions, server: string) {
    this.options = options;
    this.server = server;
  }

  /** The flavor of the server under test, if the kit knows it. */
  get flavor() {
    return flavorOfServer(this.server);
  }

  get declared(): DeclaredCapabilities {
    if (!this.#declared) throw new Error("the contract suite has not read the strategy's capabilities yet");
    return this.#declared;
  }

  /**
   * Why no test runs on this server: the suite picked the server from the flavors the kit knows
   * (no `server` option) and the strategy does not declare this one.
   */
  get notForThisServer(): string | undefined {
    if (this.options.server !== undefined || !this.flavor) return undefined;
    return this.declared.flavors.includes(this.flavor)
      ? undefined
      : `the strategy does not declare the ${this.flavor} flavor`;
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
    const url = this.env.endpoints[this.server];
    if (!url) {
      throw new Error(
        `the mock has no "${this.server}" endpoint (it has ${Object.keys(this.env.endpoints).join(', ')})`,
      );
    }
    return url;
  }

  async start(): Promise<void> {
    let readiness: Record<string, unknown> & { endpoints: Readonly<Record<string, string>> };
    const mounted: string[] = [];
    if (this.options.mock) {
      readiness = { ...this.options.mock };
    } else {
      this.#server = await startMockServer({
        ...(this.options.fixture ? { fixture: this.options.fixture } : {}),
        services: recordingKeys(this.options.services ?? [], mounted),
      });
      readiness = this.#server.readiness;
    }
    const controlUrl = readiness.endpoints.control;
    if (!controlUrl) throw new Error('the mock readiness has no control endpoint');
    this.#env = {
      endpoints: readiness.endpoints,
      services: Object.fromEntries(
        mounted.flatMap((key) => {
          const url = readiness.endpoints[key];
          return url === undefined ? [] : [[key, url]];
        }),
      ),
      readiness,
      control: mockControl(controlUrl),
      server: this.server,
      flavor: this.flavor,
    };
    const probe = this.validStrategy();
    this.#declared = {
      flavors: Array.isArray(probe.flavors) ? [...probe.flavors] : [],
      invalidate: typeof probe.invalidate === 'function',
      identity: (probe as { readonly identity?: unknown }).identity,
    };
    await probe.close?.();
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
    const mine = all[this.server];
    if (!mine) throw new Error(`the mock reports no stats for "${this.server}"`);
    return mine;
  }
}

/** The factories, each noting the keys of the services it makes in `keys`. */
function recordingKeys(factories: readonly ServiceFactory[], keys: string[]): ServiceFactory[] {
  return factories.map((factory) => (ctx) => {
    const made = factory(ctx);
    const list: readonly MockService[] = Array.isArray(made) ? made : [made as MockService];
    // The mock itself checks what factories return; a key is noted only when there is one.
    for (const service of list) if (typeof service?.key === 'string') keys.push(service.key);
    return made;
  });
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
