import {
  AccountUnavailableError,
  type AccountUnavailableReason,
  ChallengeRequiredError,
  type FmAuthError,
  InvalidCredentialsError,
  isFmAuthError,
  NetworkError,
  RateLimitedError,
  type SecretScrubber,
  TimeoutError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { CLARIS_ID_CREDENTIALS_HINT, STRATEGY_ID } from './hints.js';

/** Which Cognito call failed, to word the message. */
export interface CognitoCallContext {
  /** e.g. `InitiateAuth (USER_SRP_AUTH)`. */
  readonly operation: string;
  /** The call's time budget, for timeout messages. */
  readonly timeoutMs: number;
  /** What the call sent that is secret: removed from Cognito's message, and from the SDK error kept as `cause`. */
  readonly scrubber?: SecretScrubber;
}

/** Fields every error from a Cognito call carries. */
interface ErrorBase {
  readonly status: number | undefined;
  readonly endpoint: string;
  readonly strategyId: string;
  readonly cause: unknown;
}

/** What the SDK puts on a service error. */
interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const WRONG_CREDENTIALS = 'Claris ID sign-in failed: Cognito did not accept this email and password.';
const PROXY_ADVICE =
  'Cognito refuses some cloud-provider addresses; route the Cognito calls through a fixed-IP proxy with the cognito.proxy option.';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
]);

/**
 * Turns whatever a Cognito call threw into the typed core error that says what to do. Never says which
 * of the email or the password was wrong (Cognito's own wording may, for unknown users).
 */
