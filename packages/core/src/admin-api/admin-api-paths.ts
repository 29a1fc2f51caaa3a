/** The Admin API version this session speaks. v1 (FileMaker Server 17) is no longer served. */
const ROOT = '/fmi/admin/api/v2';

/** Paths of the Admin API below a server's path prefix. */
export class AdminApiPaths {
  readonly #root: string;

  constructor(prefix: string) {
    this.#root = `${prefix}${ROOT}`;
  }

  /** `…/user/auth`, the login. */
  auth(): string {
    return `${this.#root}/user/auth`;
  }

  /** `…/user/auth/{token}`, the logout (the token goes in the path). */
  logout(token: string): string {
    return `${this.#root}/user/auth/${encodeURIComponent(token)}`;
  }

  /** The logout path with the token redacted, for error messages. */
  logoutRedacted(): string {
    return `${this.#root}/user/auth/{token}`;
  }

  /** A call below `/fmi/admin/api/v2`, e.g. `server/status` (a leading `/` is optional). */
  call(path: string): string {
    return `${this.#root}/${path.replace(/^\/+/, '')}`;
  }
}
