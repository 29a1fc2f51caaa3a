import { formatSrpTimestamp, startSrpClient } from '@fmauth/cognito-srp';
import { TOTP } from 'otpauth';
import { type MockServer, type StartMockServerOptions, startMockServer } from '../src/index.js';
import { type RawResponse, rawCall } from './helpers.js';

export { type RawResponse, rawCall };

/** The default fixture's Claris IDs (documented in docs/filemaker-cloud.md). */
export const DEV = { email: 'dev@example.com', password: 'ClarisID-pass-1' };
export const NEW = { email: 'new@example.com', password: 'ClarisID-pass-2' };
export const MFA = { email: 'mfa@example.com', password: 'ClarisID-pass-3', totpSecret: 'JBSWY3DPEHPK3PXP' };
export const RESET = { email: 'reset@example.com', password: 'ClarisID-pass-4' };

/** Claris's real pool, the mock's default. */
export const POOL_ID = 'us-west-2_NqkuZcXQY';
export const CLIENT_ID = '4l9rvl4mv5es1eep1qe97cautn';

/** A code of the TOTP secret at `timestamp` (ms), as an authenticator app shows it. */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret }).generate({ timestamp });
}

/** A mock for one test file, with raw Cognito and FileMaker Cloud calls. */
export function useCloudMock(options: StartMockServerOptions = {}) {
  let server: MockServer | undefined;
  const ctx = {
    get server(): MockServer {
      if (!server) throw new Error('mock not started');
      return server;
    },
    get cognitoUrl(): string {
      return ctx.server.endpoints.cognito as string;
    },
    get cloudUrl(): string {
      return ctx.server.endpoints.filemakerCloud as string;
    },
    async start() {
      server = await startMockServer(options);
    },
    async stop() {
      await server?.close();
    },
    /** One Cognito API call; `target` is the operation name. */
    cognito(operation: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
      return rawCall(`${ctx.cognitoUrl}/`, 'POST', {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          ...headers,
        },
        body: typeof input === 'string' ? input : JSON.stringify(input),
      });
    },
    /** InitiateAuth(USER_SRP_AUTH) with a fresh SRP client. */
    async initiate(username: string, clientId = CLIENT_ID) {
      const srp = startSrpClient();
      const res = await ctx.cognito('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
      });
      return { srp, res };
    },
    /** The PASSWORD_VERIFIER answer for a challenge, signed with `password`. */
    claim(
      srp: ReturnType<typeof startSrpClient>,
      parameters: Record<string, string>,
      password: string,
      overrides: { timestamp?: string; userPoolId?: string; clientId?: string; username?: string } = {},
    ) {
      const signed = srp.computeClaim({
        userPoolId: overrides.userPoolId ?? POOL_ID,
        userIdForSrp: parameters.USER_ID_FOR_SRP as string,
        password,
        srpB: parameters.SRP_B as string,
        salt: parameters.SALT as string,
        secretBlock: parameters.SECRET_BLOCK as string,
        timestamp: overrides.timestamp ?? formatSrpTimestamp(),
      });
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: overrides.clientId ?? CLIENT_ID,
        ChallengeResponses: {
          USERNAME: overrides.username ?? (parameters.USER_ID_FOR_SRP as string),
          PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK as string,
          TIMESTAMP: signed.timestamp,
          PASSWORD_CLAIM_SIGNATURE: signed.signature,
        },
      };
    },
    /** InitiateAuth + RespondToAuthChallenge(PASSWORD_VERIFIER); returns the second answer. */
    async signIn(username: string, password: string, userPoolId = POOL_ID): Promise<RawResponse> {
      const { srp, res } = await ctx.initiate(username);
      if (res.status !== 200) return res;
      return ctx.cognito(
        'RespondToAuthChallenge',
        ctx.claim(srp, res.json.ChallengeParameters, password, { userPoolId }),
      );
    },
    /** Signs in and returns the AuthenticationResult, failing loudly otherwise. */
    async tokens(username = DEV.email, password = DEV.password) {
      const res = await ctx.signIn(username, password);
      if (res.status !== 200 || !res.json.AuthenticationResult) {
        throw new Error(`sign-in failed: ${res.status} ${res.text}`);
      }
      return res.json.AuthenticationResult as {
        IdToken: string;
        AccessToken: string;
        RefreshToken: string;
        ExpiresIn: number;
        TokenType: string;
      };
    },
    /** Data API login on FileMaker Cloud with an `Authorization` header. */
    cloudLogin(authorization: string | undefined, database = 'Contacts') {
      return rawCall(`${ctx.cloudUrl}/fmi/data/vLatest/databases/${database}/sessions`, 'POST', {
        headers: {
          'content-type': 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: '{}',
      });
    },
    control(method: string, path: string, body?: unknown) {
      return rawCall(`${ctx.server.endpoints.control}${path}`, method, {
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    options(patch: unknown) {
      return ctx.control('PATCH', '/options', patch);
    },
    stats(key: 'cognito' | 'filemakerCloud' | 'clarisIdDiscovery' = 'cognito') {
      return ctx.server.mock.stats()[key] as Record<string, number>;
    },
  };
  return ctx;
}

/** The payload of a JWT, decoded without verification (tests check claims). */
export function jwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8'));
}
