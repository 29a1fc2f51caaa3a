import type { MockResponse } from '../core/mock-http.js';
import { faultResponse, truncate } from './fault-responses.js';
import {
  type Fault,
  type FaultInput,
  FaultInputError,
  type FaultKind,
  parseFaultInput,
} from './fault-schema.js';

/**
 * Fault injection, in process: "the next N requests matching a service / path / method fail in a
 * chosen way". The same list backs `POST/GET/DELETE /__control/faults` and the msw handlers.
 *
 * @example
 * server.mock.faults.add({ kind: 'filemaker-952', service: 'filemakerServer', path: '/records', times: 1 });
 */
export interface MockFaults {
  /** Adds a fault; throws a {@link FaultInputError} (a TypeError) that names every bad field. */
  add(fault: FaultInput): Fault;
  /** The faults still waiting for a request, oldest first. */
  list(): Fault[];
  /** Removes every fault and lets go of requests a `hang` or `delay` fault is holding. Returns how many were removed. */
  clear(): number;
  /**
   * `{ injected, pending, holding, <kind>: count }` as `GET /stats` shows under `faults`: faults
   * injected so far, requests the waiting faults will still fail, requests a `hang` or `delay` holds
   * right now, and injections per kind.
   */
  stats(): Record<string, number>;
}

interface Entry {
  readonly fault: Omit<Fault, 'remaining'>;
  remaining: number;
  readonly pattern?: RegExp;
}

/** A fault taken for one request. */
export interface TakenFault {
  readonly kind: FaultKind;
  readonly delayMs?: number;
  readonly status?: number;
}

/** The mock's fault list. `take()` and `inject()` are for the mock core; tests use {@link MockFaults}. */
export class FaultInjector implements MockFaults {
  readonly #services: () => readonly string[];
  #entries: Entry[] = [];
  #nextId = 1;
  #counts = new Map<string, number>();
  /** Wakes every request a `hang` or `delay` fault is holding. */
  readonly #held = new Set<() => void>();

  /** `services` lists the flavor keys faults may name (every simulated server; not the control API). */
  constructor(services: () => readonly string[]) {
    this.#services = services;
  }

  add(input: FaultInput): Fault {
    const parsed = parseFaultInput(input);
    const service = parsed.service === undefined ? undefined : this.#serviceKey(parsed.service);
    const fault: Omit<Fault, 'remaining'> = {
      id: String(this.#nextId++),
      kind: parsed.kind,
      ...(service === undefined ? {} : { service }),
      ...(parsed.path === undefined ? {} : { path: parsed.path }),
      ...(parsed.method === undefined ? {} : { method: parsed.method }),
      times: parsed.times,
      ...(parsed.delayMs === undefined ? {} : { delayMs: parsed.delayMs }),
      ...(parsed.status === undefined ? {} : { status: parsed.status }),
    };
    const entry: Entry = {
      fault,
      remaining: parsed.times,
      ...(parsed.path?.includes('*') ? { pattern: globPattern(parsed.path) } : {}),
    };
    this.#entries.push(entry);
    return { ...fault, remaining: entry.remaining };
  }

  list(): Fault[] {
    return this.#entries.map((entry) => ({ ...entry.fault, remaining: entry.remaining }));
  }

  clear(): number {
    const removed = this.#entries.length;
    this.#entries = [];
    for (const wake of [...this.#held]) wake();
    this.#held.clear();
    return removed;
  }

  stats(): Record<string, number> {
    let injected = 0;
    for (const count of this.#counts.values()) injected += count;
    const pending = this.#entries.reduce((sum, entry) => sum + entry.remaining, 0);
    return { injected, pending, holding: this.#held.size, ...Object.fromEntries(this.#counts) };
  }

  /** Back to no faults and zero counters (the mock's reset). */
  reset(): void {
    this.clear();
    this.#counts.clear();
    this.#nextId = 1;
  }

  /** The first waiting fault matching the request, counted as used; `undefined` when none does. */
  take(service: string, method: string, path: string): TakenFault | undefined {
    if (this.#entries.length === 0) return undefined;
    let decoded: string | undefined;
    const index = this.#entries.findIndex(({ fault, pattern }) => {
      if (fault.service !== undefined && fault.service !== service) return false;
      if (fault.method !== undefined && fault.method !== method) return false;
      if (fault.path === undefined) return true;
      decoded ??= safeDecode(path);
      return pattern
        ? pattern.test(path) || pattern.test(decoded)
        : path.includes(fault.path) || decoded.includes(fault.path);
    });
    const entry = this.#entries[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.#entries.splice(index, 1);
    const { kind, delayMs, status } = entry.fault;
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
    return {
      kind,
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(status === undefined ? {} : { status }),
    };
  }

  /** The answer of a request a fault was taken for; `answer` computes the real one. */
  async inject(
    fault: TakenFault,
    service: string,
    answer: () => Promise<MockResponse>,
  ): Promise<MockResponse> {
    switch (fault.kind) {
      case 'reset':
        return { status: 0, transport: { action: 'reset' } };
      case 'hang':
        return { status: 0, transport: this.#hold() };
      case 'delay': {
        const { released, abandon } = this.#hold();
        const timer = setTimeout(abandon, fault.delayMs ?? 0);
        await released;
        clearTimeout(timer);
        return answer();
      }
      case 'truncated-json':
        return truncate(await answer());
      default:
        return faultResponse(fault.kind, service, fault.status);
    }
  }

  /** A request held until the faults are cleared (`released`), or until `abandon()` lets it go. */
  #hold(): { action: 'hang'; released: Promise<void>; abandon(): void } {
    let wake!: () => void;
    const released = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.#held.add(wake);
    return {
      action: 'hang',
      released,
      abandon: () => {
        this.#held.delete(wake);
        wake();
      },
    };
  }

  /** A flavor key from its own spelling or its kebab-case form (`claris-server` → `clarisServer`). */
  #serviceKey(name: string): string {
    const services = this.#services();
    const wanted = name.replace(/-/g, '').toLowerCase();
    const key = services.find((service) => service.toLowerCase() === wanted);
    if (!key) {
      throw new FaultInputError(
        `invalid fault: service: unknown service "${name}"; one of ${services.join(', ')}`,
      );
    }
    return key;
  }
}

/** `*` matches any run of characters (including `/`); everything else literally; the whole path. */
function globPattern(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
