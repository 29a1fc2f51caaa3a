import { createHash } from 'node:crypto';

/** What a shared token is for. Two logins share a token only when every part is equal. */
export interface TokenKeyParts {
  /** `data-api`, `admin-api`, `odata`, or a strategy's own upstream token such as `claris-id`. */
  readonly kind: string;
  /** Origin plus path prefix, e.g. `https://fms.example.com` or `http://127.0.0.1:8080/claris-server`. */
  readonly server: string;
  readonly database?: string | undefined;
  readonly strategyId: string;
  /** The non-secret account identity (account name, Claris ID). */
  readonly identity: string;
  /** Anything else the login depends on that is not secret (e.g. the fmDataSource files and accounts). */
  readonly extra?: readonly string[];
}

/**
 * The store key of a shared token: `<kind>:<hash>`, the hash (SHA-256, base64url) of every part in an
 * unambiguous JSON array. It never contains a secret, and hashing keeps account names (personal data)
 * out of key listings and bounds the key's length. Passwords are not part of it: rotating a password
 * does not invalidate a session that is still open.
 */
export function tokenKey(parts: TokenKeyParts): string {
  const material = JSON.stringify([
    parts.kind,
    parts.server,
    parts.database ?? null,
    parts.strategyId,
    parts.identity,
    parts.extra ?? [],
  ]);
  return `${parts.kind}:${createHash('sha256').update(material).digest('base64url')}`;
}
