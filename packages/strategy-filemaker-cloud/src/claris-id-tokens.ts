import { type Secret, SessionClosedError } from '@fmauth/core';
import type { Dispatcher } from 'undici';
import type { ClarisUserPool } from './claris-pool.js';
import { loadCognitoRuntime } from './cognito-client.js';
import { isRefreshUnavailable } from './cognito-errors.js';
import type { CognitoTransport } from './cognito-transport.js';
import { type FileMakerCloudEvent, type SignInMethod, safeEmitter } from './events.js';
import { STRATEGY_ID } from './hints.js';
import type { IssuedTokens } from './id-token.js';
import { PoolSettings } from './pool-settings.js';
import type { TokenRefresher } from './refresh.js';
import type { ResolvedOptions } from './resolve-options.js';
import { SharedTokenSet } from './shared-token-set.js';
import type { ClarisIdTokenSet, RefreshGrant } from './token-set.js';

/**
 * The Claris ID token lifecycle behind one strategy, shared by every session that uses it:
 *
 * - hands out the cached ID token while it is fresh (until `exp` less the skew);
 * - then renews it with the refresh token (GetTokensFromRefreshToken, or REFRESH_TOKEN_AUTH where
 *   the endpoint lacks it: one request, no password), keeping the new refresh token a rotating app
 *   client hands out;
 * - and only when Cognito refuses the refresh token (or serves no refresh) signs in again with SRP;
 * - single-flight: whoever asks while a renewal runs waits for that one;
 * - with a `tokenStore`, a renewal first looks in the store, and at most one process at a time talks
 *   to Cognito for the same Claris ID (see shared-token-set.ts).
 *
 * Tokens and the password live in `#private` fields, so no dump or serialisation of this object
 * shows them.
 */
