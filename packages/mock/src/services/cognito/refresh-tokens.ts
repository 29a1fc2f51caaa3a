import { createHash, randomBytes } from 'node:crypto';

/** What the pool remembers about one refresh token (the token itself is stored only as a hash). */
export interface RefreshTokenRecord {
  /** The Claris ID user's email (directory key). */
  readonly email: string;
  readonly clientId: string;
  readonly userPoolId: string;
  /** `auth_time` of the sign-in that produced it, seconds. */
  readonly authTime: number;
  /** `origin_jti` shared by every token of that sign-in. */
  readonly originJti: string;
  /** Mock-clock ms. */
  readonly expiresAt: number;
  revoked: boolean;
  /**
   * Mock-clock ms from which a token rotated away (refresh token rotation) no longer works: the
   * rotation time plus the client's grace period. `undefined` while it is the sign-in's current token.
   */
  retiresAt: number | undefined;
}

// Real refresh tokens are JWEs; this header (RSA-OAEP, A256GCM) makes ours look alike. They stay opaque.
const JWE_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');
const MAX_RECORDS = 50_000;

/**
 * Opaque server-side refresh tokens. Lookups go through SHA-256 of the token, so the map never holds
 * a usable token and no secret is compared byte by byte.
 */
export class RefreshTokens {
  readonly #records = new Map<string, RefreshTokenRecord>();
  /** `origin_jti`s of revoked sign-ins: their access tokens are refused too. */
  readonly #revokedOrigins = new Set<string>();

  issue(record: Omit<RefreshTokenRecord, 'revoked' | 'retiresAt'>): string {
    if (this.#records.size >= MAX_RECORDS) this.#dropOldest();
    const segment = (size: number) => randomBytes(size).toString('base64url');
    const token = [JWE_HEADER, segment(256), segment(12), segment(384), segment(16)].join('.');
    this.#records.set(digest(token), { ...record, revoked: false, retiresAt: undefined });
    return token;
  }

  find(token: string): RefreshTokenRecord | undefined {
    return this.#records.get(digest(token));
  }

  /** Revokes one token and every access token of its sign-in. */
  revoke(record: RefreshTokenRecord): void {
    record.revoked = true;
    this.#revokedOrigins.add(record.originJti);
  }

  /**
   * Marks a token as rotated away: it keeps working until `at` (mock-clock ms), so a client that lost
   * the answer can retry. A second rotation never extends the first one's deadline.
   */
  retire(record: RefreshTokenRecord, at: number): void {
    record.retiresAt = Math.min(record.retiresAt ?? at, at);
  }

  /**
   * Whether a token was revoked, itself or through its sign-in: tokens rotated from one another share
   * the sign-in's `origin_jti`, so revoking any of them ends them all.
   */
  isRevoked(record: RefreshTokenRecord): boolean {
    return record.revoked || this.#revokedOrigins.has(record.originJti);
  }

  /** Revokes every refresh token of a user (GlobalSignOut); returns how many were live. */
  revokeUser(email: string): number {
    let count = 0;
    for (const record of this.#records.values()) {
      if (record.email.toLowerCase() !== email.toLowerCase() || record.revoked) continue;
      this.revoke(record);
      count++;
    }
    return count;
  }

  isRevokedOrigin(originJti: unknown): boolean {
    return typeof originJti === 'string' && this.#revokedOrigins.has(originJti);
  }

  clear(): void {
    this.#records.clear();
    this.#revokedOrigins.clear();
  }

  #dropOldest(): void {
    const oldest = this.#records.keys().next();
    if (!oldest.done) this.#records.delete(oldest.value);
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
