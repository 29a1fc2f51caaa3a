import { type AuthStrategy, type LoginCredentials, UnsupportedError } from '@fmauth/core';
import type { OAuthCredentials } from './credentials.js';
import { SignInRequiredError } from './errors.js';

/** Options of {@link FileMakerOAuth.strategy}. */
export interface OAuthStrategyOptions {
  /**
   * The app's own id of the signed-in user, e.g. `'user-42'`. Token stores key shared Data API tokens
   * by it, so every instance of the app reuses this user's session and never another user's. Without
   * it, the session is never shared across sessions or processes. Not a secret: never an email you
   * must not log, never a token.
   */
  readonly identity?: string;
  /** Other files on the same server to open with the same sign-in (`fmDataSource` entries). Default none. */
  readonly fmDataSource?: readonly string[];
}

const HINTS = Object.freeze({
  FMAUTH_INVALID_CREDENTIALS:
    'The server refused the sign-in through the identity provider. Either no account in the file is mapped to this identity-provider user or group (an account set to "Authenticate via" this provider, by user name or group, with the fmrest privilege), or the sign-in expired or was revoked: sign the user in again.',
});

/**
 * A strategy from one completed sign-in. It sends the request id / identifier pair (no Authorization)
 * to the Data API and OData logins, and again when a session expires. Once the server refuses the
 * pair, it throws {@link SignInRequiredError} from then on without asking the server again: core's
 * single retry is spent on that error, never on a loop.
 */
export function oauthStrategy(
  credentials: OAuthCredentials,
  options: OAuthStrategyOptions = {},
): AuthStrategy {
  const { identity } = options;
  const sources = (options.fmDataSource ?? []).map((database) => credentials.fmDataSource(database));
  const login: LoginCredentials = Object.freeze({
    headers: credentials.loginHeaders(),
    ...(sources.length > 0 ? { fmDataSource: Object.freeze(sources) } : {}),
  });
  let loggedInBefore = false;
  let refused: SignInRequiredError | undefined;
  const signInAgain = (cause: unknown): SignInRequiredError => {
    const reason = loggedInBefore ? 'expired-or-revoked' : 'refused-at-first-login';
    return new SignInRequiredError(
      reason === 'expired-or-revoked'
        ? `FileMaker Server no longer accepts the ${credentials.provider} sign-in${identity ? ` of user "${identity}"` : ''} (expired or revoked): sign the user in again.`
        : `FileMaker Server refused the ${credentials.provider} sign-in${identity ? ` of user "${identity}"` : ''} at its first login: no account in the file is mapped to this identity-provider user or group (ask the FileMaker admin), or the sign-in expired before it was used: sign the user in again.`,
      { reason, baseUrl: credentials.baseUrl, provider: credentials.provider, identity, status: 401, cause },
    );
  };
  return Object.freeze({
    id: 'filemaker-oauth',
    flavors: Object.freeze(['filemaker-server'] as const),
    ...(identity === undefined ? {} : { identity }),
    hints: HINTS,
    authenticate(ctx) {
      if (ctx.api === 'admin-api') {
        throw new UnsupportedError(
          'The Admin API does not accept an identity-provider sign-in; use an Admin Console account (fileMakerServer).',
          { strategyId: 'filemaker-oauth' },
        );
      }
      if (refused) throw refused;
      // Core asks with `expired` only after a session this strategy opened has ended.
      if (ctx.reason === 'expired') loggedInBefore = true;
      if (ctx.reason === 'rejected') {
        refused ??= signInAgain(undefined);
        throw refused;
      }
      return login;
    },
    invalidate(ctx) {
      refused ??= signInAgain(ctx.error);
    },
  } satisfies AuthStrategy);
}
