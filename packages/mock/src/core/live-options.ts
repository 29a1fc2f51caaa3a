/** A flat set of switches: each a string, number or boolean. */
export type LiveOptionValues = Readonly<Record<string, string | number | boolean>>;

/** What {@link LiveOptions.preview} makes of a patch. */
export type LiveOptionsPreview<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/** What the mock needs of a service's live options; {@link LiveOptions} is the implementation. */
export interface ServiceLiveOptions {
  readonly current: LiveOptionValues;
  preview(patch: unknown): LiveOptionsPreview<LiveOptionValues>;
  apply(value: LiveOptionValues): void;
  reset(): void;
}

/**
 * A service's live behaviour switches, changed by tests while the mock runs, as ours are. Give it to
 * the service as `MockService.liveOptions`: `GET /__control/options` shows the values under the
 * service's key, `PATCH /__control/options` with `{"<key>": {"name": value}}` merges into them (every
 * section of a patch is checked before any is applied), and the mock's reset restores the initial
 * values. Read `current` per request, since it may change at any time.
 *
 * @example
 * readonly liveOptions = new LiveOptions({ ttlMinutes: 60 }, (o) =>
 *   o.ttlMinutes > 0 ? undefined : 'ttlMinutes must be above 0');
 */
export class LiveOptions<T extends LiveOptionValues> implements ServiceLiveOptions {
  readonly #initial: T;
  readonly #check: (candidate: T) => string | undefined;
  #current: T;

  /**
   * @param initial the values at start and after a reset; their types are the types a patch must keep.
   * @param check says what is wrong with a candidate (a message), or `undefined` when it is fine.
   */
  constructor(initial: T, check: (candidate: T) => string | undefined = () => undefined) {
    this.#initial = Object.freeze({ ...initial });
    this.#check = check;
    this.#current = this.#initial;
  }

  /** The values now (frozen). */
  get current(): T {
    return this.#current;
  }

  /**
   * The values `patch` would give, without applying them; or what is wrong with it: not an object,
   * an unknown name, a value of another type than the initial one, or a failed check.
   */
  preview(patch: unknown): LiveOptionsPreview<T> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      return { ok: false, problem: 'send an object of option names and values' };
    for (const [name, value] of Object.entries(patch)) {
      if (!Object.hasOwn(this.#initial, name))
        return {
          ok: false,
          problem: `unknown option "${name}"; known: ${Object.keys(this.#initial).join(', ')}`,
        };
      const expected = typeof this.#initial[name];
      if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value)))
        return {
          ok: false,
          problem: `${name} must be a ${expected === 'number' ? 'finite number' : expected}`,
        };
    }
    const candidate = Object.freeze({ ...this.#current, ...patch }) as T;
    const problem = this.#check(candidate);
    return problem === undefined ? { ok: true, value: candidate } : { ok: false, problem };
  }

  /** Applies values {@link preview} accepted. */
  apply(value: T): void {
    this.#current = value;
  }

  /** Back to the initial values. */
  reset(): void {
    this.#current = this.#initial;
  }
}
