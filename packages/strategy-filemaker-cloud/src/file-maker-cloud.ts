import type { AuthenticateContext, AuthStrategy, LoginCredentials } from '@fmauth/core';
import { getGlobalDispatcher } from 'undici';
import { ClarisIdTokens } from './claris-id-tokens.js';
import { HINTS, STRATEGY_ID } from './hints.js';
import type { FileMakerCloudOptions } from './options.js';
import { resolveOptions } from './resolve-options.js';

/** The strategy {@link fileMakerCloud} returns: an `AuthStrategy` that always has `invalidate` and `close`. */
export interface FileMakerCloudStrategy extends AuthStrategy {
  readonly id: 'filemaker-cloud';
  readonly flavors: readonly ['filemaker-cloud'];
  /**
   * The Claris ID, lowercased: core keys shared Data API tokens by it (and this strategy its own
   * Claris ID tokens). Not a secret.
   */
  readonly identity: string;
  /**
   * `Authorization: FMID <Claris ID token>` plus `validUntil` (the token's expiry less the skew), so
   * core logs in again before FileMaker Cloud would end the session. Signs in or refreshes only when
   * the cached ID token is no longer fresh; concurrent callers share one sign-in, and with a
   * `tokenStore` so do all processes using it.
   */
  authenticate(ctx: AuthenticateContext): Promise<LoginCredentials>;
  /** FileMaker Cloud refused the token (core calls this): the next `authenticate` refreshes it. */
  invalidate(): void;
  /** Aborts sign-ins in flight, forgets the tokens and releases the AWS SDK client. Idempotent. */
  close(): Promise<void>;
  /** `await using strategy = fileMakerCloud(…)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Signs in to FileMaker Cloud with a Claris ID: Cognito `USER_SRP_AUTH` through the AWS SDK v3, then
 * `Authorization: FMID <ID token>` for the Data API (and the Admin API and OData). Keeps the ID and
 * refresh tokens, refreshes before the ID token expires, and answers MFA challenges through your
 * callbacks. Checks its options synchronously (coded `TypeError`s) and does no I/O until the first
 * login. One strategy can serve many sessions; call `close()` when done with it.
 *
 * @example
 * import { createDataApiSession } from '@fmauth/core';
 * import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
 *
 * const strategy = fileMakerCloud({ clarisId: 'dev@example.com', password: process.env.CLARIS_PASSWORD! });
 * await using session = createDataApiSession({
 *   baseUrl: 'https://acme.account.filemaker-cloud.com',
 *   database: 'Contacts',
 *   strategy,
 * });
 * const { data } = await session.getRecords('Contacts', { limit: 10 });
 * await strategy.close();
 */
export function fileMakerCloud(options: FileMakerCloudOptions): FileMakerCloudStrategy {
  // The tokens object holds the password and tokens in #private fields; the strategy only closes over it.
  const resolved = resolveOptions(options);
  const tokens = new ClarisIdTokens(resolved);
  return Object.freeze({
    id: STRATEGY_ID,
    flavors: Object.freeze(['filemaker-cloud'] as const),
    // A Claris ID is an email address, typed in any case: one account must map to one store key.
    identity: resolved.clarisId.toLowerCase(),
    hints: HINTS,
    async authenticate(ctx: AuthenticateContext): Promise<LoginCredentials> {
      const issued = await untilAborted(
        tokens.current(ctx?.dispatcher ?? getGlobalDispatcher()),
        ctx?.signal,
      );
      return Object.freeze({ authorization: issued.authorization, validUntil: issued.usableUntil });
    },
    invalidate(): void {
      tokens.invalidate();
    },
    async close(): Promise<void> {
      tokens.close();
    },
    async [Symbol.asyncDispose](): Promise<void> {
      tokens.close();
    },
  });
}

/** Lets one caller give up (its signal) without cancelling the sign-in other callers share. */
function untilAborted<T>(work: Promise<T> | T, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return Promise.resolve(work);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
