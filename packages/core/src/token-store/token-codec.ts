import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ResolvedEncryptionKey } from './encryption-keys.js';

/** The format version every stored value carries. A reader of another version treats it as a miss. */
export const TOKEN_FORMAT_VERSION = 1;

/** Why a stored value was not used; reported in the `store-value-discarded` event. */
export type DiscardReason = 'unreadable' | 'undecryptable' | 'foreign-version' | 'expired' | 'unencrypted';

/** A decoded value: the token's own JSON and when it stops being worth reading (epoch ms). */
export interface DecodedValue {
  readonly data: unknown;
  readonly expiresAt: number;
}

/** Either the value or why it cannot be used. Decoding never throws: bad input is a miss. */
export type DecodeResult =
  | { readonly ok: true; readonly value: DecodedValue }
  | { readonly ok: false; readonly reason: DiscardReason };

// Stored values are small JSON documents; anything far larger is not ours and is not parsed.
const MAX_VALUE_LENGTH = 256 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Turns a token into the string a store keeps:
 * - plain: `{"fmauth":1,"exp":…,"data":…}`;
 * - encrypted (AES-256-GCM with the first key): `{"fmauth":1,"kid":…,"iv":…,"ct":…}`, where `ct` holds
 *   the plain document's JSON plus the tag, and the store key is the additional authenticated data, so
 *   a value copied under another key (another account's) does not decrypt.
 */
export function encodeTokenValue(
  storeKey: string,
  value: DecodedValue,
  keys: readonly ResolvedEncryptionKey[],
): string {
  const plain = JSON.stringify({ fmauth: TOKEN_FORMAT_VERSION, exp: value.expiresAt, data: value.data });
  const key = keys[0];
  if (!key) return plain;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key.reveal(), iv);
  cipher.setAAD(Buffer.from(storeKey));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({
    fmauth: TOKEN_FORMAT_VERSION,
    kid: key.id,
    iv: iv.toString('base64url'),
    ct: ct.toString('base64url'),
  });
}

/**
 * Reads a stored string back. With keys configured, only encrypted values are accepted (a plain value
 * would let anyone with write access to the store plant a token); without keys, an encrypted value is
 * `undecryptable`.
 */
export function decodeTokenValue(
  storeKey: string,
  raw: unknown,
  keys: readonly ResolvedEncryptionKey[],
  now: number,
): DecodeResult {
  const outer = parseDocument(raw);
  if (!outer) return { ok: false, reason: 'unreadable' };
  if (outer.fmauth !== TOKEN_FORMAT_VERSION) return { ok: false, reason: 'foreign-version' };
  let document = outer;
  if ('ct' in outer || 'kid' in outer) {
    const opened = open(storeKey, outer, keys);
    if (!opened) return { ok: false, reason: 'undecryptable' };
    document = opened;
    if (document.fmauth !== TOKEN_FORMAT_VERSION) return { ok: false, reason: 'foreign-version' };
  } else if (keys.length > 0) {
    return { ok: false, reason: 'unencrypted' };
  }
  const { exp, data } = document;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || data === undefined) {
    return { ok: false, reason: 'unreadable' };
  }
  if (exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, value: { data, expiresAt: exp } };
}

function open(
  storeKey: string,
  sealed: Record<string, unknown>,
  keys: readonly ResolvedEncryptionKey[],
): Record<string, unknown> | undefined {
  const { kid, iv, ct } = sealed;
  if (typeof kid !== 'string' || typeof iv !== 'string' || typeof ct !== 'string') return undefined;
  const key = keys.find((candidate) => candidate.id === kid);
  if (!key) return undefined;
  const ivBytes = Buffer.from(iv, 'base64url');
  const sealedBytes = Buffer.from(ct, 'base64url');
  if (ivBytes.length !== IV_BYTES || sealedBytes.length <= TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key.reveal(), ivBytes);
    decipher.setAAD(Buffer.from(storeKey));
    decipher.setAuthTag(sealedBytes.subarray(sealedBytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealedBytes.subarray(0, sealedBytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return parseDocument(plain.toString('utf8'));
  } catch {
    // A wrong key and a tampered value look the same to GCM: neither is usable.
    return undefined;
  }
}

function parseDocument(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_VALUE_LENGTH) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
