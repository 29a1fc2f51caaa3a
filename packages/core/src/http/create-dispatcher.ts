import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import { assertOptionalPositiveNumber, InvalidArgumentError } from '../invalid-argument.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUTS,
  type ResolvedLimits,
  type ResolvedTimeouts,
  type ResponseLimitOptions,
  type TimeoutOptions,
  type TransportOptions,
} from './transport-options.js';

export interface ResolvedTransport {
  readonly dispatcher: Dispatcher;
  /** Whether we created the dispatcher, and so must close it. */
  readonly owned: boolean;
  readonly timeouts: ResolvedTimeouts;
  readonly limits: ResolvedLimits;
}

export function resolveTimeouts(timeouts: TimeoutOptions | undefined): ResolvedTimeouts {
  for (const key of ['connectMs', 'requestMs', 'loginMs', 'logoutMs', 'storeMs', 'loginLockMs'] as const) {
    assertOptionalPositiveNumber(timeouts?.[key], `timeouts.${key}`);
  }
  return { ...DEFAULT_TIMEOUTS, ...stripUndefined(timeouts ?? {}) };
}

export function resolveLimits(limits: ResponseLimitOptions | undefined): ResolvedLimits {
  if (limits !== undefined && (typeof limits !== 'object' || limits === null)) {
    throw new InvalidArgumentError(
      '"limits" must be an object like { callBytes, controlBytes }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  for (const key of ['callBytes', 'controlBytes'] as const) {
    const value = limits?.[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
      throw new InvalidArgumentError(
        `"limits.${key}" must be a positive whole number of bytes, got ${String(value)}`,
      );
    }
  }
  return { ...DEFAULT_LIMITS, ...stripUndefined(limits ?? {}) };
}

/** Builds the undici dispatcher for a session: the caller's own, a proxy agent, or a plain agent. */
export function resolveTransport(options: TransportOptions): ResolvedTransport {
  const timeouts = resolveTimeouts(options.timeouts);
  const limits = resolveLimits(options.limits);
  if (options.dispatcher) return { dispatcher: options.dispatcher, owned: false, timeouts, limits };

  const tls = options.tls ? stripUndefined({ ...options.tls }) : {};
  const connect = { timeout: timeouts.connectMs, ...tls } as Agent.Options['connect'];
  if (options.proxy !== undefined) {
    let uri: URL;
    try {
      uri = new URL(String(options.proxy));
    } catch {
      throw new InvalidArgumentError('"proxy" must be an http:// or https:// URL');
    }
    if (uri.protocol !== 'http:' && uri.protocol !== 'https:') {
      throw new InvalidArgumentError('"proxy" must be an http:// or https:// URL');
    }
    const dispatcher = new ProxyAgent({
      uri: uri.href,
      requestTls: tls as ProxyAgent.Options['requestTls'],
      connect,
    });
    return { dispatcher, owned: true, timeouts, limits };
  }
  return { dispatcher: new Agent({ connect }), owned: true, timeouts, limits };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
