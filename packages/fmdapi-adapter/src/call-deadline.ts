import { TimeoutError } from '@fmauth/core';

/** The abort reason of our own deadline, told apart from the caller's own abort by identity. */
class AdapterDeadline extends Error {
  override readonly name = 'FmAuthAdapterDeadline';
}

/** What bounds one call, taken from the `timeout` and `fetch.signal` of a @proofkit/fmdapi request. */
export interface CallBounds {
  /** Milliseconds for the whole call, login included. */
  readonly timeoutMs?: number | undefined;
  /** The caller's own abort signal (`fetch: { signal }`). */
  readonly signal?: AbortSignal | null | undefined;
  /** `METHOD path` for the timeout message. */
  readonly endpoint: string;
}

/**
 * Runs `call` with the caller's deadline and abort signal. The signal goes into the request, so an abort
 * drops the connection; the race covers a login in flight, which the request signal cannot cut short
 * (that login is shared with other callers, so it goes on and its token is kept).
 */
export async function withCallBounds<T>(
  bounds: CallBounds,
  call: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  const { timeoutMs, signal: callerSignal, endpoint } = bounds;
  const hasDeadline = typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs);
  if (!hasDeadline && !callerSignal) return call(undefined);
  if (callerSignal?.aborted) throw callerSignal.reason;

  const controller = new AbortController();
  const deadline = new AdapterDeadline(`deadline of ${timeoutMs} ms`);
  let timer: NodeJS.Timeout | undefined;
  let onCallerAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    if (hasDeadline) {
      timer = setTimeout(() => {
        controller.abort(deadline);
        reject(deadline);
      }, timeoutMs);
      timer.unref?.();
    }
    if (callerSignal) {
      onCallerAbort = () => {
        controller.abort(callerSignal.reason);
        reject(callerSignal.reason);
      };
      callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    }
  });
  // The loser of the race must not become an unhandled rejection.
  stopped.catch(() => undefined);
  const running = call(controller.signal);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, stopped]);
  } catch (error) {
    if (error === deadline || (controller.signal.reason === deadline && isAbortOf(error, deadline))) {
      throw new TimeoutError(
        `${endpoint} got no answer within the call's timeout of ${timeoutMs} ms (the "timeout" option of this @proofkit/fmdapi call). Raise it, or leave it out to use the session's own timeouts.`,
        { phase: 'request', timeoutMs: timeoutMs as number, endpoint },
      );
    }
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    if (onCallerAbort) callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function isAbortOf(error: unknown, reason: Error): boolean {
  return error === reason || (error instanceof Error && error.cause === reason);
}
