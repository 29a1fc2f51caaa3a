import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../invalid-argument.js';
import { isSecret, Secret } from '../secret.js';

/**
 * A 256-bit key for encrypting stored tokens at rest: 32 bytes as a `Buffer`/`Uint8Array`, or as a
 * base64 / base64url (44 or 43 characters) or hex (64 characters) string, optionally in a `Secret`.
 * Generate one with `openssl rand -base64 32`.
 */
export type TokenEncryptionKey = string | Uint8Array | Secret<string> | Secret<Uint8Array>;

/** A checked key with a short, non-secret id stored beside each value so readers pick the right key. */
export interface ResolvedEncryptionKey {
  readonly id: string;
  readonly key: Secret<Buffer>;
}

/**
 * Checks the app's encryption keys. The first encrypts; every one decrypts, so a key can be rotated:
 * put the new key first and keep the old one second until the values written with it have expired.
 */
export function resolveEncryptionKeys(keys: unknown, name: string): readonly ResolvedEncryptionKey[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidArgumentError(
      `"${name}" must be a non-empty array of 32-byte keys (newest first), e.g. [process.env.FMAUTH_TOKEN_KEY]`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const resolved = keys.map((key, index) => resolveKey(key, `${name}[${index}]`));
  const ids = new Set(resolved.map((key) => key.id));
  if (ids.size !== resolved.length) throw new InvalidArgumentError(`"${name}" lists the same key twice`);
  return Object.freeze(resolved);
}

function resolveKey(value: unknown, name: string): ResolvedEncryptionKey {
  const plain = isSecret(value) ? value.reveal() : value;
  let bytes: Buffer | undefined;
  if (plain instanceof Uint8Array) bytes = Buffer.from(plain);
  else if (typeof plain === 'string') bytes = decodeKeyText(plain.trim());
  else {
    throw new InvalidArgumentError(
      `"${name}" must be a 32-byte Buffer or a base64 or hex string of 32 bytes`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  // The message never shows the key, only what is wrong with its length.
  if (bytes?.length !== 32) {
    throw new InvalidArgumentError(
      `"${name}" must be exactly 32 bytes (AES-256); got ${bytes ? bytes.length : 'an unreadable value'}. Generate one with: openssl rand -base64 32`,
    );
  }
  // A hash of a 256-bit random key reveals nothing about it; 9 bytes are plenty to tell keys apart.
  const id = createHash('sha256')
    .update('fmauth-token-key-id')
    .update(bytes)
    .digest('base64url')
    .slice(0, 12);
  return Object.freeze({ id, key: new Secret(bytes) });
}

function decodeKeyText(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return Buffer.from(text, 'base64url');
  return undefined;
}
