import type { Dispatcher } from 'undici';

/** TLS settings for servers with their own certificates (on-premises FileMaker Server). */
export interface TlsOptions {
  /**
   * Extra trusted certificate authorities, PEM. Use this for a self-signed or private-CA certificate
   * instead of turning verification off.
   * @example { ca: fs.readFileSync('fms-ca.pem') }
   */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Client certificate and key, PEM, for servers behind mutual TLS. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Host name to verify the certificate against, when it differs from the URL's host. */
  readonly servername?: string;
  /**
   * `false` accepts any certificate, including a forged one: only for throwaway test servers.
   * Prefer `ca`. Default `true`.
   */
  readonly rejectUnauthorized?: boolean;
}

/** Timeouts in milliseconds. Every network call has one; none can be switched off. */
export interface TimeoutOptions {
  /** Opening the TCP + TLS connection. Default 10 000. */
  readonly connectMs?: number;
  /** Waiting for a response (headers, then each body chunk) of a Data API call. Default 30 000. */
  readonly requestMs?: number;
  /** A whole login, strategy work included (e.g. a Claris ID sign-in). Default 30 000. */
  readonly loginMs?: number;
  /** The logout request sent by `close()`. Default 5 000. */
  readonly logoutMs?: number;
  /**
   * Each call to a `tokenStore` (read, write, lock). A store slower than this counts as unavailable:
   * the session carries on without it and tries it again after a few seconds. Default 3 000: above the
   * Redis store's own connect (2 000) and command (1 000) timeouts, so a cold start's first call can
   * connect and the store's more precise errors come first; this bound is the backstop for stores
   * without timeouts of their own.
   */
  readonly storeMs?: number;
  /**
   * Lifetime of the cross-process login lock in a `tokenStore`. The process that logs in renews it
   * while the login runs; if that process dies, the others wait at most this long before one of them
   * logs in instead. Default 5 000.
   */
  readonly loginLockMs?: number;
}

/** How requests travel. Give `dispatcher` to take full control; otherwise core builds an undici Agent. */
export interface TransportOptions {
  /**
   * Your own undici dispatcher (Agent, Pool, ProxyAgent, MockAgent, …). When given, `tls`, `proxy` and
   * `timeouts.connectMs` are ignored and `close()` leaves it open: you own it.
   */
  readonly dispatcher?: Dispatcher;
  readonly tls?: TlsOptions;
  /**
   * HTTP(S) proxy URL, e.g. `http://proxy.internal:3128`. Credentials in the URL are sent as
   * `Proxy-Authorization`.
   */
  readonly proxy?: string | URL;
  readonly timeouts?: TimeoutOptions;
}

export interface ResolvedTimeouts {
  readonly connectMs: number;
  readonly requestMs: number;
  readonly loginMs: number;
  readonly logoutMs: number;
  readonly storeMs: number;
  readonly loginLockMs: number;
}

export const DEFAULT_TIMEOUTS: ResolvedTimeouts = Object.freeze({
  connectMs: 10_000,
  requestMs: 30_000,
  loginMs: 30_000,
  logoutMs: 5_000,
  storeMs: 3_000,
  loginLockMs: 5_000,
});
