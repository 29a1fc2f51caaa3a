import type { TokenStoreEvent } from '@fmauth/core';
import type { ClarisUserPool } from './claris-pool.js';

/** How the strategy got its ID token. */
export type SignInMethod = 'srp' | 'refresh';

/**
 * What the strategy reports to `onEvent`. None of these carries a password, token or code.
 *
 * - `pool-discovered`: discovery answered; these settings are used.
 * - `pool-discovery-failed`: discovery failed (`reason` says why); `fallback` is used instead.
 * - `signed-in`: this process got a new ID token from Cognito, by full SRP sign-in or by refresh, and
 *   the challenges answered on the way. A token taken from the `tokenStore` is `shared-token` instead.
 * - `sign-in-failed`: a sign-in or refresh failed with `error` (typed, already redacted).
 * - `refresh-rejected`: Cognito refused the refresh token (expired, revoked, rotated away past its
 *   grace period), or the endpoint serves no refresh operation; a full SRP sign-in follows.
 * - `refresh-operation-changed`: the endpoint does not serve the refresh operation tried
 *   (`reason` says why), so this strategy refreshes with `operation` from now on: REFRESH_TOKEN_AUTH on
 *   an endpoint without GetTokensFromRefreshToken, and back when REFRESH_TOKEN_AUTH is disabled.
 * - `challenge`: Cognito asked for `challengeName` (an MFA code, a new password).
 * - `invalidated`: FileMaker Cloud rejected the token; the next sign-in refreshes it.
 * - With a `tokenStore`, core's store events: `store-unavailable` (a store call failed or timed out;
 *   this process signs in by itself meanwhile), `store-recovered`, `store-value-discarded` (a stored
 *   entry was unusable: foreign, undecryptable, expired…) and `shared-token` (the tokens came from
 *   the store, `waitedMs` after another process's sign-in).
 */
export type FileMakerCloudEvent =
  | { readonly type: 'pool-discovered'; readonly url: string; readonly pool: ClarisUserPool }
  | {
      readonly type: 'pool-discovery-failed';
      readonly url: string;
      readonly reason: string;
      readonly fallback: ClarisUserPool;
    }
  | {
      readonly type: 'signed-in';
      readonly method: SignInMethod;
      readonly durationMs: number;
      /** The ID token's lifetime as issued, in milliseconds. */
      readonly lifetimeMs: number;
      readonly challenges: readonly string[];
    }
  | { readonly type: 'sign-in-failed'; readonly method: SignInMethod; readonly error: Error }
  | { readonly type: 'refresh-rejected'; readonly reason: string }
  | {
      readonly type: 'refresh-operation-changed';
      /** The Cognito operation later refreshes use. */
      readonly operation: 'GetTokensFromRefreshToken' | 'InitiateAuth (REFRESH_TOKEN_AUTH)';
      readonly reason: string;
    }
  | { readonly type: 'challenge'; readonly challengeName: string }
  | { readonly type: 'invalidated' }
  | TokenStoreEvent;

/** Calls the observer; an observer's bug must never break a sign-in. */
export function safeEmitter(
  onEvent: ((event: FileMakerCloudEvent) => void) | undefined,
): (event: FileMakerCloudEvent) => void {
  if (!onEvent) return () => undefined;
  return (event) => {
    try {
      onEvent(event);
    } catch {
      // Ignored on purpose: observers are for logs and metrics.
    }
  };
}
