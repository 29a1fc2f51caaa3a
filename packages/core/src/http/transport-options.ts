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

/**
 * Timeouts in milliseconds. Every network call has one; none can be switched off. Each is a deadline
 * for the whole of what it covers, not an idle timeout: a server that answers a byte at a time cannot
 * hold a call past it.
 */
export interface TimeoutOptions {
  /** Opening the TCP + TLS connection. Default 10 000. */
  readonly connectMs?: number;
  /**
   * One HTTP exchange of a Data API call, from sending the request to the last byte of the answer (a
   * replay after a re-login gets a deadline of its own); also `productInfo()`, `databaseNames()` and
   * `validateSession()`. Default 30 000.
   */
  readonly requestMs?: number;
  /** A whole login, strategy work included (e.g. a Claris ID sign-in). Default 30 000. */
  readonly loginMs?: number;
  /** The logout request sent by `logout()` or `close()`, answer included. Default 5 000. */
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

/**
 * Largest response bodies read, in bytes. An answer over its limit fails with an
 * `UnexpectedResponseError` that names the endpoint, the limit and the option to raise: the body is
 * not read further (the connection is dropped), and a `Content-Length` above the limit fails before
 * any of it is read. Protects the process from a misbehaving server or proxy (or one that is not a
 * FileMaker server at all) streaming an endless answer into memory.
 */
export interface ResponseLimitOptions {
  /**
   * Each Data API call: `request()`, `getRecords()`, `find()`, `layoutMetadata()`, … Records can be
   * large (containers are URLs, but text fields and portals add up), so the default is generous.
   * Default 67 108 864 (64 MiB).
   */
  readonly callBytes?: number;
  /**
   * The session's own small requests, whose answers are a few hundred bytes: login, logout,
   * `validateSession()`, `productInfo()`, `databaseNames()`. Default 1 048 576 (1 MiB).
   */
  readonly controlBytes?: number;
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
  /** Largest response bodies read, per kind of request. */
  readonly limits?: ResponseLimitOptions;
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

export interface ResolvedLimits {
  readonly callBytes: number;
  readonly controlBytes: number;
}

export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  callBytes: 64 * 1024 * 1024,
  controlBytes: 1024 * 1024,
});
