import { createHash, createHmac } from 'node:crypto';

/** SHA-256 as 64 lowercase hex digits; a string is hashed as its UTF-8 bytes. @internal */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the bytes a (valid, even-length) hex string stands for: identity-js `hexHash`. @internal */
export function hexHash(hex: string): string {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

/** HMAC-SHA256 over the concatenation of `parts`. @internal */
export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}