export function cognitoError(error: unknown, ctx: CognitoCallContext): FmAuthError {
  // Already typed by our own request handler (e.g. an answer over cognito.maxResponseBytes).
  if (isFmAuthError(error)) return error;
  if (ctx.scrubber) scrubInPlace(error, ctx.scrubber);
  const err = (error ?? {}) as SdkErrorShape;
  const status = err.$metadata?.httpStatusCode;
  const base: ErrorBase = {
    status,
    endpoint: `Cognito ${ctx.operation}`,
    strategyId: STRATEGY_ID,
    cause: error,
  };
  const message = err.message ?? '';

  switch (err.name) {
    case 'NotAuthorizedException':
      return notAuthorized(message, base, ctx);
    case 'UserNotFoundException':
      // Same words as a wrong password: the caller must not learn whether the account exists.
      return new InvalidCredentialsError(WRONG_CREDENTIALS, { ...base, hint: CLARIS_ID_CREDENTIALS_HINT });
    case 'PasswordResetRequiredException':
      return unavailable(
        'password-reset-required',
        'The Claris ID password was reset by an administrator and must be changed before it can sign in. Choose a new one with "Forgot password" at the Claris sign-in page, then use it here.',
        base,
      );
    case 'UserNotConfirmedException':
      return unavailable(
        'not-confirmed',
        'The Claris ID has not been confirmed yet. Finish the sign-up from the confirmation email, then sign in again.',
        base,
      );
    case 'CodeMismatchException':
      return new InvalidCredentialsError(
        'The multi-factor code was not accepted. Check the code source: a TOTP secret for this Claris ID and a correct system clock, or the latest SMS code.',
        base,
      );
    case 'ExpiredCodeException':
      return new InvalidCredentialsError(
        'The multi-factor code has expired. Provide a fresh code and sign in again.',
        base,
      );
    case 'InvalidPasswordException':
      // Only NEW_PASSWORD_REQUIRED sends a password Cognito checks against the pool's policy.
      return new ChallengeRequiredError(
        `Cognito refused the new password from the newPassword callback (${message}). Return one that meets the Claris ID password rules.`,
        { ...base, challengeName: 'NEW_PASSWORD_REQUIRED' },
      );
    case 'TooManyFailedAttemptsException':
      return unavailable(
        'locked-out',
        'Too many wrong multi-factor codes: Cognito has blocked further attempts for a while. Wait, then check the code source before retrying.',
        base,
      );
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return new RateLimitedError(
        `Cognito throttled ${ctx.operation} (${err.name}). Sign-ins are being made too often: reuse one strategy (it keeps and refreshes its token) instead of signing in per request, and retry later.`,
        base,
      );
    case 'UnknownOperationException':
      return new UnexpectedResponseError(
        `The Cognito endpoint does not know ${ctx.operation} (UnknownOperationException). Check cognito.endpoint: it must be a Cognito user-pool endpoint, or an emulator that serves this operation.`,
        base,
      );
    case 'ForbiddenException':
      return new UnexpectedResponseError(
        `Cognito refused ${ctx.operation} from this network (ForbiddenException). ${PROXY_ADVICE}`,
        base,
      );
    case 'ResourceNotFoundException':
    case 'InvalidParameterException':
    case 'InvalidUserPoolConfigurationException':
      return new UnexpectedResponseError(
        `Cognito rejected ${ctx.operation} as misconfigured (${err.name}: ${message}). Check the pool settings (pool.userPoolId, pool.clientId, cognito.region), or leave them to Claris's defaults or discovery.`,
        base,
      );
  }

  if (isTimeout(err)) return timeout(ctx, error);
  if (err.code !== undefined && NETWORK_CODES.has(err.code)) {
    return new NetworkError(
      `Could not reach Cognito for ${ctx.operation} (${err.code}). Check the network, DNS and the cognito.endpoint / cognito.proxy options.`,
      base,
    );
  }
  // undici reports a proxy that refuses the CONNECT tunnel as "Proxy response (407) !== 200 …".
  const proxyStatus = Number(/Proxy response \((\d{3})\)/.exec(err.message ?? '')?.[1] ?? Number.NaN);
  if (status === 407 || proxyStatus === 407) {
    return new NetworkError(
      `The proxy refused to forward ${ctx.operation} (HTTP 407 Proxy Authentication Required). Put the proxy's user and password in the cognito.proxy URL.`,
      base,
    );
  }
  if (!Number.isNaN(proxyStatus)) {
    return new NetworkError(
      `The proxy refused to open a tunnel for ${ctx.operation} (HTTP ${proxyStatus}). Check the cognito.proxy URL and that the proxy allows CONNECT to Cognito.`,
      base,
    );
  }
  if (err.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new UnexpectedResponseError(
      `Cognito failed on ${ctx.operation} (${status === undefined ? err.name : `HTTP ${status}`}). This is on Cognito's side or a proxy's; retry later.`,
      base,
    );
  }
  if (status !== undefined) {
    return new UnexpectedResponseError(
      `Cognito answered ${ctx.operation} with HTTP ${status} and an error this strategy does not know (${err.name ?? 'no error type'}). Check cognito.endpoint: it must be a Cognito user-pool endpoint.`,
      base,
    );
  }
  return new NetworkError(
    `${ctx.operation} failed before Cognito answered (${err.name ?? 'unknown error'}${err.code ? `, ${err.code}` : ''}). Check the network and the cognito.endpoint / cognito.proxy options.`,
    base,
  );
}

/** A typed timeout for a Cognito call that ran over its budget. */
export function timeout(ctx: CognitoCallContext, cause: unknown): TimeoutError {
  return new TimeoutError(
    `Cognito did not answer ${ctx.operation} within ${ctx.timeoutMs} ms. Check that Cognito (or cognito.endpoint) is reachable from here, through cognito.proxy if you need one; raise cognito.timeoutMs only for a known slow link.`,
    {
      phase: 'upstream',
      timeoutMs: ctx.timeoutMs,
      endpoint: `Cognito ${ctx.operation}`,
      strategyId: STRATEGY_ID,
      cause,
    },
  );
}

/** True when Cognito refused a refresh token (expired, revoked, unknown): a full sign-in may still work. */
export function isRefreshTokenRejection(error: unknown): boolean {
  const err = sdkCause(error);
  return err?.name === 'NotAuthorizedException' && /refresh token/i.test(err.message ?? '');
}

