import { InvalidArgumentError } from '@fmauth/core';
import {
  DEFAULT_OAUTH_MAX_RESPONSE_BYTES,
  DEFAULT_OAUTH_TIMEOUT_MS,
  DEFAULT_STATE_TTL_MS,
  type FileMakerOAuthOptions,
  type ResolvedOAuthOptions,
} from './options.js';

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`fileMakerOAuth: ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

/** The key bytes, checked: a short key would make the sealed state guessable. */
export function stateKeyBytes(key: unknown): Buffer {
  const bytes =
    typeof key === 'string'
      ? Buffer.from(key, 'utf8')
      : key instanceof Uint8Array
        ? Buffer.from(key)
        : undefined;
  if (!bytes || bytes.length < 32) {
    throw new InvalidArgumentError(
      'fileMakerOAuth: stateKey must be a secret of at least 32 bytes (e.g. randomBytes(32).toString("base64"))',
    );
  }
  return bytes;
}

/** Checks every option synchronously; the returned object holds no secret. */
export function resolveOptions(options: FileMakerOAuthOptions): ResolvedOAuthOptions {
  if (!Array.isArray(options.returnUrls) || options.returnUrls.length === 0) {
    throw new InvalidArgumentError("fileMakerOAuth: returnUrls must list the app's own return URL(s)");
  }
  const returnUrls = options.returnUrls.map((value, index) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidArgumentError(`fileMakerOAuth: returnUrls[${index}] is not an absolute URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InvalidArgumentError(`fileMakerOAuth: returnUrls[${index}] must be http(s)`);
    }
    if (url.search || url.hash) {
      throw new InvalidArgumentError(
        `fileMakerOAuth: returnUrls[${index}] must have no query or fragment: the server appends its own query`,
      );
    }
    return url.href;
  });
  const applicationType = options.applicationType ?? 9;
  if (![7, 8, 9].includes(applicationType)) {
    throw new InvalidArgumentError('fileMakerOAuth: applicationType must be 7, 8 or 9');
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function')
    throw new InvalidArgumentError('fileMakerOAuth: fetch must be a function');
  return Object.freeze({
    returnUrls: Object.freeze(returnUrls),
    stateTtlMs: positive(options.stateTtlMs, 'stateTtlMs', DEFAULT_STATE_TTL_MS),
    timeoutMs: positive(options.timeoutMs, 'timeoutMs', DEFAULT_OAUTH_TIMEOUT_MS),
    maxResponseBytes: positive(
      options.maxResponseBytes,
      'maxResponseBytes',
      DEFAULT_OAUTH_MAX_RESPONSE_BYTES,
    ),
    applicationType,
    applicationVersion: positive(options.applicationVersion, 'applicationVersion', 15),
    allowInsecureHttp: options.allowInsecureHttp === true,
    fetch: fetchFn,
    clock: options.clock ?? Date.now,
  });
}
