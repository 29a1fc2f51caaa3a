import type { ControlRoute } from '../../core/control-route.js';
import type { MockClock } from '../../core/mock-clock.js';
import {
  jsonResponse,
  type MockRequest,
  type MockResponse,
  pathSegments,
  serviceBase,
} from '../../core/mock-http.js';
import type { MockService } from '../../core/mock-service.js';
import { RouteTable } from '../../core/route-table.js';
import type { CognitoOptions } from '../../fixture/sections/cloud.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { COGNITO_MESSAGES, CognitoError, cognitoErrorResponse, cognitoOkResponse } from './cognito-errors.js';
import { readCognitoCall, requireMember } from './cognito-request.js';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.js';
import { initiateAuth } from './initiate-auth.js';
import { COGNITO_PREFIX, createPoolState, type PoolState, resetPoolState } from './pool-state.js';

import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { getUser, globalSignOut, revokeToken } from './token-operations.js';
import type { TokenCheck } from './token-signer.js';
import { isPoolIssuer, issuerFor } from './tokens.js';

type CognitoInput = Readonly<Record<string, unknown>>;

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
    // An undecodable path has no segments: it reaches the API, which refuses it as Cognito would.
    return this.#routes.dispatch(req, pathSegments(req.path) ?? []);
  }

  /** The pool's URL map: the JSON API at the root, and the pool's public documents. */
  readonly #routes = new RouteTable(
    [
      { method: '*', path: '/', handle: (req) => this.#api(req) },
      {
        method: 'GET',
        path: '/:poolId/.well-known/:document',
        handle: (req, p) => this.#wellKnown(req, p.poolId as string, p.document),
      },
      // Answered apart so a wrong pool id says so even without a document name, as Cognito does.
      {
        method: 'GET',
        path: '/:poolId/.well-known',
        handle: (req, p) => this.#wellKnown(req, p.poolId as string),
      },
    ],
    { caseSensitive: true, notFound: notFound, methodNotAllowed: notFound },
  );

  /**
   * The API's operations by `X-Amz-Target` name, in the order the "not simulated" message lists them.
   * `clientId` is read before the issuer, so a wrong client id is the error a caller sees first.
   */
  readonly #operations: ReadonlyMap<string, (input: CognitoInput, req: MockRequest) => unknown> = new Map<
    string,
    (input: CognitoInput, req: MockRequest) => unknown
  >([
    [
      'InitiateAuth',
      (input, req) => initiateAuth(this.#state, input, this.#clientId(input), this.#issuer(req)),
    ],
    [
      'RespondToAuthChallenge',
      (input, req) => respondToAuthChallenge(this.#state, input, this.#clientId(input), this.#issuer(req)),
    ],
    [
      'GetTokensFromRefreshToken',
      (input, req) => getTokensFromRefreshToken(this.#state, input, this.#clientId(input), this.#issuer(req)),
    ],
    ['GetUser', (input) => getUser(this.#state, input)],
    ['GlobalSignOut', (input) => globalSignOut(this.#state, input)],
    ['RevokeToken', (input) => revokeToken(this.#state, input, this.#clientId(input))],
  ]);

  async #wellKnown(req: MockRequest, poolId: string, document?: string): Promise<MockResponse> {
    if (poolId !== this.#state.options().userPoolId) {
      return jsonResponse(404, { message: `User pool ${poolId.slice(0, 64)} does not exist.` });
    }
    if (document === 'jwks.json') return jsonResponse(200, await this.#state.signer.jwks());
    if (document === 'openid-configuration') return jsonResponse(200, this.#openIdConfiguration(req));
    return notFound();
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
      const run = this.#operations.get(operation);
      if (!run) {
        throw new CognitoError(
          'UnknownOperationException',
          `The mock does not simulate ${operation.slice(0, 64)}; it answers ${[...this.#operations.keys()].join(', ')}`,
        );
      }
      return cognitoOkResponse(await run(input, req));
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

  #issuer(req: MockRequest): string {
    return issuerFor(this.#state, serviceBase(req, this.prefix));
  }

  #openIdConfiguration(req: MockRequest): Record<string, unknown> {
    const issuer = issuerFor(this.#state, serviceBase(req, this.prefix));
    return {
      issuer,
      jwks_uri: `${serviceBase(req, this.prefix)}/${this.#state.options().userPoolId}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
    };
  }
}

function notFound(): MockResponse {
  return jsonResponse(404, { message: 'Not Found' });
}
