import type { MockClock } from '../../core/mock-clock.js';
import type { OAuthProviderFixture } from '../../fixture/sections/oauth.js';
import { secretsEqual } from '../../shared/constant-time.js';
import type { IdpProfile } from './idp-state.js';
import { makeRoom, opaqueToken, upperHexId } from './oauth-ids.js';

/** A `getoauthurl` call waiting for the browser to come back through `/oauth/redirect`. */
export interface PendingOAuthRequest {
  readonly requestId: string;
  readonly state: string;
  readonly provider: OAuthProviderFixture;
  readonly trackingId: string;
  readonly returnUrl: URL;
  readonly createdAt: number;
}

/** An identifier FileMaker Server handed out: bound to its request id and to the IdP user. */
export interface IssuedIdentifier {
  readonly requestId: string;
  readonly identifier: string;
  readonly provider: OAuthProviderFixture;
  readonly profile: IdpProfile;
  readonly issuedAt: number;
  logins: number;
}

export type IdentifierCheck =
  | { readonly ok: true; readonly issued: IssuedIdentifier }
  | { readonly ok: false; readonly reason: 'unknown' | 'mismatch' | 'expired' | 'used' };

/**
 * FileMaker Server's OAuth memory: requests between `getoauthurl` and `/oauth/redirect` (found by
 * their `state`, each completed once), and the identifiers issued (found by request id, the
 * identifier compared in constant time). Times come from the mock clock.
 */
export class OAuthRequests {
  readonly #clock: MockClock;
  #pending = new Map<string, PendingOAuthRequest>();
  #identifiers = new Map<string, IssuedIdentifier>();

  constructor(clock: MockClock) {
    this.#clock = clock;
  }

  begin(init: Pick<PendingOAuthRequest, 'provider' | 'trackingId' | 'returnUrl'>): PendingOAuthRequest {
    makeRoom(this.#pending);
    const request = { ...init, requestId: upperHexId(), state: opaqueToken(), createdAt: this.#clock.now() };
    this.#pending.set(request.state, request);
    return request;
  }

  /**
   * Takes the request a `state` names, once: a replayed or forged state finds nothing. `undefined`
   * too when the request is older than `lifetimeMs`.
   */
  complete(state: string, lifetimeMs: number): PendingOAuthRequest | undefined {
    const request = this.#pending.get(state);
    if (!request) return undefined;
    this.#pending.delete(state);
    return this.#clock.now() - request.createdAt < lifetimeMs ? request : undefined;
  }

  issue(request: PendingOAuthRequest, profile: IdpProfile): IssuedIdentifier {
    makeRoom(this.#identifiers);
    const issued = {
      requestId: request.requestId,
      identifier: upperHexId(),
      provider: request.provider,
      profile,
      issuedAt: this.#clock.now(),
      logins: 0,
    };
    this.#identifiers.set(request.requestId, issued);
    return issued;
  }

  /** The identifier of `requestId` if `identifier` is it, still within `lifetimeMs`, and (single use) unused. */
  check(requestId: string, identifier: string, lifetimeMs: number, singleUse: boolean): IdentifierCheck {
    const issued = this.#identifiers.get(requestId.trim().toUpperCase());
    // Compared even when the request id is unknown, so both refusals take the same time.
    const matches = secretsEqual(identifier.trim().toUpperCase(), issued?.identifier ?? '');
    if (!issued) return { ok: false, reason: 'unknown' };
    if (!matches) return { ok: false, reason: 'mismatch' };
    if (this.#clock.now() - issued.issuedAt >= lifetimeMs) return { ok: false, reason: 'expired' };
    if (singleUse && issued.logins > 0) return { ok: false, reason: 'used' };
    return { ok: true, issued };
  }

  clear(): void {
    this.#pending = new Map();
    this.#identifiers = new Map();
  }
}
