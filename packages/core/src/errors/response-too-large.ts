import { UnexpectedResponseError } from './error-classes.js';

/** Where an over-long answer came from and which option sets the limit it passed. */
export interface ResponseTooLargeDetails {
  /** `METHOD /path` (secrets redacted) or another name of what was asked. */
  readonly endpoint: string;
  readonly status: number;
  readonly maxBytes: number;
  /** The option that raises the limit, e.g. `limits.callBytes` or `cognito.maxResponseBytes`. */
  readonly option: string;
  /** How it went over: `declares N bytes (Content-Length)` or `sent more`. */
  readonly how: string;
  readonly strategyId?: string;
}

/**
 * The error for an answer larger than its read limit, worded once for every reader that enforces one
 * (core's requests, a strategy's own HTTP calls). No server text goes into it: nothing here could
 * scrub it.
 */
export function responseTooLargeError(details: ResponseTooLargeDetails): UnexpectedResponseError {
  const { endpoint, status, maxBytes, option, how, strategyId } = details;
  return new UnexpectedResponseError(
    `${endpoint} answered HTTP ${status} with a body that ${how} than the limit of ${maxBytes} bytes (${option}); it was not read further. If answers this large are expected, raise ${option}; otherwise check what the server (or a proxy in front of it) sends.`,
    { status, endpoint, ...(strategyId === undefined ? {} : { strategyId }) },
  );
}
