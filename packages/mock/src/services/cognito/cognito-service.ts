import type { ControlRoute } from '../../core/control-route.js';
import type { MockClock } from '../../core/mock-clock.js';
import { jsonResponse, type MockRequest, type MockResponse, pathSegments } from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import type { CognitoOptions } from '../../fixture/sections/cloud.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { COGNITO_MESSAGES, CognitoError, cognitoErrorResponse, cognitoOkResponse } from './cognito-errors.js';
import { readCognitoCall, requireMember } from './cognito-request.js';
import { initiateAuth } from './initiate-auth.js';
import { COGNITO_PREFIX, createPoolState, type PoolState, resetPoolState } from './pool-state.js';

import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { getUser, globalSignOut, revokeToken } from './token-operations.js';
import type { TokenCheck } from './token-signer.js';
import { isPoolIssuer, issuerFor } from './tokens.js';

const SIMULATED = ['InitiateAuth', 'RespondToAuthChallenge', 'GetUser', 'GlobalSignOut', 'RevokeToken'];

/**
 * A Cognito user-pool endpoint (Claris ID) that verifies USER_SRP_AUTH for real: `POST /` with
 * `X-Amz-Target`, plus `/{userPoolId}/.well-known/jwks.json`. See docs/filemaker-cloud.md.
 */
export class CognitoService implements MockService {
  readonly key = 'cognito';
  readonly prefix = COGNITO_PREFIX;
  readonly #state: PoolState;

  constructor(clock: MockClock, options: () => CognitoOptions, users: ClarisIdDirectory) {
    this.#state = createPoolState(clock, options, users);
  }

  /**
   * Checks an ID token as FileMaker Cloud does: signature by this pool's key, an issuer of the
   * current pool, `aud` = the client id, `token_use` "id", `exp` against the mock clock.
   */
  verifyIdToken(token: string): Promise<TokenCheck> {
    const state = this.#state;
    return state.signer.verify(token, {
      issuer: (iss) => isPoolIssuer(state, iss),
      audience: state.options().clientId,
      tokenUse: 'id',
      now: state.clock.now(),
    });
  }

  async handle(req: MockRequest): Promise<MockResponse> {
    this.#state.counters.requests++;
    const segments = pathSegments(req.path) ?? [];
    if (segments.length === 0) return this.#api(req);
    const [poolId, wellKnown, document, ...rest] = segments;
    if (req.method === 'GET' && wellKnown === '.well-known' && rest.length === 0) {
      if (poolId !== this.#state.options().userPoolId) {
        return jsonResponse(404, { message: `User pool ${String(poolId).slice(0, 64)} does not exist.` });
      }
      if (document === 'jwks.json') return jsonResponse(200, await this.#state.signer.jwks());
      if (document === 'openid-configuration') return jsonResponse(200, this.#openIdConfiguration(req));
    }
    return jsonResponse(404, { message: 'Not Found' });
  }

  stats(): Record<string, number> {
    return { ...this.#state.counters };
  }

  reset(): void {
    resetPoolState(this.#state);
  }

  readiness(): Record<string, unknown> {
    const { userPoolId, clientId } = this.#state.options();
    return { cognito: { userPoolId, clientId, region: userPoolId.split('_')[0] } };
  }

  controlRoutes(): readonly ControlRoute[] {
    const state = this.#state;
    return [
      {
        method: 'GET',
        path: '/cognito/sms-codes',
        description: 'SMS_MFA codes the pool "sent", newest last (?email= to filter)',
        handle: (_body, req) =>
          jsonResponse(200, {
            codes: state.sms.list(req.query.get('email') ?? undefined).map((sms) => ({
              ...sms,
              sentAt: new Date(sms.sentAt).toISOString(),
            })),
          }),
      },
      {
        method: 'POST',
        path: '/cognito/revoke-refresh-tokens',
        description: 'revoke every refresh token of a Claris ID: {"email": "dev@example.com"}',
        handle: (body) => {
          const email = (body as { email?: unknown } | undefined)?.email;
          if (typeof email !== 'string')
            return jsonResponse(400, { error: 'send {"email": "<Claris ID email>"}' });
          return jsonResponse(200, { revoked: state.refreshTokens.revokeUser(email) });
        },
      },
    ];
  }

  async #api(req: MockRequest): Promise<MockResponse> {
    const state = this.#state;
    try {
      if (state.options().throttle) {
        state.counters.throttledRequests++;
        throw new CognitoError('TooManyRequestsException', COGNITO_MESSAGES.rateExceeded);
      }
      const { operation, input } = readCognitoCall(req);
      const issuer = () => issuerFor(state, `${req.origin}${this.prefix}`);
      switch (operation) {
        case 'InitiateAuth':
          return cognitoOkResponse(await initiateAuth(state, input, this.#clientId(input), issuer()));
        case 'RespondToAuthChallenge':
          return cognitoOkResponse(
            await respondToAuthChallenge(state, input, this.#clientId(input), issuer()),
          );
        case 'GetUser':
          return cognitoOkResponse(await getUser(state, input));
        case 'GlobalSignOut':
          return cognitoOkResponse(await globalSignOut(state, input));
        case 'RevokeToken':
          return cognitoOkResponse(revokeToken(state, input, this.#clientId(input)));
        default:
          throw new CognitoError(
            'UnknownOperationException',
            `The mock does not simulate ${operation.slice(0, 64)}; it answers ${SIMULATED.join(', ')}`,
          );
      }
    } catch (error) {
      if (error instanceof CognitoError) return cognitoErrorResponse(error);
      throw error;
    }
  }

  /** The request's ClientId, which must be the pool's app client. */
  #clientId(input: Readonly<Record<string, unknown>>): string {
    const clientId = requireMember(input, 'ClientId');
    if (clientId !== this.#state.options().clientId) {
      throw new CognitoError(
        'ResourceNotFoundException',
        `User pool client ${clientId.slice(0, 128)} does not exist.`,
      );
    }
    return clientId;
  }

  #openIdConfiguration(req: MockRequest): Record<string, unknown> {
    const issuer = issuerFor(this.#state, `${req.origin}${this.prefix}`);
    return {
      issuer,
      jwks_uri: `${req.origin}${this.prefix}/${this.#state.options().userPoolId}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
    };
  }
}
