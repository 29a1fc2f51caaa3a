import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key derived from the app's secret for one purpose: the result is both private
 * (the request id inside is half of a login) and tamper-evident (GCM's tag, checked in constant time
 * by OpenSSL). A different `purpose` gives an unrelated key, so a sealed state never opens as sealed
 * credentials.
 */
export class SealedBox {
  readonly #key: Buffer;
  readonly #aad: Buffer;

  constructor(secret: Buffer, purpose: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `fmauth-oauth/${purpose}`, 32));
    this.#aad = Buffer.from(purpose);
  }

  seal(payload: object): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(this.#aad);
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The payload, or `undefined` for anything this box did not seal (forged, cut, another key). */
  open(sealed: unknown, maxLength: number): unknown {
    if (typeof sealed !== 'string' || sealed.length === 0 || sealed.length > maxLength) return undefined;
    if (!/^[A-Za-z0-9_-]+$/.test(sealed)) return undefined;
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(this.#aad);
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}
