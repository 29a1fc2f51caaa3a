import { InvalidArgumentError } from '@fmauth/core';

/** Where and how to connect, read from a `redis://` or `rediss://` URL. */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly database: number | undefined;
  /** The URL without user name or password, for messages: `redis://host:port/db`. */
  readonly where: string;
}

const FORMAT = 'redis://[user:password@]host[:port][/db] or rediss://… for TLS';

/**
 * Parses the `url` option. Every message names the expected format and never echoes the input: a
 * malformed URL may still hold a password.
 */
export function parseRedisUrl(url: string): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`"url" is not a valid URL; expected ${FORMAT}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    // The scheme alone is safe to show, and it is usually the mistake (http:, unix:, redis+sentinel:).
    throw new InvalidArgumentError(
      `"url" must use redis: or rediss:, got ${parsed.protocol}; expected ${FORMAT}`,
    );
  }
  // WHATWG keeps IPv6 literals bracketed; net.connect wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new InvalidArgumentError(`"url" has no host; expected ${FORMAT}`);
  const tls = parsed.protocol === 'rediss:';
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  let database: number | undefined;
  if (path !== '') {
    if (!/^\d{1,5}$/.test(path)) {
      throw new InvalidArgumentError(`"url" path must be a database number such as /0; expected ${FORMAT}`);
    }
    database = Number(path);
  }
  const username = parsed.username === '' ? undefined : safeDecode(parsed.username);
  const password = parsed.password === '' ? undefined : safeDecode(parsed.password);
  const where = `${parsed.protocol}//${parsed.host}${database === undefined ? '' : `/${database}`}`;
  return { host, port, tls, username, password, database, where };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidArgumentError(
      `"url" has a badly percent-encoded user name or password; expected ${FORMAT}`,
    );
  }
}
