import { TimeoutError, type TimeoutPhase } from './errors/error-classes.js';

const LOGIN_ADVICE =
  'Check that the identity provider and the server are reachable; raise the login timeout only if they are known to be slow.';

/**
 * Waits for `work`, but gives up when `signal` aborts, so a strategy that ignores its signal can never
 * hang a login. A timeout becomes a typed {@link TimeoutError}; any other abort reason is rethrown.
 */
export function untilAborted<T>(
  work: Promise<T> | T,
  signal: AbortSignal,
  details: {
    readonly phase: TimeoutPhase;
    readonly timeoutMs: number;
    readonly what: string;
    /** What to do about it, after the sentence that says what timed out. Default: login advice. */
    readonly advice?: string;
  },
): Promise<T> {
  const abortError = (): unknown => {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name !== 'TimeoutError') return reason;
    return new TimeoutError(
      `${details.what} did not finish within ${details.timeoutMs} ms. ${details.advice ?? LOGIN_ADVICE}`,
      { phase: details.phase, timeoutMs: details.timeoutMs, cause: reason },
    );
  };
  if (signal.aborted) return Promise.reject(abortError());
  if (!(work instanceof Promise)) return Promise.resolve(work);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
