import { type Secret, SessionClosedError } from '@fmauth/core';
import type { Dispatcher } from 'undici';
import { loadCognitoRuntime } from './cognito-client.js';
import { isRefreshTokenRejection } from './cognito-errors.js';
import type { CognitoTransport } from './cognito-transport.js';
import { type FileMakerCloudEvent, type SignInMethod, safeEmitter } from './events.js';
import { STRATEGY_ID } from './hints.js';
import type { IssuedTokens } from './id-token.js';
import { PoolSettings } from './pool-settings.js';
import type { ResolvedOptions } from './resolve-options.js';

/**
 * The Claris ID token lifecycle behind one strategy, shared by every session that uses it:
 *
 * - hands out the cached ID token while it is fresh (until `exp` less the skew);
 * - then renews it with the refresh token (REFRESH_TOKEN_AUTH, one request, no password);
 * - and only when Cognito refuses the refresh token signs in again with SRP;
 * - single-flight: whoever asks while a renewal runs waits for that one.
 *
 * Tokens and the password live in `#private` fields, so no dump or serialisation of this object
 * shows them.
 */
export class ClarisIdTokens {
  readonly #options: ResolvedOptions;
  readonly #pool: PoolSettings;
  readonly #emit: (event: FileMakerCloudEvent) => void;
  /** Aborts every Cognito call and callback in flight when the strategy is closed. */
  readonly #closer = new AbortController();
  #password: Secret<string>;
  #tokens: IssuedTokens | undefined;
  #refreshToken: Secret<string> | undefined;
  #flight: Promise<IssuedTokens> | undefined;
  #transport: CognitoTransport | undefined;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.#password = options.password;
    this.#emit = safeEmitter(options.onEvent);
    this.#pool = new PoolSettings(options.pool, options.discovery, this.#emit, options.onEvent !== undefined);
  }

  /** A fresh ID token: the cached one, the renewal in flight, or a new renewal. */
  current(dispatcher: Dispatcher): Promise<IssuedTokens> | IssuedTokens {
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
    if (!this.#tokens) return;
    this.#tokens = undefined;
    this.#emit({ type: 'invalidated' });
  }

  /** Aborts what is in flight, forgets every token and releases the SDK client. Idempotent. */
  close(): void {
    if (this.#closer.signal.aborted) return;
    this.#closer.abort(closedError());
    this.#tokens = undefined;
    this.#refreshToken = undefined;
    this.#transport?.destroy();
  }

  async #renew(dispatcher: Dispatcher): Promise<IssuedTokens> {
    const signal = this.#closer.signal;
    const pool = await this.#pool.resolve(dispatcher, signal);
    // The SDK and the SRP math load only now, when Cognito is really needed (see cognito-client.ts).
    const cognito = await loadCognitoRuntime();
    this.#transport ??= new cognito.CognitoTransport(this.#options.cognito, pool.region);
    const transport = this.#transport;

    const refreshToken = this.#refreshToken;
    if (refreshToken) {
      const started = this.#options.clock();
      try {
        const result = await cognito.refreshIdToken(transport, pool.clientId, refreshToken, signal);
        return this.#keep(
          cognito.readIssuedTokens(
            result,
            this.#options.clock(),
            this.#options.expirySkewMs,
            cognito.REFRESH_OPERATION,
          ),
          {
            method: 'refresh',
            started,
            challenges: [],
          },
        );
      } catch (error) {
        if (!isRefreshTokenRejection(error)) throw this.#failed('refresh', error);
        // Expired or revoked: only now is a full sign-in (with the password) justified.
        if (this.#refreshToken === refreshToken) this.#refreshToken = undefined;
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
      return this.#keep(issued, { method: 'srp', started, challenges });
    } catch (error) {
      throw this.#failed('srp', error);
    }
  }

  #keep(
    issued: IssuedTokens,
    how: { method: SignInMethod; started: number; challenges: readonly string[] },
  ): IssuedTokens {
    if (this.#closer.signal.aborted) throw closedError();
    this.#tokens = issued;
    this.#refreshToken = issued.refreshToken ?? this.#refreshToken;
    this.#emit({
      type: 'signed-in',
      method: how.method,
      durationMs: this.#options.clock() - how.started,
      lifetimeMs: issued.lifetimeMs,
      challenges: how.challenges,
    });
    return issued;
  }

  #failed(method: SignInMethod, error: unknown): unknown {
    if (error instanceof Error) this.#emit({ type: 'sign-in-failed', method, error });
    return error;
  }
}

function closedError(): SessionClosedError {
  return new SessionClosedError(
    'This fileMakerCloud strategy was closed; create a new one to sign in again.',
    { strategyId: STRATEGY_ID },
  );
}
