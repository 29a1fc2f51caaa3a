import type { Secret } from '@fmauth/core';
import type { IssuedTokens } from './id-token.js';

/** A refresh token and when this strategy stops relying on it (epoch ms, strategy clock). */
export interface RefreshGrant {
  readonly token: Secret<string>;
  readonly until: number;
}

/**
 * What one Claris ID sign-in gives every process sharing it: the ID token to hand out, and the refresh
 * token that renews it without a password or an MFA code. `refreshToken` carries the last one Cognito
 * issued even after a refresh that returned none, so the stored entry never loses it.
 */
export interface ClarisIdTokenSet extends IssuedTokens {
  /** When the stored entry, and with it the refresh token, expires (epoch ms). */
  readonly refreshTokenUntil: number;
}
