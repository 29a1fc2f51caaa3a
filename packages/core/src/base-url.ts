import { InvalidArgumentError } from './invalid-argument.js';

/** A server address split the way requests need it. */
export interface ServerAddress {
  readonly url: URL;
  /** `scheme://host:port`, what undici dispatches on. */
  readonly origin: string;
  /** Path prefix before `/fmi/…`, without a trailing slash (usually empty; the mock uses one per flavor). */
  readonly prefix: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** True for 127.0.0.0/8, ::1 and localhost, where plain HTTP never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a server base URL. Plain `http://` would send passwords and tokens in clear text, so it is
 * accepted only for loopback addresses unless the caller opts in with `allowInsecureHttp`.
 */
export function parseServerAddress(value: unknown, name: string, allowInsecureHttp = false): ServerAddress {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    throw new InvalidArgumentError(
      `"${name}" must be a URL string such as https://fms.example.com`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new InvalidArgumentError(
      `"${name}" is not a valid URL; expected something like https://fms.example.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidArgumentError(`"${name}" must use https:// (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new InvalidArgumentError(
      `"${name}" uses plain http:// to ${url.hostname}, which would send credentials unencrypted. Use https://, or set allowInsecureHttp: true for a trusted network.`,
    );
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError(
      `"${name}" must not contain credentials; give them to the strategy instead`,
    );
  }
  if (url.search || url.hash)
    throw new InvalidArgumentError(`"${name}" must not have a query string or fragment`);
  const prefix = url.pathname.replace(/\/+$/, '');
  if (/\/fmi(\/|$)/i.test(prefix)) {
    throw new InvalidArgumentError(
      `"${name}" should be the server's address without the API path: drop "${url.pathname}" (e.g. https://fms.example.com)`,
    );
  }
  return { url, origin: url.origin, prefix };
}
