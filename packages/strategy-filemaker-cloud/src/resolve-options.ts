import { assertNonEmptyString, InvalidArgumentError, isSecret, type Secret, toSecret } from '@fmauth/core';
import { CLARIS_USER_POOL_DISCOVERY_URL, isClientId, isRegion, isUserPoolId } from './claris-pool.js';
import type { FileMakerCloudEvent } from './events.js';
import { optionalMilliseconds } from './option-checks.js';
import type {
  CognitoOptions,
  FileMakerCloudOptions,
  MfaCallbacks,
  NewPasswordCallback,
  PoolOptions,
} from './options.js';
import { type ResolvedTokenSharing, resolveTokenSharing } from './resolve-token-sharing.js';

export const DEFAULT_COGNITO_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 2;
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 5_000;
export const DEFAULT_COGNITO_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_DISCOVERY_MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_EXPIRY_SKEW_MS = 5 * 60_000;
const MAX_ATTEMPTS_LIMIT = 10;

/** Cognito call settings after defaults; `proxy` stays a URL object that is never printed. */
export interface ResolvedCognito {
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly proxy: Secret<URL> | undefined;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly maxResponseBytes: number;
}

export interface ResolvedDiscovery {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** Every option checked, defaults applied, secrets wrapped. */
export interface ResolvedOptions {
  readonly clarisId: string;
  readonly password: Secret<string>;
  readonly mfa: MfaCallbacks;
  readonly newPassword: NewPasswordCallback | undefined;
  readonly pool: PoolOptions;
  readonly discovery: ResolvedDiscovery | undefined;
  readonly cognito: ResolvedCognito;
  readonly expirySkewMs: number;
  readonly clock: () => number;
  readonly onEvent: ((event: FileMakerCloudEvent) => void) | undefined;
  /** Absent without a `tokenStore`: the tokens then live in this strategy only. */
  readonly sharing: ResolvedTokenSharing | undefined;
  readonly refreshTokenLifetimeMs: number;
}

// Loose on purpose (Cognito decides what a valid email is); it only catches FileMaker account names.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Checks the options of fileMakerCloud() synchronously; throws a coded TypeError on the first problem. */
export function resolveOptions(options: FileMakerCloudOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'fileMakerCloud needs an options object: { clarisId, password }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const clarisId = resolveClarisId(options);
  const password = resolvePassword(options.password);
  return {
    clarisId,
    password,
    mfa: resolveMfa(options.mfa),
    newPassword: optionalFunction(options.newPassword, 'newPassword'),
    pool: resolvePool(options.pool),
    discovery: resolveDiscovery(options.discovery),
    cognito: resolveCognito(options.cognito),
    expirySkewMs: optionalMilliseconds(options.expirySkewMs, 'expirySkewMs', true) ?? DEFAULT_EXPIRY_SKEW_MS,
    clock: optionalFunction(options.clock, 'clock') ?? Date.now,
    onEvent: optionalFunction(options.onEvent, 'onEvent'),
    ...resolveTokenSharing(options),
  };
}

function resolveClarisId(options: FileMakerCloudOptions): string {
  const { clarisId, username } = options;
  if (clarisId !== undefined && username !== undefined && clarisId !== username) {
    throw new InvalidArgumentError('give "clarisId" or "username", not two different values');
  }
  const name = clarisId !== undefined ? 'clarisId' : 'username';
  const value = clarisId ?? username;
  if (value === undefined) {
    throw new InvalidArgumentError(
      '"clarisId" is required: the email address of the Claris ID that signs in to FileMaker Cloud',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  assertNonEmptyString(value, name);
  if (!EMAIL.test(value)) {
    throw new InvalidArgumentError(
      `"${name}" must be a Claris ID, which is an email address. FileMaker Cloud does not accept FileMaker account names.`,
    );
  }
  return value;
}

function resolvePassword(password: unknown): Secret<string> {
  const plain = isSecret(password) ? password.reveal() : password;
  if (typeof plain !== 'string') {
    throw new InvalidArgumentError('"password" must be a string or a Secret<string>', 'ERR_INVALID_ARG_TYPE');
  }
  if (plain.length === 0) throw new InvalidArgumentError('"password" must be a non-empty string');
  return toSecret(password as string | Secret<string>);
}

function resolveMfa(mfa: unknown): MfaCallbacks {
  if (mfa === undefined) return {};
  if (typeof mfa !== 'object' || mfa === null) {
    throw new InvalidArgumentError('"mfa" must be an object like { totp, sms }', 'ERR_INVALID_ARG_TYPE');
  }
  const { totp, sms, ...rest } = mfa as MfaCallbacks & Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`"mfa" takes only "totp" and "sms", not "${unknown.join('", "')}"`);
  }
  const resolved: { -readonly [K in keyof MfaCallbacks]: MfaCallbacks[K] } = {};
  const totpFn = optionalFunction(totp, 'mfa.totp');
  const smsFn = optionalFunction(sms, 'mfa.sms');
  if (totpFn) resolved.totp = totpFn;
  if (smsFn) resolved.sms = smsFn;
  return Object.freeze(resolved);
}

function resolvePool(pool: unknown): PoolOptions {
  if (pool === undefined) return {};
  if (typeof pool !== 'object' || pool === null) {
    throw new InvalidArgumentError(
      '"pool" must be an object like { userPoolId, clientId, region }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const { userPoolId, clientId, region } = pool as PoolOptions;
  if (userPoolId !== undefined && !isUserPoolId(userPoolId)) {
    throw new InvalidArgumentError('"pool.userPoolId" must look like "us-west-2_NqkuZcXQY"');
  }
  if (clientId !== undefined && !isClientId(clientId)) {
    throw new InvalidArgumentError(
      '"pool.clientId" must be a Cognito app client id (letters, digits, _ and +)',
    );
  }
  if (region !== undefined && !isRegion(region)) {
    throw new InvalidArgumentError('"pool.region" must be an AWS region such as "us-west-2"');
  }
  return Object.freeze(stripUndefined({ userPoolId, clientId, region }));
}

function resolveDiscovery(discovery: unknown): ResolvedDiscovery | undefined {
  if (discovery === undefined || discovery === false) return undefined;
  if (discovery === true) {
    return {
      url: new URL(CLARIS_USER_POOL_DISCOVERY_URL),
      timeoutMs: DEFAULT_DISCOVERY_TIMEOUT_MS,
      maxResponseBytes: DEFAULT_DISCOVERY_MAX_RESPONSE_BYTES,
    };
  }
  if (typeof discovery !== 'object' || discovery === null) {
    throw new InvalidArgumentError(
      '"discovery" must be true, false or { url, timeoutMs }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const { url, timeoutMs, maxResponseBytes } = discovery as {
    url?: unknown;
    timeoutMs?: unknown;
    maxResponseBytes?: unknown;
  };
  return {
    url: httpUrl(url ?? CLARIS_USER_POOL_DISCOVERY_URL, 'discovery.url'),
    timeoutMs: optionalMilliseconds(timeoutMs, 'discovery.timeoutMs') ?? DEFAULT_DISCOVERY_TIMEOUT_MS,
    maxResponseBytes:
      optionalBytes(maxResponseBytes, 'discovery.maxResponseBytes') ?? DEFAULT_DISCOVERY_MAX_RESPONSE_BYTES,
  };
}

function resolveCognito(cognito: unknown): ResolvedCognito {
  if (cognito !== undefined && (typeof cognito !== 'object' || cognito === null)) {
    throw new InvalidArgumentError(
      '"cognito" must be an object like { endpoint, region, proxy, timeoutMs, maxAttempts }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const { endpoint, region, proxy, timeoutMs, maxAttempts, maxResponseBytes } = (cognito ??
    {}) as CognitoOptions;
  if (region !== undefined && !isRegion(region)) {
    throw new InvalidArgumentError('"cognito.region" must be an AWS region such as "us-west-2"');
  }
  if (
    maxAttempts !== undefined &&
    (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT)
  ) {
    throw new InvalidArgumentError(
      `"cognito.maxAttempts" must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}, got ${String(maxAttempts)}`,
    );
  }
  return {
    endpoint:
      endpoint === undefined ? undefined : httpUrl(endpoint, 'cognito.endpoint').href.replace(/\/$/, ''),
    region,
    // The proxy URL may hold credentials: keep it wrapped, and never quote it in a message.
    proxy: proxy === undefined ? undefined : toSecret(httpUrl(proxy, 'cognito.proxy', true)),
    timeoutMs: optionalMilliseconds(timeoutMs, 'cognito.timeoutMs') ?? DEFAULT_COGNITO_TIMEOUT_MS,
    maxAttempts: maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxResponseBytes:
      optionalBytes(maxResponseBytes, 'cognito.maxResponseBytes') ?? DEFAULT_COGNITO_MAX_RESPONSE_BYTES,
  };
}

function optionalBytes(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError(
      `"${name}" must be a positive whole number of bytes, got ${String(value)}`,
    );
  }
  return value;
}

function httpUrl(value: unknown, name: string, secret = false): URL {
  let url: URL | undefined;
  if (typeof value === 'string' || value instanceof URL) {
    try {
      url = new URL(String(value));
    } catch {
      url = undefined;
    }
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // A proxy URL may carry a password, so it is never echoed.
    const shown = secret || typeof value !== 'string' ? '' : `, got "${value}"`;
    throw new InvalidArgumentError(`"${name}" must be an http:// or https:// URL${shown}`);
  }
  return url;
}

function optionalFunction<T>(value: T | undefined, name: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new InvalidArgumentError(`"${name}" must be a function`, 'ERR_INVALID_ARG_TYPE');
  }
  return value;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
