import {
  InsufficientPrivilegesError,
  InvalidArgumentError,
  InvalidCredentialsError,
  isFmAuthError,
  NetworkError,
  TimeoutError,
  TlsError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { errorName, type Redactor } from './redact.js';

const ERROR_REPLY_CLASSES = new Set(['ErrorReply', 'SimpleError', 'BlobError']);
const AUTH_REFUSED = /^(WRONGPASS|NOAUTH)\b|^ERR (invalid password|invalid username-password|AUTH\b)/;
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

/** True for a refused AUTH/HELLO: retrying soon cannot help, so reconnects wait the longest delay. */
export function isAuthRefusal(error: unknown): boolean {
  return error instanceof Error && AUTH_REFUSED.test(error.message);
}

/**
 * Turns whatever node-redis or node:net threw into an `@fmauth/core` error whose message says what
 * happened to which Redis (host and port, never credentials) and whose `cause` is a scrubbed copy.
 */
export class ErrorMapper {
  readonly #where: string;
  readonly #redactor: Redactor;
  readonly #connectTimeoutMs: number;

  constructor(where: string, redactor: Redactor, connectTimeoutMs: number) {
    this.#where = where;
    this.#redactor = redactor;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  get where(): string {
    return this.#where;
  }

  map(error: unknown): Error {
    // Ours already: built from clean text.
    if (isFmAuthError(error) || error instanceof InvalidArgumentError || error instanceof StoreStateError) {
      return error;
    }
    const cause = this.#redactor.sanitize(error);
    const detail = cause.message;
    const name = errorName(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (ERROR_REPLY_CLASSES.has(name)) {
      if (AUTH_REFUSED.test(detail)) {
        return new InvalidCredentialsError(
          `Redis at ${this.#where} refused the token store's credentials (${firstWord(detail)}): check the user name and password in the Redis URL or client options.`,
          { cause },
        );
      }
      if (detail.startsWith('NOPERM')) {
        return new InsufficientPrivilegesError(
          `Redis at ${this.#where} denied a command to the token store's user: ${detail}. The ACL section of the @fmauth/token-store-redis README lists the commands it needs.`,
          { cause },
        );
      }
      return new UnexpectedResponseError(`Redis at ${this.#where} answered with an error: ${detail}`, {
        cause,
      });
    }
    if (name === 'ConnectionTimeoutError') {
      return new TimeoutError(
        `Redis at ${this.#where} did not accept a connection within ${this.#connectTimeoutMs} ms.`,
        { phase: 'connect', timeoutMs: this.#connectTimeoutMs, cause },
      );
    }
    if (typeof code === 'string' && TLS_CODES.test(code)) {
      return new TlsError(`The TLS handshake with Redis at ${this.#where} failed: ${detail}`, { cause });
    }
    return new NetworkError(`Redis at ${this.#where} is unreachable: ${detail}`, { cause });
  }
}

/**
 * The store cannot serve calls for a reason of its own (closed, or an app-provided client that is not
 * connected): not a Redis failure, so no FMAUTH_* network code.
 */
export class StoreStateError extends Error {
  override readonly name = 'Error';
}

function firstWord(text: string): string {
  return /^\S+/.exec(text)?.[0] ?? 'refused';
}

/**
 * The connect budget ran out before the client was ready. Named like node-redis's own error for a slow
 * TCP connect so both map to the same `TimeoutError` (phase `connect`).
 */
export class ConnectionTimeoutError extends Error {}
