import { createDataApiSession, type DataApiSession, type TokenStore } from '@fmauth/core';
import type { FileMakerOAuth, OAuthCredentials } from '@fmauth/strategy-filemaker-oauth';

/**
 * One Data API session per signed-in user, keyed by the app's own user id. The strategy's identity is
 * that user id, so with a token store every instance of the app reuses this user's FileMaker session,
 * and never another user's.
 */
export class UserSessions {
  readonly #sessions = new Map<string, DataApiSession>();
  readonly #oauth: FileMakerOAuth;
  readonly #database: string;
  readonly #tokenStore: TokenStore | undefined;

  constructor(oauth: FileMakerOAuth, database: string, tokenStore?: TokenStore) {
    this.#oauth = oauth;
    this.#database = database;
    this.#tokenStore = tokenStore;
  }

  /** Opens (logs in) the user's session; the login is what tells whether the server accepts the sign-in. */
  async open(userId: string, credentials: OAuthCredentials): Promise<DataApiSession> {
    await this.end(userId);
    const session = createDataApiSession({
      baseUrl: credentials.baseUrl,
      database: this.#database,
      strategy: this.#oauth.strategy(credentials, { identity: userId }),
      ...(this.#tokenStore ? { tokenStore: this.#tokenStore } : {}),
    });
    try {
      await session.login();
    } catch (error) {
      await session.close().catch(() => {});
      throw error;
    }
    this.#sessions.set(userId, session);
    return session;
  }

  get(userId: string | undefined): DataApiSession | undefined {
    return userId === undefined ? undefined : this.#sessions.get(userId);
  }

  /**
   * Ends the user's session at sign-out: logs out of FileMaker Server, with a token store for every
   * instance too (`close({ logout: true })`; a plain `close()` leaves a shared session to the others).
   */
  async end(userId: string | undefined): Promise<void> {
    if (userId === undefined) return;
    const session = this.#sessions.get(userId);
    this.#sessions.delete(userId);
    await session?.close({ logout: true }).catch(() => {});
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** At shutdown: without a token store this logs every user out; with one, their sessions live on for the other instances. */
  async closeAll(): Promise<void> {
    const all = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(all.map((session) => session.close().catch(() => {})));
  }
}
