import { isSecret, type Secret } from './secret.js';
import type { LoginCredentials } from './strategy.js';

const REDACTED = '[redacted]';
/** Shorter values are not scrubbed: replacing every "ab" in a message would garble it and hide nothing. */
const MIN_LENGTH = 4;
/** Most values remembered; the oldest (tokens long since replaced) are forgotten first. */
const MAX_VALUES = 256;

/**
 * Removes known secrets from text a server sent back (a FileMaker message, a body preview, a Cognito
 * message) before it enters an error or an event. A server that echoes the request, e.g. a 401 page
 * that repeats the Authorization header, would otherwise put the password into `String(error)`,
 * `error.stack` and every log line.
 *
 * Each secret is matched as it is, base64 (standard and URL-safe) and URL-encoded; an `Authorization`
 * value also by its credentials part, and a `Basic` one by `user:password` and the password alone.
 * Only error paths pay for it: {@link scrub} runs when an error is built, never on a successful call.
 *
 * @example
 * const scrubber = new SecretScrubber();
 * scrubber.addCredentials(credentials);
 * scrubber.scrub(serverMessage); // '… [redacted] …'
 */
export class SecretScrubber {
  readonly #values = new Set<string>();
  #sorted: readonly string[] | undefined;

  /** Remembers a secret (a `Secret` or its revealed text) in all its encodings. */
  add(value: Secret<string> | string | undefined): this {
    const text = isSecret(value) ? value.reveal() : value;
    if (typeof text !== 'string' || text.length < MIN_LENGTH) return this;
    this.#remember(text);
    const space = text.indexOf(' ');
    if (space > 0) {
      // An Authorization value, `Scheme credentials`: the credentials alone leak just as well.
      const scheme = text.slice(0, space).toLowerCase();
      const rest = text.slice(space + 1).trim();
      this.add(rest);
      if (scheme === 'basic') {
        const decoded = Buffer.from(rest, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
          this.add(decoded);
          this.add(decoded.slice(colon + 1));
        }
      }
    }
    return this;
  }

  /** Remembers every secret of a strategy's login credentials. */
  addCredentials(credentials: LoginCredentials): this {
    this.add(credentials.authorization);
    for (const value of Object.values(credentials.headers ?? {})) if (isSecret(value)) this.add(value);
    for (const source of credentials.fmDataSource ?? []) {
      if ('password' in source) this.add(source.password);
      else this.add(source.oAuthRequestId).add(source.oAuthIdentifier);
    }
    return this;
  }

  /** `text` with every known secret replaced by `[redacted]`. */
  scrub(text: string): string;
  scrub(text: string | undefined): string | undefined;
  scrub(text: string | undefined): string | undefined {
    if (text === undefined || text.length < MIN_LENGTH || this.#values.size === 0) return text;
    // Longest first, so a secret that contains another is removed whole.
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    let result = text;
    for (const value of this.#sorted) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
    return result;
  }

  #remember(text: string): void {
    const utf8 = Buffer.from(text, 'utf8');
    for (const variant of [
      text,
      utf8.toString('base64'),
      utf8.toString('base64').replace(/=+$/, ''),
      utf8.toString('base64url'),
      encodeURIComponent(text),
    ]) {
      if (variant.length < MIN_LENGTH) continue;
      // Re-inserting moves a value to the newest end, so what is still in use is kept longest.
      this.#values.delete(variant);
      this.#values.add(variant);
    }
    while (this.#values.size > MAX_VALUES) this.#values.delete(this.#values.values().next().value as string);
    this.#sorted = undefined;
  }
}
