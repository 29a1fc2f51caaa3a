import { randomUUID } from 'node:crypto';
import type { ClarisIdUser } from '../../shared/claris-id-directory.js';
import { COGNITO_PREFIX, type PoolState } from './pool-state.js';
import { usernameOf } from './user-lookup.js';

/** The `AuthenticationResult` of a completed sign-in or refresh, as Cognito returns it. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  IdToken: string;
  RefreshToken?: string;
  TokenType: 'Bearer';
}

/** Which sign-in the tokens belong to: refreshes keep `auth_time` and `origin_jti`. */
export interface SignInContext {
  readonly user: ClarisIdUser;
  readonly clientId: string;
  readonly issuer: string;
  readonly authTime: number;
  readonly originJti: string;
}

/**
 * The `iss` of tokens signed for a request that reached the pool at `poolUrl`
 * (`http://127.0.0.1:PORT/cognito`): `<poolUrl>/<userPoolId>` unless the `issuer` option is set.
 */
export function issuerFor(state: PoolState, poolUrl: string): string {
  const options = state.options();
  return options.issuer ?? `${poolUrl}/${options.userPoolId}`;
}

/**
 * Whether a token's `iss` belongs to the current pool: the `issuer` option when set, otherwise
 * `<any origin>/cognito/<userPoolId>` (the signature already proves the mock made the token; the
 * origin varies with the URL clients used, e.g. the node server and msw serve one core), or the real
 * pool's `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` (msw handlers at the real host).
 */
export function isPoolIssuer(state: PoolState, iss: unknown, prefix = COGNITO_PREFIX): boolean {
  const options = state.options();
  if (typeof iss !== 'string') return false;
  if (options.issuer !== undefined) return iss === options.issuer;
  const region = options.userPoolId.slice(0, options.userPoolId.indexOf('_'));
  if (iss === `https://cognito-idp.${region}.amazonaws.com/${options.userPoolId}`) return true;
  return /^https?:\/\/[^/]+/.test(iss) && iss.endsWith(`${prefix}/${options.userPoolId}`);
}

/** ID and access tokens, iat/exp from the mock clock, claims as the real pool issues them. */
export async function signTokens(state: PoolState, context: SignInContext): Promise<AuthenticationResult> {
  const options = state.options();
  const { user, clientId, issuer, authTime, originJti } = context;
  const iat = state.clock.nowSeconds();
  const eventId = randomUUID();
  const username = usernameOf(user, options);
  const idToken = await state.signer.sign({
    sub: user.sub,
    email_verified: true,
    iss: issuer,
    'cognito:username': username,
    origin_jti: originJti,
    aud: clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    ...(user.name === undefined ? {} : { name: user.name }),
    exp: iat + Math.round(options.idTokenMinutes * 60),
    iat,
    jti: randomUUID(),
    email: user.email,
  });
  const accessSeconds = Math.round(options.accessTokenMinutes * 60);
  const accessToken = await state.signer.sign({
    sub: user.sub,
    iss: issuer,
    client_id: clientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: authTime,
    exp: iat + accessSeconds,
    iat,
    jti: randomUUID(),
    username,
  });
  return { AccessToken: accessToken, ExpiresIn: accessSeconds, IdToken: idToken, TokenType: 'Bearer' };
}

/** A full sign-in's tokens: ID, access and a new refresh token. Counts the sign-in. */
export async function completeSignIn(
  state: PoolState,
  user: ClarisIdUser,
  clientId: string,
  issuer: string,
): Promise<{ ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult }> {
  const options = state.options();
  const context: SignInContext = {
    user,
    clientId,
    issuer,
    authTime: state.clock.nowSeconds(),
    originJti: randomUUID(),
  };
  const result = await signTokens(state, context);
  result.RefreshToken = state.refreshTokens.issue({
    email: user.email,
    clientId,
    userPoolId: options.userPoolId,
    authTime: context.authTime,
    originJti: context.originJti,
    expiresAt: state.clock.now() + options.refreshTokenDays * 86_400_000,
  });
  state.lockout.recordSuccess(user.email);
  state.counters.srpSignIns++;
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
