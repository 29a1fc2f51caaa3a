import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A session id in a cookie, signed with the app's secret: a browser can only present ids this app
 * issued. The id is random (not the user id), so a cookie says nothing about who is behind it.
 */
export class SignedCookie {
  readonly #secret: Buffer;
  readonly name: string;
  readonly #secure: boolean;

  constructor(secret: Buffer, name: string, secure: boolean) {
    this.#secret = secret;
    this.name = name;
    this.#secure = secure;
  }

  newId(): string {
    return randomBytes(24).toString('base64url');
  }

  #sign(id: string): string {
    return createHmac('sha256', this.#secret).update(id).digest('base64url');
  }

  /** The `Set-Cookie` value carrying `id`, HttpOnly and SameSite=Lax (the IdP's redirect back is a top-level GET). */
  header(id: string): string {
    return `${this.name}=${id}.${this.#sign(id)}; Path=/; HttpOnly; SameSite=Lax${this.#secure ? '; Secure' : ''}`;
  }

  /** The `Set-Cookie` value that removes the cookie. */
  cleared(): string {
    return `${this.name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.#secure ? '; Secure' : ''}`;
  }

  /** The id of a validly signed cookie in a `Cookie` header, or `undefined`. */
  read(cookieHeader: string | undefined): string | undefined {
    if (!cookieHeader || cookieHeader.length > 8192) return undefined;
    for (const part of cookieHeader.split(';')) {
      const [rawName, ...rest] = part.trim().split('=');
      if (rawName !== this.name) continue;
      const value = rest.join('=');
      const dot = value.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const id = value.slice(0, dot);
      const given = Buffer.from(value.slice(dot + 1));
      const expected = Buffer.from(this.#sign(id));
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
    }
    return undefined;
  }
}
