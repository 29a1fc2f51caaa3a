import { inspect } from 'node:util';
import { getGlobalDispatcher } from 'undici';
import { parseServerAddress } from '../base-url.js';
import { UnsupportedError } from '../errors/error-classes.js';
import { assertOptionalPositiveNumber, InvalidArgumentError } from '../invalid-argument.js';
import type { AuthStrategy, TargetApi } from '../strategy.js';
import { assertStrategy } from './assert-strategy.js';
import { AuthorizationSource } from './authorization-source.js';
import type { AuthorizationToken } from './authorization-token.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { type AuthorizationHeaderProviderOptions, DEFAULT_REFRESH_MARGIN_MS } from './provider-options.js';

const TARGET_APIS: readonly TargetApi[] = ['odata', 'data-api', 'admin-api'];

/**
 * An `Authorization` header for every request, from any fmauth strategy: the shape published FileMaker
 * OData clients take for authentication (fm-odata-client's `Connection` accepts it unchanged).
 *
 * - **Cached**: the strategy is asked once; the same header is handed out until it nears expiry.
 * - **Fresh**: FileMaker Cloud's `FMID` header is replaced before the Claris ID token expires.
 * - **Single-flight**: any number of concurrent cold callers share one strategy call (one Claris ID
 *   sign-in).
 * - **Self-healing**: call {@link invalidate} when the server answers 401; the strategy drops what it
 *   cached and the next call gets fresh credentials.
 * - **Secret**: the header never appears in `util.inspect`, `JSON.stringify` or errors of the provider,
 *   and is kept in memory only (never in a token store: a Basic header is a password).
 *
 * Create it with {@link createAuthorizationHeaderProvider}.
 */
export class AuthorizationHeaderProvider implements AsyncDisposable {
  readonly #source: AuthorizationSource;
  readonly #strategyId: string;
  readonly #api: TargetApi;

  constructor(strategy: AuthStrategy, options: AuthorizationHeaderProviderOptions) {
    assertStrategy(strategy, 'createAuthorizationHeaderProvider');
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        'createAuthorizationHeaderProvider needs options with at least { baseUrl }',
        'ERR_INVALID_ARG_TYPE',
      );
    }
    const api = options.api ?? 'odata';
    if (!TARGET_APIS.includes(api)) {
      throw new InvalidArgumentError(`"api" must be one of ${TARGET_APIS.join(', ')}`);
    }
    if (options.database !== undefined && (typeof options.database !== 'string' || options.database === '')) {
      throw new InvalidArgumentError('"database" must be a non-empty string when given');
    }
    assertOptionalNonNegative(options.refreshMarginMs, 'refreshMarginMs');
    assertOptionalPositiveNumber(options.loginTimeoutMs, 'loginTimeoutMs');
    const address = parseServerAddress(options.baseUrl, 'baseUrl', options.allowInsecureHttp === true);
    const onEvent = options.onEvent;
    this.#strategyId = strategy.id;
    this.#api = api;
    this.#source = new AuthorizationSource({
      strategy,
      api,
      baseUrl: address.url,
      database: options.database,
      dispatcher: options.dispatcher ?? getGlobalDispatcher(),
      refreshMarginMs: options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS,
      loginTimeoutMs: options.loginTimeoutMs ?? 30_000,
      clock: options.clock ?? Date.now,
      emit: (event) => {
        try {
          onEvent?.(event);
        } catch {
          // An observer's bug must not break logins.
        }
      },
      ownerName: `The authorization header provider of the "${strategy.id}" strategy`,
    });
  }

  /** True once {@link close} has been called. */
  get closed(): boolean {
    return this.#source.closed;
  }

  /**
   * The `Authorization` value to send now (`Basic …` or `FMID …`). Resolves at once while the cached
   * one is fresh; otherwise waits for the one strategy call all concurrent callers share. Rejects with
   * the strategy's typed error (e.g. `InvalidCredentialsError` from a Claris ID sign-in), with
   * `UnsupportedError` when the strategy sends no Authorization header, and with `SessionClosedError`
   * after {@link close}.
   */
  async getAuthorizationHeader(): Promise<string> {
    const ready = this.#source.current();
    const token = ready instanceof Promise ? await ready : ready;
    return headerOf(token, this.#strategyId, this.#api);
  }

  /**
   * The server refused a header (HTTP 401): tell the provider, then ask for a new header and retry
   * once. The strategy drops what it cached (e.g. a Claris ID token FileMaker Cloud no longer takes)
   * and the next {@link getAuthorizationHeader} gets fresh credentials.
   *
   * Pass the header the refused request carried: then only that one is dropped, so when many requests
   * fail with the same header the strategy is told once, and a report that arrives after the header was
   * already replaced changes nothing. Without it, whatever is cached now is dropped.
   */
  async invalidate(rejectedHeader?: string): Promise<void> {
    if (rejectedHeader !== undefined && typeof rejectedHeader !== 'string') {
      throw new InvalidArgumentError(
        '"rejectedHeader" must be the refused Authorization value (a string)',
        'ERR_INVALID_ARG_TYPE',
      );
    }
    const held = this.#source.held();
    if (held === undefined) return this.#source.reject(undefined);
    if (rejectedHeader !== undefined) {
      const current = held.authorization?.reveal();
      // Already replaced: another report got there first; only wait for its invalidate() to finish.
      if (current === undefined || !constantTimeEqual(current, rejectedHeader)) return this.#source.settled();
    }
    return this.#source.reject(held);
  }

  /**
   * Forgets the credentials; later calls reject with `SessionClosedError`. The strategy is left open
   * (it may serve others): call its own `close()` when done with it. Idempotent.
   */
  async close(): Promise<void> {
    this.#source.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toJSON(): Record<string, unknown> {
    return {
      type: 'AuthorizationHeaderProvider',
      strategy: this.#strategyId,
      api: this.#api,
      closed: this.closed,
    };
  }

  [inspect.custom](): string {
    return `AuthorizationHeaderProvider { strategy: '${this.#strategyId}', api: '${this.#api}', closed: ${this.closed} }`;
  }
}

/**
 * Creates an authorization header provider for `strategy`. Does no I/O: the first
 * `getAuthorizationHeader()` asks the strategy.
 *
 * @example
 * import { createAuthorizationHeaderProvider } from '@fmauth/core';
 * import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
 * import { Connection } from 'fm-odata-client';
 *
 * const auth = createAuthorizationHeaderProvider(
 *   fileMakerCloud({ clarisId: 'dev@example.com', password: process.env.CLARIS_PASSWORD! }),
 *   { baseUrl: 'https://acme.account.filemaker-cloud.com', database: 'Contacts' },
 * );
 * const connection = new Connection('acme.account.filemaker-cloud.com', auth);
 */
export function createAuthorizationHeaderProvider(
  strategy: AuthStrategy,
  options: AuthorizationHeaderProviderOptions,
): AuthorizationHeaderProvider {
  return new AuthorizationHeaderProvider(strategy, options);
}

function headerOf(token: AuthorizationToken, strategyId: string, api: TargetApi): string {
  if (token.authorization === undefined) {
    throw new UnsupportedError(
      `The "${strategyId}" strategy sends no Authorization header for the ${api} API (only other headers), so there is no header to hand out.`,
      { strategyId },
    );
  }
  return token.authorization.reveal();
}

function assertOptionalNonNegative(value: unknown, name: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `"${name}" must be zero or a positive number of milliseconds, got ${String(value)}`,
    );
  }
}
