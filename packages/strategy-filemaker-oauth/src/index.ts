export { OAuthCredentials } from './credentials.js';
export {
  OAuthSignInError,
  type OAuthSignInFailure,
  SignInRequiredError,
  type SignInRequiredReason,
} from './errors.js';
export {
  type BeginSignInOptions,
  type BegunSignIn,
  type FileMakerOAuth,
  fileMakerOAuth,
} from './file-maker-oauth.js';
export type { OAuthStrategyOptions } from './oauth-strategy.js';
export {
  DEFAULT_OAUTH_MAX_RESPONSE_BYTES,
  DEFAULT_OAUTH_TIMEOUT_MS,
  DEFAULT_STATE_TTL_MS,
  type FileMakerOAuthOptions,
} from './options.js';
export type { OAuthProvider, OAuthProviderKind } from './providers.js';
export type { ReturnedQuery } from './return-query.js';
