import { FileMakerError as FmAuthFileMakerError } from '@fmauth/core';
import { FileMakerError } from '@proofkit/fmdapi';

/**
 * What reaches the @proofkit/fmdapi client when a call fails.
 *
 * A FileMaker error about the data (401 "No records match", 101 "Record is missing", 105 "Layout is
 * missing", …) becomes @proofkit/fmdapi's own `FileMakerError` with the FileMaker code as `code`, as
 * its fetch adapter throws it: that is what its `find({ ignoreEmptyResult })`, `maybeFindFirst` and
 * `findAll` test for. The fmauth error stays reachable as `cause` (HTTP status, endpoint).
 *
 * Everything else, login and session problems, timeouts, network and TLS failures, is passed through
 * as the typed fmauth error it is (`InvalidCredentialsError`, `ChallengeRequiredError`,
 * `TimeoutError`, …): those carry advice a FileMaker code cannot, and were scrubbed of secrets by the
 * session.
 */
export function toFmdapiError(error: unknown): unknown {
  if (!(error instanceof FmAuthFileMakerError) || error.fmCode === undefined) return error;
  const translated = new FileMakerError(error.fmCode, error.message);
  // Non-enumerable, as Error's own `cause` is: loggers that print enumerable fields stay short.
  Object.defineProperty(translated, 'cause', { value: error, enumerable: false, configurable: true });
  return translated;
}
