import type { FmAuthErrorCode } from '../errors/codes.js';
import {
  FileMakerError,
  InsufficientPrivilegesError,
  InvalidCredentialsError,
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
import { parseODataError } from './odata-error-body.js';

/** Where the failing OData response came from, to word the message. */
export interface ODataResponseContext {
  /** `METHOD /path` of the call. */
  readonly endpoint: string;
  readonly database: string;
  readonly strategy: AuthStrategy;
  /** The credentials this call sent (and any the server could echo): removed from all server text. */
  readonly scrubber: SecretScrubber;
}

const LOGIN_ADVICE =
  ' Check the account name and password, that the account is active, and that its privilege set includes the fmodata extended privilege ("Access via OData"); in a multi-file solution every file it reaches needs it.';

/** Turns a non-success OData response into the typed error that tells the caller what to do. */
export function odataErrorFromResponse(res: HttpResponse, ctx: ODataResponseContext): FmAuthError {
  const body = parseODataError(res);
  const scrub = (text: string | undefined) => ctx.scrubber.scrub(text);
  const fmCode = scrub(body?.code);
  const fmMessage = scrub(body?.message);
  const where = `database "${ctx.database}"`;
  const seen = describeAnswer(res.status, fmCode, fmMessage);
  const hints = ctx.strategy.hints;
  const base = (code: FmAuthErrorCode): FmAuthErrorOptions => ({
    fmCode,
    fmMessage,
    status: res.status,
    endpoint: ctx.endpoint,
    strategyId: ctx.strategy.id,
    hint: hints?.[code],
  });
  const refused = (detail: string) =>
    new InvalidCredentialsError(
      // A strategy's own advice (Claris Server's extended password) replaces the generic one.
      `The server refused the OData credentials for ${where} (${detail}).${hints?.FMAUTH_INVALID_CREDENTIALS ? '' : LOGIN_ADVICE}`,
      base('FMAUTH_INVALID_CREDENTIALS'),
    );

  const unavailable = accountUnavailableError(fmCode, where, seen, base);
  if (unavailable) return unavailable;
  switch (fmCode) {
    case '212':
    case '213':
    case '10':
      return refused(seen);
    case '9':
      return new InsufficientPrivilegesError(
        `The account lacks the privileges for ${ctx.endpoint} in ${where} (${seen}). Its privilege set must include the fmodata extended privilege and access to this table or record.`,
        base('FMAUTH_INSUFFICIENT_PRIVILEGES'),
      );
    case '-1020':
      return new FileMakerError(
        `${ctx.endpoint}: no such table in ${where} (${seen}). OData names table occurrences from the relationships graph, not base tables, and names are case-sensitive; a table occurrence of another file appears only when the account may also open that file with fmodata. tables() lists the names.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
    case '-1023':
      return new FileMakerError(
        `${ctx.endpoint}: no record with that key in ${where} (${seen}). Check the key and its type: a string key is quoted, a numeric one is not, so 42 and '42' are different keys.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
    case '8309':
      return new FileMakerError(
        `${ctx.endpoint}: a field named in the request does not exist in ${where} (${seen}). Check the names in select, orderby and filter; metadata() lists the fields.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
    case '-1000':
      return new FileMakerError(
        `${ctx.endpoint}: the server knows no database "${ctx.database}" at this address (${seen}). Check the name (case-sensitive, with or without .fmp12), that the file is open on the server, and that baseUrl is the server's address without /fmi/odata; databases() lists the files this account can open with fmodata.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
    case '-1002':
      // FileMaker answers an operation or query option it does not implement with the same code.
      if (res.status === 405 || res.status === 501) {
        return new FileMakerError(
          `${ctx.endpoint}: the server does not support this OData operation or query option (${seen}). FileMaker's OData takes GET, POST, PATCH and DELETE, and not every OData 4 feature; see Claris's OData guide for what it supports.`,
          base('FMAUTH_FILEMAKER_ERROR'),
        );
      }
      return new FileMakerError(
        `${ctx.endpoint}: FileMaker could not parse the request URL (${seen}). Check the filter syntax (build it with odataFilter\`…\`), field names and query options.`,
        base('FMAUTH_FILEMAKER_ERROR'),
      );
  }
  if (res.status === 401) {
    // No FileMaker code: FileMaker Cloud refuses an expired or unknown Claris ID token with a bare 401 page.
    return refused(
      body
        ? seen
        : `HTTP 401 without an OData error body; FileMaker Cloud does this when the Claris ID token has expired or is not accepted`,
    );
  }
  if (body) return new FileMakerError(`${ctx.endpoint} failed (${seen}).`, base('FMAUTH_FILEMAKER_ERROR'));
  return nonODataError(res, ctx, base, scrub);
}

function nonODataError(
  res: HttpResponse,
  ctx: ODataResponseContext,
  base: (code: FmAuthErrorCode) => FmAuthErrorOptions,
  scrub: (text: string | undefined) => string | undefined,
): FmAuthError {
  const rawType = res.headers['content-type'];
  const contentType = scrub(Array.isArray(rawType) ? rawType[0] : rawType) ?? 'no content type';
  if (res.status === 429) {
    return rateLimitedError(ctx.endpoint, base);
  }
  const preview = bodyPreview(res.text, scrub);
  const options = { ...base('FMAUTH_UNEXPECTED_RESPONSE'), contentType, bodyPreview: preview };
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new UnexpectedResponseError(
      `The web server answered HTTP ${res.status} (${contentType}) for ${ctx.endpoint}, but FileMaker's OData engine did not. Check that OData is enabled (Admin Console > Connectors > OData) and that the server is running.`,
      options,
    );
  }
  if (res.status === 404) {
    return new UnexpectedResponseError(
      `${ctx.endpoint} answered HTTP 404 without an OData body (${contentType}). Check the base URL: it should be the server's address, e.g. https://fms.example.com, without /fmi/odata; and that OData is enabled.`,
      options,
    );
  }
  return new UnexpectedResponseError(
    `${ctx.endpoint} answered HTTP ${res.status} with a body that is not an OData response (${contentType}${res.text.length === 0 ? ', empty' : ''}).`,
    options,
  );
}

/** A 2xx answer whose body we could not use (not JSON, wrong shape). */
export function unusableBodyError(
  res: HttpResponse,
  ctx: ODataResponseContext,
  what: string,
): UnexpectedResponseError {
  const rawType = res.headers['content-type'];
  const contentType = ctx.scrubber.scrub(Array.isArray(rawType) ? rawType[0] : rawType) ?? 'no content type';
  const preview = bodyPreview(res.text, (text) => ctx.scrubber.scrub(text));
  return new UnexpectedResponseError(
    `${ctx.endpoint} answered HTTP ${res.status} but ${what} (${contentType}${res.text.length === 0 ? ', empty' : ''}). A proxy may have answered instead of FileMaker's OData engine.`,
    {
      status: res.status,
      endpoint: ctx.endpoint,
      strategyId: ctx.strategy.id,
      contentType,
      bodyPreview: preview,
    },
  );
}
