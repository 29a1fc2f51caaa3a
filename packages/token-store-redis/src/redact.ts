const REDACTED = '[redacted]';
// Any scheme://userinfo@ in a message, whatever the secret: covers URLs we never saw (an app's client).
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/**
 * Removes credentials from text before it leaves the package. Built from every form a secret may take
 * in a message (raw, percent-encoded, the whole URL), longest first so no form is left half replaced.
 */
export class Redactor {
  readonly #secrets: readonly string[];

  constructor(secrets: ReadonlyArray<string | undefined>) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (!secret) continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
    }
    this.#secrets = [...forms].sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text.replace(URL_USERINFO, `$1${REDACTED}@`);
    for (const secret of this.#secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /**
   * A clean copy of an error from node-redis or node:net to use as `cause`: scrubbed message and stack,
   * the same class name and `code`, and nothing else (no `input`, `options` or other fields that could
   * carry the URL into `JSON.stringify` or `util.inspect`).
   */
  sanitize(error: unknown): Error {
    const copy = new Error(this.scrub(describeError(error)));
    const name = errorName(error);
    copy.name = name;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' || typeof code === 'number') {
      Object.defineProperty(copy, 'code', { value: code, enumerable: true });
    }
    const stack = (error as { stack?: unknown } | null)?.stack;
    if (typeof stack === 'string') {
      // Keep the frames (they say where in node-redis it failed), but put our clean first line on top.
      const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
      copy.stack = [`${name}: ${copy.message}`, ...frames.map((line) => this.scrub(line))].join('\n');
    }
    return copy;
  }
}

/**
 * A readable one-line description of any thrown value. `net` reports a refused localhost connection
 * as an AggregateError with an empty message (one error per address family): show the inner ones.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) {
    return inner.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : errorName(error);
}

/** node-redis errors do not set `name`; their class name says what they are (`ConnectionTimeoutError`). */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const ctor = error.constructor?.name;
  return ctor && ctor !== 'Error' ? ctor : error.name;
}
