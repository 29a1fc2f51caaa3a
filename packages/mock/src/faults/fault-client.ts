import type { Fault, FaultInput } from './fault-schema.js';

/** The fault routes of the control API over HTTP, for a mock in another process (e.g. the CLI). */
export interface MockFaultsClient {
  add(fault: FaultInput): Promise<Fault>;
  list(): Promise<{ faults: Fault[]; stats: Record<string, number> }>;
  clear(): Promise<{ cleared: number }>;
}

const TIMEOUT_MS = 10_000;

/**
 * A small typed client for `/__control/faults`.
 *
 * @example
 * const faults = mockFaults(endpoints.control);
 * await faults.add({ kind: 'bad-gateway', service: 'filemakerServer', times: 2 });
 */
export function mockFaults(controlUrl: string): MockFaultsClient {
  const url = `${controlUrl.replace(/\/+$/, '')}/faults`;
  const call = async <T>(method: string, body?: unknown): Promise<T> => {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`mock control ${method} /faults failed: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    add: (fault) => call('POST', fault),
    list: () => call('GET'),
    clear: () => call('DELETE'),
  };
}
