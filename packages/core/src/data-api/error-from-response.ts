import type { FmAuthErrorCode } from '../errors/codes.js';
import {
  FileMakerError,
  InsufficientPrivilegesError,
  InvalidCredentialsError,
  SessionExpiredError,
  SessionLimitError,
  UnexpectedResponseError,
} from '../errors/error-classes.js';
import {
  accountUnavailableError,
  bodyPreview,
  describeAnswer,
  rateLimitedError,
} from '../errors/filemaker-answer.js';
import type { FmAuthError, FmAuthErrorOptions } from '../errors/fm-auth-error.js';
import type { HttpResponse } from '../http/send.js';
import type { SecretScrubber } from '../secret-scrubber.js';
import type { AuthStrategy } from '../strategy.js';
import { type DataApiEnvelope, headerValue } from './envelope.js';

/** Where the failing response came from, to word the message. */
export interface ResponseContext {
  readonly endpoint: string;
  /** `login` words rejections as credential problems; `call` as session or data problems. */
  readonly phase: 'login' | 'call' | 'logout';
  readonly database?: string;
  readonly strategy?: AuthStrategy;
  /**
   * The secrets this exchange could have echoed back (credentials, tokens): removed from every piece of
   * server text (FileMaker code and message, body preview, content type) before it enters the error.
   */
  readonly scrubber?: SecretScrubber;
}

const GENERIC_LOGIN_ADVICE =
  ' Check the account name and password, that the account is active, and that its privilege set includes the fmrest extended privilege ("Access via FileMaker Data API").';

/** Turns a non-success Data API response into the typed error that tells the caller what to do. */
export function errorFromResponse(
  res: HttpResponse,
  envelope: DataApiEnvelope | undefined,
  ctx: ResponseContext,
): FmAuthError {
  const first = envelope?.messages[0];
  const scrub = (text: string | undefined) => (ctx.scrubber ? ctx.scrubber.scrub(text) : text);
  const fmCode = scrub(first?.code);
  const fmMessage = scrub(first?.message);
  const where = ctx.database ? `database "${ctx.database}"` : 'the server';
  const seen = describeAnswer(res.status, fmCode, fmMessage);
  const base = (code: FmAuthErrorCode): FmAuthErrorOptions => ({
    fmCode,
    fmMessage,
    status: res.status,
    endpoint: ctx.endpoint,
    strategyId: ctx.strategy?.id,
    hint: ctx.strategy?.hints?.[code],
  });

  if (!envelope) return nonJsonError(res, ctx, where, base, scrub);
  const unavailable = accountUnavailableError(fmCode, where, seen, base);
  if (unavailable) return unavailable;

  switch (fmCode) {
    case '212':
    case '213':
    case '10':
      if (ctx.phase === 'login' || res.status === 401) {
        // A strategy's own advice (e.g. Claris Server's extended password) replaces the generic one.
        return new InvalidCredentialsError(
          `The server rejected the login to ${where} (${seen}).${ctx.strategy?.hints?.FMAUTH_INVALID_CREDENTIALS ? '' : GENERIC_LOGIN_ADVICE}`,
          base('FMAUTH_INVALID_CREDENTIALS'),
        );
      }
      break;
    case '9':
      return new InsufficientPrivilegesError(
        `The account lacks the privileges for ${ctx.endpoint} in ${where} (${seen}). Its privilege set must include the fmrest extended privilege and access to this layout or record.`,
        base('FMAUTH_INSUFFICIENT_PRIVILEGES'),
      );
    case '952':
      // At the login itself, 952 can only mean the credentials are a token the server no longer takes
      // (an OAuth identifier, for one): the strategy must be asked for new ones, as for 212.
      if (ctx.phase === 'login') {
        return new InvalidCredentialsError(
          `The server refused the login to ${where} as an invalid or expired token (${seen}). Credentials that expire, such as an OAuth identifier, must be obtained again.`,
          base('FMAUTH_INVALID_CREDENTIALS'),
        );
      }
      return new SessionExpiredError(
        `The Data API session for ${where} was rejected even after a fresh login (${seen}). The server may be restarting or revoking sessions; retry later.`,
        base('FMAUTH_SESSION_EXPIRED'),
      );
    case '956':
    case '812':
      return new SessionLimitError(
        `The server has no room for another Data API session (${seen}). Close sessions you no longer need (session.close()) and reuse one session per database instead of logging in per request.`,
        base('FMAUTH_SESSION_LIMIT'),
      );
    case '953':
      return new FileMakerError(
        `The Data API transfer limit of the server's licence is used up (${seen}). Raise it in Admin Console or wait for the next period.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
  }
  if (ctx.phase === 'login' && res.status === 401) {
    return new InvalidCredentialsError(
      `The server rejected the login to ${where} (${seen}). Check the credentials.`,
      base('FMAUTH_INVALID_CREDENTIALS'),
    );
  }
  return new FileMakerError(`${ctx.endpoint} failed (${seen}).`, base('FMAUTH_FILEMAKER_ERROR'));
}

function nonJsonError(
  res: HttpResponse,
  ctx: ResponseContext,
  where: string,
  base: (code: FmAuthErrorCode) => FmAuthErrorOptions,
  scrub: (text: string | undefined) => string | undefined,
): FmAuthError {
  const contentType = scrub(headerValue(res, 'content-type')) ?? 'no content type';
  const preview = bodyPreview(res.text, scrub);
  if (res.status === 401) {
    // FileMaker Cloud answers an expired or unknown Claris ID token with an HTML 401 page.
    return new InvalidCredentialsError(
      `The server rejected the login to ${where} with HTTP 401 and a non-JSON body (${contentType}). FileMaker Cloud does this when the Claris ID token has expired or is not accepted; sign in to Claris ID again.`,
      base('FMAUTH_INVALID_CREDENTIALS'),
    );
  }
  if (res.status === 429) {
    return rateLimitedError(ctx.endpoint, base);
  }
  const options = { ...base('FMAUTH_UNEXPECTED_RESPONSE'), contentType, bodyPreview: preview };
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new UnexpectedResponseError(
      `The web server answered HTTP ${res.status} (${contentType}) for ${ctx.endpoint}, but the FileMaker Data API did not. Check that the Data API is enabled in Admin Console and that its engine is running.`,
      options,
    );
  }
  if (res.status === 404) {
    return new UnexpectedResponseError(
      `${ctx.endpoint} answered HTTP 404 without a Data API body (${contentType}). Check the base URL: it should be the server's address, e.g. https://fms.example.com, without /fmi/data.`,
      options,
    );
  }
  return new UnexpectedResponseError(
    `${ctx.endpoint} answered HTTP ${res.status} with a body that is not a Data API response (${contentType}${res.text.length === 0 ? ', empty' : ''}).`,
    options,
  );
}
