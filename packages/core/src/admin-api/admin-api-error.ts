import { type DataApiEnvelope, headerValue } from '../data-api/envelope.js';
import { errorFromResponse } from '../data-api/error-from-response.js';
import {
  FileMakerError,
  InsufficientPrivilegesError,
  InvalidCredentialsError,
  SessionExpiredError,
  SessionLimitError,
  UnexpectedResponseError,
  UnsupportedError,
} from '../errors/error-classes.js';
import { describeAnswer } from '../errors/filemaker-answer.js';
import type { FmAuthError, FmAuthErrorOptions } from '../errors/fm-auth-error.js';
import type { HttpResponse } from '../http/send.js';
import type { SecretScrubber } from '../secret-scrubber.js';
import type { AuthStrategy } from '../strategy.js';

/** Where a failing Admin API response came from. */
export interface AdminResponseContext {
  readonly endpoint: string;
  readonly phase: 'login' | 'call' | 'logout';
  readonly strategy: AuthStrategy;
  readonly scrubber: SecretScrubber;
}

const LOGIN_ADVICE =
  'The Admin API takes the Admin Console account (the name and password you sign in to Admin Console with), not a database account: pass it to fileMakerServer({ username, password }). On FileMaker Cloud, use a Claris ID allowed to administer the server.';
const PATH_ADVICE =
  'Check the path (below /fmi/admin/api/v2, e.g. "server/status") and that the server speaks Admin API v2 (FileMaker Server 18 or later; FileMaker Server 17 only had v1).';

/**
 * Turns a failed Admin API response into a typed error with advice. The Admin API sends the Data API's
 * envelope with `text` for `message`; codes 9/1703 (refused token), 212/1703 (bad login), 956 (too many
 * sessions) and 1700 (no such resource) are its own. Anything else is worded as the Data API does.
 */
export function adminErrorFromResponse(
  res: HttpResponse,
  envelope: DataApiEnvelope | undefined,
  ctx: AdminResponseContext,
): FmAuthError {
  const first = envelope?.messages[0];
  const fmCode = ctx.scrubber.scrub(first?.code);
  const fmMessage = ctx.scrubber.scrub(first?.message);
  const seen = describeAnswer(res.status, fmCode, fmMessage);
  const base: FmAuthErrorOptions = {
    fmCode,
    fmMessage,
    status: res.status,
    endpoint: ctx.endpoint,
    strategyId: ctx.strategy.id,
  };
  if (!envelope) return nonEnvelopeError(res, ctx, base);
  const login = ctx.phase === 'login';
  switch (fmCode) {
    case '212':
    case '1702':
    case '1703':
      if (login)
        return new InvalidCredentialsError(
          `The Admin API refused the login (${seen}). ${LOGIN_ADVICE}`,
          base,
        );
      return new SessionExpiredError(
        `The Admin API refused the token even after a fresh login (${seen}). The server may be restarting or revoking sessions; retry later.`,
        base,
      );
    case '9':
      if (login)
        return new InvalidCredentialsError(
          `The Admin API refused the login: the account may not administer this server (${seen}). ${LOGIN_ADVICE}`,
          base,
        );
      return new InsufficientPrivilegesError(
        `The Admin API denied ${ctx.endpoint} even after a fresh login (${seen}). The account may lack the right to this call, or the server is revoking sessions.`,
        base,
      );
    case '956':
      return new SessionLimitError(
        `The server has no room for another Admin API session (${seen}). Close sessions you no longer need (session.close()), reuse one session per process, or share its token across processes with tokenStore.`,
        base,
      );
    case '1700':
      return new UnsupportedError(
        `The Admin API has no resource at ${ctx.endpoint} (${seen}). ${PATH_ADVICE}`,
        base,
      );
    case '1708':
      return new FileMakerError(
        `The Admin API refused a parameter of ${ctx.endpoint} (${seen}). Check the body against the Admin API reference.`,
        base,
      );
  }
  if (login && res.status === 401)
    return new InvalidCredentialsError(`The Admin API refused the login (${seen}). ${LOGIN_ADVICE}`, base);
  return new FileMakerError(`${ctx.endpoint} failed (${seen}).`, base);
}

/** A body that is not an envelope: the v1 "not supported" answer, a web server page, or nothing. */
function nonEnvelopeError(
  res: HttpResponse,
  ctx: AdminResponseContext,
  base: FmAuthErrorOptions,
): FmAuthError {
  if (/"result"\s*:\s*-1/.test(res.text) || res.status === 404) {
    const contentType = ctx.scrubber.scrub(headerValue(res, 'content-type')) ?? 'no content type';
    return new UnsupportedError(
      `${ctx.endpoint} answered HTTP ${res.status} without an Admin API body (${contentType}). ${PATH_ADVICE} Also check the server address: it should be e.g. https://fms.example.com, without /fmi/admin.`,
      base,
    );
  }
  const fallback = errorFromResponse(res, undefined, {
    endpoint: ctx.endpoint,
    phase: ctx.phase,
    scrubber: ctx.scrubber,
  });
  if (fallback instanceof UnexpectedResponseError && res.status >= 500) {
    return new UnexpectedResponseError(
      `The web server answered HTTP ${res.status} for ${ctx.endpoint}, but the Admin API did not. Check that FileMaker Server's Admin Server is running.`,
      { ...base, contentType: fallback.contentType, bodyPreview: fallback.bodyPreview },
    );
  }
  return fallback;
}
