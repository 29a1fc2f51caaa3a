/**
 * A small typed client for the mock's control API, for test suites and CI scripts.
 *
 * @example
 * const control = mockControl(server.endpoints.control);
 * await control.reset();
 * await control.advanceClock({ minutes: 16 });
 * expect((await control.stats()).filemakerServer.successfulLogins).toBe(1);
 */
export interface MockControl {
  stats(): Promise<Record<string, Record<string, number>>>;
  reset(): Promise<void>;
  advanceClock(by: {
    readonly ms?: number;
    readonly seconds?: number;
    readonly minutes?: number;
  }): Promise<{ now: number }>;
  options(): Promise<Record<string, unknown>>;
  setOptions(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Ends every Data API session, as a server restart does. */
  expireSessions(): Promise<void>;
  /** Calls any control route, for routes a flavor adds. Throws on a non-2xx answer. */
  call<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

const TIMEOUT_MS = 10_000;

export function mockControl(controlUrl: string): MockControl {
  const base = controlUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`mock control ${method} ${path} failed: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    stats: () => call('GET', '/stats'),
    reset: async () => {
      await call('POST', '/reset');
    },
    advanceClock: ({ ms = 0, seconds = 0, minutes = 0 }) =>
      call('POST', '/clock', { advanceMs: ms + seconds * 1000 + minutes * 60_000 }),
    options: () => call('GET', '/options'),
    setOptions: (patch) => call('PATCH', '/options', patch),
    expireSessions: async () => {
      await call('POST', '/sessions/expire');
    },
    call,
  };
}
