import type { FmAuthErrorCode } from './codes.js';
import { AccountUnavailableError, RateLimitedError } from './error-classes.js';
import type { FmAuthErrorOptions } from './fm-auth-error.js';

// The pieces every API's error reader (Data API, OData, Admin API) words the same way. Each reader
// keeps its own body parsing and the advice that differs between the APIs.

const PREVIEW_LENGTH = 200;
/** Text past the preview's end scrubbed along with it: longer than any token or Authorization value. */
const SCRUB_MARGIN = 4096;

/** How a failed answer is quoted in messages: `HTTP 401, FileMaker 212 "…"`. Takes scrubbed text. */
export function describeAnswer(
  status: number,
  fmCode: string | undefined,
  fmMessage: string | undefined,
): string {
  return fmCode
    ? `HTTP ${status}, FileMaker ${fmCode}${fmMessage ? ` "${fmMessage}"` : ''}`
    : `HTTP ${status}`;
}

/**
 * The first 200 characters of a body, for an error's `bodyPreview`. Scrubbed before it is cut, so a
 * secret across the cut is still removed whole.
 */
export function bodyPreview(
  text: string,
  scrub: (text: string | undefined) => string | undefined,
): string | undefined {
  return scrub(text.slice(0, PREVIEW_LENGTH + SCRUB_MARGIN))?.slice(0, PREVIEW_LENGTH);
}

/**
 * 210, 211 and 214: the account exists but cannot log in now. The same FileMaker account codes and the
 * same advice whichever API the account logs in to; `undefined` for any other code.
 */
export function accountUnavailableError(
  fmCode: string | undefined,
  where: string,
  seen: string,
  base: (code: FmAuthErrorCode) => FmAuthErrorOptions,
): AccountUnavailableError | undefined {
  switch (fmCode) {
    case '210':
      return new AccountUnavailableError(
        `The account is inactive in ${where} (${seen}). An administrator must activate it in the file's Manage Security dialog.`,
        { ...base('FMAUTH_ACCOUNT_UNAVAILABLE'), reason: 'inactive' },
      );
    case '211':
      return new AccountUnavailableError(
        `The account's password has expired in ${where} (${seen}). Change the password in FileMaker Pro, or ask an administrator to.`,
        { ...base('FMAUTH_ACCOUNT_UNAVAILABLE'), reason: 'password-expired' },
      );
    case '214':
      return new AccountUnavailableError(
        `Too many failed logins: the account is locked out of ${where} (${seen}). Wait for the lockout to end, then check the password before retrying.`,
        { ...base('FMAUTH_ACCOUNT_UNAVAILABLE'), reason: 'locked-out' },
      );
    default:
      return undefined;
  }
}

/** HTTP 429 without an API body: a proxy or the web server throttled the call. */
export function rateLimitedError(
  endpoint: string,
  base: (code: FmAuthErrorCode) => FmAuthErrorOptions,
): RateLimitedError {
  return new RateLimitedError(
    `${endpoint} was throttled (HTTP 429). Slow down and retry later.`,
    base('FMAUTH_RATE_LIMITED'),
  );
}
