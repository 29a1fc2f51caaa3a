import { inspect } from 'node:util';
import { Secret } from '@fmauth/core';

/**
 * A completed sign-in: FileMaker Server's request id and identifier, which together log a user in.
 * Both are secrets: they never show in `String()`, `JSON.stringify` or `util.inspect`. Keep the object
 * in the user's server-side session, or {@link FileMakerOAuth.sealCredentials | seal} it.
 */
export class OAuthCredentials {
  /** The server the sign-in is for (origin plus an optional path prefix, no trailing slash). */
  readonly baseUrl: string;
  /** The provider's `Name` the user signed in with. */
  readonly provider: string;
  /** Epoch ms when the server sent the identifier back. */
  readonly completedAt: number;
  readonly #requestId: Secret<string>;
  readonly #identifier: Secret<string>;

  constructor(fields: {
    readonly baseUrl: string;
    readonly provider: string;
    readonly completedAt: number;
    readonly requestId: string;
    readonly identifier: string;
  }) {
    this.baseUrl = fields.baseUrl;
    this.provider = fields.provider;
    this.completedAt = fields.completedAt;
    this.#requestId = new Secret(fields.requestId);
    this.#identifier = new Secret(fields.identifier);
    Object.freeze(this);
  }

  /** `X-FM-Data-OAuth-Request-Id` (the header value), wrapped. */
  get requestId(): Secret<string> {
    return this.#requestId;
  }

  /** `X-FM-Data-OAuth-Identifier` (the return URL's `identifier`), wrapped. */
  get identifier(): Secret<string> {
    return this.#identifier;
  }

  /** The login headers of the Data API and OData: the pair, no Authorization. */
  loginHeaders(): Readonly<Record<string, Secret<string>>> {
    return { 'X-FM-Data-OAuth-Request-Id': this.#requestId, 'X-FM-Data-OAuth-Identifier': this.#identifier };
  }

  /**
   * An `fmDataSource` entry that opens another file on the same server with this sign-in, for
   * `createDataApiSession({ fmDataSource: [...] })`.
   */
  fmDataSource(database: string): {
    readonly database: string;
    readonly oAuthRequestId: Secret<string>;
    readonly oAuthIdentifier: Secret<string>;
  } {
    return { database, oAuthRequestId: this.#requestId, oAuthIdentifier: this.#identifier };
  }

  toJSON(): object {
    return {
      baseUrl: this.baseUrl,
      provider: this.provider,
      completedAt: this.completedAt,
      requestId: '[redacted]',
      identifier: '[redacted]',
    };
  }

  [inspect.custom](): string {
    return `OAuthCredentials { provider: ${JSON.stringify(this.provider)}, baseUrl: ${JSON.stringify(this.baseUrl)}, [redacted] }`;
  }
}
