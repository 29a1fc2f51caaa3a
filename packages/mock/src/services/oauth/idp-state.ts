import type { MockClock } from '../../core/mock-clock.js';
import type { IdpUserFixture, OAuthProviderFixture } from '../../fixture/sections/oauth.js';
import { makeRoom, opaqueToken } from './oauth-ids.js';

/** [guess] How long the simulated IdP keeps an unfinished sign-in page alive (mock clock). */
const ATTEMPT_LIFETIME_MS = 15 * 60_000;

/** One authorization request the IdP is showing pages for. */
export interface AuthorizationAttempt {
  readonly id: string;
  /** Rotated on every page shown: only the newest form can be posted (CSRF, double posts). */
  nonce: string;
  readonly provider: OAuthProviderFixture;
  readonly redirectUri: string;
  readonly state: string;
  readonly scope: string;
  readonly createdAt: number;
  step: 'sign-in' | 'consent' | 'done';
  user?: IdpUserFixture;
}

/** What a redeemed code tells the relying party (FileMaker Server) about the user. */
export interface IdpProfile {
  readonly username: string;
  readonly email: string;
  readonly displayName: string;
  readonly groups: readonly string[];
}

export type Redemption =
  | { readonly ok: true; readonly profile: IdpProfile }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'used' | 'client-mismatch' };

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly profile: IdpProfile;
  readonly expiresAt: number;
  used: boolean;
}

/** The IdP's memory: sign-in pages in progress and authorization codes not yet redeemed. */
export class IdpState {
  readonly #clock: MockClock;
  #attempts = new Map<string, AuthorizationAttempt>();
  #codes = new Map<string, IssuedCode>();

  constructor(clock: MockClock) {
    this.#clock = clock;
  }

  startAttempt(
    init: Pick<AuthorizationAttempt, 'provider' | 'redirectUri' | 'state' | 'scope'>,
  ): AuthorizationAttempt {
    makeRoom(this.#attempts);
    const attempt: AuthorizationAttempt = {
      ...init,
      id: opaqueToken(18),
      nonce: opaqueToken(),
      createdAt: this.#clock.now(),
      step: 'sign-in',
    };
    this.#attempts.set(attempt.id, attempt);
    return attempt;
  }

  /** The attempt a form names, unless it is unknown or has lapsed. */
  attempt(id: string): AuthorizationAttempt | undefined {
    const attempt = this.#attempts.get(id);
    if (!attempt) return undefined;
    if (this.#clock.now() - attempt.createdAt >= ATTEMPT_LIFETIME_MS) {
      this.#attempts.delete(id);
      return undefined;
    }
    return attempt;
  }

  /** A single-use code for the relying party, redeemable for `lifetimeMs`. */
  issueCode(
    attempt: AuthorizationAttempt,
    user: IdpUserFixture,
    clientId: string,
    lifetimeMs: number,
  ): string {
    makeRoom(this.#codes);
    const code = opaqueToken(32);
    this.#codes.set(code, {
      clientId,
      redirectUri: attempt.redirectUri,
      profile: {
        username: user.username,
        email: user.email,
        displayName: user.displayName ?? user.username,
        groups: [...user.groups],
      },
      expiresAt: this.#clock.now() + lifetimeMs,
      used: false,
    });
    return code;
  }

  /** Exchanges a code once, for the client and redirect URI it was issued to (RFC 6749 §4.1.3). */
  redeem(code: string, clientId: string, redirectUri: string): Redemption {
    const issued = this.#codes.get(code);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (issued.used) return { ok: false, reason: 'used' };
    if (this.#clock.now() >= issued.expiresAt) {
      this.#codes.delete(code);
      return { ok: false, reason: 'expired' };
    }
    if (issued.clientId !== clientId || issued.redirectUri !== redirectUri)
      return { ok: false, reason: 'client-mismatch' };
    issued.used = true;
    return { ok: true, profile: issued.profile };
  }

  clear(): void {
    this.#attempts = new Map();
    this.#codes = new Map();
  }
}