export class ClarisIdTokens {
  readonly #options: ResolvedOptions;
  readonly #pool: PoolSettings;
  readonly #emit: (event: FileMakerCloudEvent) => void;
  readonly #shared: SharedTokenSet | undefined;
  /** Aborts every Cognito call and callback in flight when the strategy is closed. */
  readonly #closer = new AbortController();
  #password: Secret<string>;
  #tokens: ClarisIdTokenSet | undefined;
  #refresh: RefreshGrant | undefined;
  /**
   * The last ID token FileMaker Cloud refused here. The store may still hold it, fresh by the clock,
   * so it is remembered to keep this process from taking it back from there.
   */
  #refused: Secret<string> | undefined;
  #flight: Promise<ClarisIdTokenSet> | undefined;
  #transport: CognitoTransport | undefined;
  /** Remembers which refresh operation the endpoint serves, for the strategy's life. */
  #refresher: TokenRefresher | undefined;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.#password = options.password;
    this.#emit = safeEmitter(options.onEvent);
    this.#pool = new PoolSettings(options.pool, options.discovery, this.#emit, options.onEvent !== undefined);
    this.#shared = options.sharing
      ? new SharedTokenSet(
          options.sharing,
          options.clarisId.toLowerCase(),
          options.cognito.timeoutMs,
          options.clock,
          this.#emit,
        )
      : undefined;
  }

  /** A fresh ID token: the cached one, the renewal in flight, or a new renewal. */
  current(dispatcher: Dispatcher): Promise<ClarisIdTokenSet> | ClarisIdTokenSet {
    if (this.#closer.signal.aborted) throw closedError();
    const tokens = this.#tokens;
    if (tokens && this.#options.clock() < tokens.usableUntil) return tokens;
    if (this.#flight) return this.#flight;
    const flight = this.#renew(dispatcher).finally(() => {
      if (this.#flight === flight) this.#flight = undefined;
    });
    this.#flight = flight;
    return flight;
  }

  /** FileMaker Cloud refused the token: forget it, keep the refresh token for a quick renewal. */
  invalidate(): void {
    const tokens = this.#tokens;
    if (!tokens) return;
    this.#tokens = undefined;
    this.#refused = tokens.authorization;
    this.#emit({ type: 'invalidated' });
  }

  /**
   * Aborts what is in flight, forgets every token and releases the SDK client. Idempotent. A shared
   * entry stays in the store: other processes may be using it.
   */
  close(): void {
    if (this.#closer.signal.aborted) return;
    this.#closer.abort(closedError());
    this.#tokens = undefined;
    this.#refresh = undefined;
    this.#refused = undefined;
    this.#transport?.destroy();
  }

  async #renew(dispatcher: Dispatcher): Promise<ClarisIdTokenSet> {
    const signal = this.#closer.signal;
    const pool = await this.#pool.resolve(dispatcher, signal);
    const shared = this.#shared;
    if (!shared) return this.#fromCognito(pool, this.#refresh);
    const { clock } = this.#options;
    const tokens = await shared.obtain(pool, {
      signal,
      usable: (candidate) => clock() < candidate.usableUntil && !this.#wasRefused(candidate),
      produce: async (stale) => {
        // The store's refresh token is the newest any process has; ours is the fallback when the
        // entry is gone (expired, evicted, unreadable).
        const grant = stale?.refreshToken
          ? { token: stale.refreshToken, until: stale.refreshTokenUntil }
          : this.#refresh;
        const produced = await this.#fromCognito(pool, grant);
        return { token: produced, ttlMs: produced.refreshTokenUntil - clock() };
      },
    });
    if (signal.aborted) throw closedError();
    this.#tokens = tokens;
    if (tokens.refreshToken) this.#refresh = { token: tokens.refreshToken, until: tokens.refreshTokenUntil };
    return tokens;
  }

  #wasRefused(tokens: ClarisIdTokenSet): boolean {
    return this.#refused !== undefined && this.#refused.reveal() === tokens.authorization.reveal();
  }

  /** Talks to Cognito: a refresh with `grant` when there is one, SRP when there is none or it is refused. */
  async #fromCognito(pool: ClarisUserPool, grant: RefreshGrant | undefined): Promise<ClarisIdTokenSet> {
    const signal = this.#closer.signal;
    // The SDK and the SRP math load only now, when Cognito is really needed (see cognito-client.ts).
    const cognito = await loadCognitoRuntime();
    this.#transport ??= new cognito.CognitoTransport(this.#options.cognito, pool.region, [
      this.#options.password,
    ]);
    const transport = this.#transport;

    if (grant) {
      this.#refresher ??= new cognito.TokenRefresher(transport, (operation, reason) =>
        this.#emit({ type: 'refresh-operation-changed', operation, reason }),
      );
      const started = this.#options.clock();
      try {
        const { result, operation } = await this.#refresher.refresh(pool.clientId, grant.token, signal);
        const issued = cognito.readIssuedTokens(
          result,
          this.#options.clock(),
          this.#options.expirySkewMs,
          operation,
        );
        return this.#keep(issued, grant, { method: 'refresh', started, challenges: [] });
      } catch (error) {
        if (!isRefreshUnavailable(error)) throw this.#failed('refresh', error);
        // Expired, revoked, rotated away, or no refresh served: only now is a full sign-in (with the
        // password) justified.
        if (this.#refresh?.token === grant.token) this.#refresh = undefined;
        this.#emit({ type: 'refresh-rejected', reason: (error as Error).message });
      }
    }

    const started = this.#options.clock();
    try {
      const { result, challenges, newPassword } = await cognito.signInWithSrp({
        transport,
        pool,
        clarisId: this.#options.clarisId,
        password: this.#password,
        mfa: this.#options.mfa,
        newPassword: this.#options.newPassword,
        clock: this.#options.clock,
        signal,
        emit: this.#emit,
      });
      // Cognito has accepted the new password; the old one no longer signs in.
      if (newPassword) this.#password = newPassword;
      const issued = cognito.readIssuedTokens(
        result,
        this.#options.clock(),
        this.#options.expirySkewMs,
        'RespondToAuthChallenge',
      );
      return this.#keep(issued, undefined, { method: 'srp', started, challenges });
    } catch (error) {
      throw this.#failed('srp', error);
    }
  }

  /**
   * Adopts what Cognito issued. A refresh usually brings no new refresh token: the one it used stays,
   * with its original expiry, so the stored entry keeps it too. On a client with refresh token
   * rotation it brings one, which replaces the used one here and (through the caller) in the store:
   * the used one dies after the client's grace period. A rotated token renews the token, not the
   * sign-in, so it is not trusted past the used one's expiry.
   */
  #keep(
    issued: IssuedTokens,
    used: RefreshGrant | undefined,
    how: { method: SignInMethod; started: number; challenges: readonly string[] },
  ): ClarisIdTokenSet {
    if (this.#closer.signal.aborted) throw closedError();
    const now = this.#options.clock();
    const grant = issued.refreshToken
      ? { token: issued.refreshToken, until: rotatedUntil(now + this.#options.refreshTokenLifetimeMs, used) }
      : (used ?? this.#refresh);
    const tokens: ClarisIdTokenSet = {
      authorization: issued.authorization,
      refreshToken: grant?.token,
      lifetimeMs: issued.lifetimeMs,
      usableUntil: issued.usableUntil,
      // Without a refresh token the entry is worth keeping only while its ID token is.
      refreshTokenUntil: grant?.until ?? issued.usableUntil,
    };
    this.#tokens = tokens;
    this.#refresh = grant;
    this.#emit({
      type: 'signed-in',
      method: how.method,
      durationMs: now - how.started,
      lifetimeMs: issued.lifetimeMs,
      challenges: how.challenges,
    });
    return tokens;
  }

  #failed(method: SignInMethod, error: unknown): unknown {
    if (error instanceof Error) this.#emit({ type: 'sign-in-failed', method, error });
    return error;
  }
}

/** A new refresh token's expiry: a fresh sign-in's lifetime, but never past the token it replaced. */
function rotatedUntil(freshUntil: number, used: RefreshGrant | undefined): number {
  return used ? Math.min(used.until, freshUntil) : freshUntil;
}

function closedError(): SessionClosedError {
  return new SessionClosedError(
    'This fileMakerCloud strategy was closed; create a new one to sign in again.',
    { strategyId: STRATEGY_ID },
  );
}
