/** Options of {@link fileMakerOAuth}. */
export interface FileMakerOAuthOptions {
  /**
   * The app's secret that seals the sign-in state (and sealed credentials): at least 32 bytes, e.g.
   * `randomBytes(32).toString('base64')` kept in your secret store. Every instance of the app needs the
   * same one. Never printed.
   */
  readonly stateKey: string | Uint8Array;
  /**
   * The app's own return URLs, absolute (`https://app.example.com/oauth/return`): where FileMaker
   * Server sends the browser back with `trackingID`, `identifier` and `error`. `begin()` refuses any
   * other, so a request cannot make the server send a user's identifier elsewhere. FileMaker Server is
   * reported to refuse return URLs on another host than its own (it then shows the identifier as JSON
   * on its `/oauth/redirect` page): serve the return URL from the server's host (a reverse proxy path)
   * or from loopback in development.
   */
  readonly returnUrls: readonly string[];
  /** How long a sign-in may take from `begin()` to `complete()`, in milliseconds. Default 600 000 (10 minutes). */
  readonly stateTtlMs?: number;
  /** Deadline of each call to FileMaker Server (headers and body), in milliseconds. Default 15 000. */
  readonly timeoutMs?: number;
  /** Largest answer read from FileMaker Server, in bytes. Default 65 536. */
  readonly maxResponseBytes?: number;
  /**
   * `X-FMS-Application-Type` sent to `/oauth/getoauthurl`. Default `9`, as documented. One host is
   * reported to answer 9 with HTTP 400 and `X-FMS-Result: 25000` and to accept `7`: set it then.
   */
  readonly applicationType?: 7 | 8 | 9;
  /** `X-FMS-Application-Version` sent with it. Default `15`, as documented. */
  readonly applicationVersion?: number;
  /**
   * Allow `http://` to a server that is not on loopback. Default `false`: the request id and the
   * identifier are a login, so they only travel over HTTPS (or loopback, for the mock).
   */
  readonly allowInsecureHttp?: boolean;
  /**
   * The `fetch` used for the calls to FileMaker Server. Default `globalThis.fetch`. Pass your own to
   * trust a private CA (e.g. a `fetch` bound to an undici `Agent` with `connect: { ca }`).
   */
  readonly fetch?: typeof globalThis.fetch;
  /** Clock in epoch milliseconds, for tests. Default `Date.now`. */
  readonly clock?: () => number;
}

/** The options with their defaults applied. */
export interface ResolvedOAuthOptions {
  readonly returnUrls: readonly string[];
  readonly stateTtlMs: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly applicationType: number;
  readonly applicationVersion: number;
  readonly allowInsecureHttp: boolean;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: () => number;
}

export const DEFAULT_STATE_TTL_MS = 600_000;
export const DEFAULT_OAUTH_TIMEOUT_MS = 15_000;
export const DEFAULT_OAUTH_MAX_RESPONSE_BYTES = 65_536;