/** True when the endpoint does not know the operation at all (an older Cognito-compatible server). */
export function isUnknownOperation(error: unknown): boolean {
  return sdkCause(error)?.name === 'UnknownOperationException';
}

/**
 * True when `InitiateAuth` `REFRESH_TOKEN_AUTH` is switched off for the app client, as Cognito requires
 * on a client with refresh token rotation ("REFRESH_TOKEN_AUTH flow not enabled for this client").
 */
export function isRefreshFlowDisabled(error: unknown): boolean {
  const err = sdkCause(error);
  return (
    err?.name === 'InvalidParameterException' &&
    /REFRESH_TOKEN(_AUTH)? flow not enabled/i.test(err.message ?? '')
  );
}

/**
 * True when a refresh failed for want of a usable refresh token or refresh operation: the token was
 * refused, or the endpoint served neither refresh operation. A full sign-in (the password) may still
 * work; anything else (throttling, timeouts, network) is reported as it is.
 */
export function isRefreshUnavailable(error: unknown): boolean {
  return isRefreshTokenRejection(error) || isRefreshFlowDisabled(error) || isUnknownOperation(error);
}

/** The SDK error a typed error from {@link cognitoError} keeps as its `cause`. */
function sdkCause(error: unknown): SdkErrorShape | undefined {
  return (error as { cause?: SdkErrorShape } | undefined)?.cause;
}

function notAuthorized(message: string, base: ErrorBase, ctx: CognitoCallContext): FmAuthError {
  if (/password attempts exceeded/i.test(message)) {
    return unavailable(
      'locked-out',
      'Too many failed sign-ins: Cognito has locked this Claris ID out for a while (up to about 15 minutes, doubling with each failure). Wait, then check the password before retrying.',
      base,
    );
  }
  if (/user is disabled/i.test(message)) {
    return unavailable(
      'disabled',
      'The Claris ID is disabled. Its team administrator or Claris support must enable it.',
      base,
    );
  }
  if (/security reasons/i.test(message)) {
    return unavailable(
      'blocked',
      `Cognito blocked the sign-in as risky ("${message}"). ${PROXY_ADVICE}`,
      base,
    );
  }
  if (/session is expired|invalid session/i.test(message)) {
    return new InvalidCredentialsError(
      `Cognito's challenge session expired during ${ctx.operation}: a multi-factor code or new password took longer than Cognito allows (3 minutes). Sign in again and answer sooner.`,
      base,
    );
  }
  if (/refresh token/i.test(message)) {
    return new InvalidCredentialsError(
      `Cognito refused the refresh token ("${message}"); a full sign-in is needed.`,
      base,
    );
  }
  return new InvalidCredentialsError(WRONG_CREDENTIALS, { ...base, hint: CLARIS_ID_CREDENTIALS_HINT });
}

function unavailable(
  reason: AccountUnavailableReason,
  message: string,
  base: ErrorBase,
): AccountUnavailableError {
  return new AccountUnavailableError(message, { ...base, reason });
}

/**
 * Scrubs the SDK error itself (its message and stack), since it becomes the typed error's `cause`,
 * which `util.inspect` and many loggers print.
 */
function scrubInPlace(error: unknown, scrubber: SecretScrubber): void {
  if (typeof error !== 'object' || error === null) return;
  const target = error as { message?: unknown; stack?: unknown };
  for (const key of ['message', 'stack'] as const) {
    const value = target[key];
    if (typeof value !== 'string') continue;
    const clean = scrubber.scrub(value);
    if (clean === value) continue;
    try {
      Object.defineProperty(error, key, {
        value: clean,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    } catch {
      // A frozen error keeps its text; the typed error's own message is scrubbed regardless.
    }
  }
}

function isTimeout(err: SdkErrorShape): boolean {
  // NodeHttpHandler names its connection and socket timeouts 'TimeoutError'.
  return err.name === 'TimeoutError' || err.code === 'ETIMEDOUT' || err.code === 'UND_ERR_CONNECT_TIMEOUT';
}
