/**
 * Runs `run` and settles within `timeoutMs`, or as soon as `outer` aborts, whichever comes first.
 * node-redis honours an abort only while a command is still queued; once written, only its reply or
 * a dead socket settles it. So the race is ours: the caller is never held, and the late settlement of
 * an abandoned command is swallowed here instead of becoming an unhandled rejection.
 */
export function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer: AbortSignal | undefined,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (!finish()) return;
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    const timer = setTimeout(() => {
      if (!finish()) return;
      const error = onTimeout();
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    if (outer?.aborted) {
      onAbort();
      return;
    }
    outer?.addEventListener('abort', onAbort, { once: true });
    let promise: Promise<T>;
    try {
      promise = run(controller.signal);
    } catch (error) {
      if (finish()) reject(error);
      return;
    }
    promise.then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}
