/** The verdict of one doctor check. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One line of `fmauth doctor`'s report. Never holds a secret. */
export interface CheckResult {
  /** Stable name: `connect`, `tls`, `flavor`, `data-api`, `login`, `odata`, `admin-api`. */
  readonly name: string;
  readonly status: CheckStatus;
  /** The finding in one line: what was seen and, on failure, what to do. */
  readonly detail: string;
  /** The `FMAUTH_*` code of the typed error behind a failure. */
  readonly code?: string;
  /** How long the check took, in milliseconds. */
  readonly ms?: number;
}
