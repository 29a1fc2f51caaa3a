// A third party's strategy, built only on @fmauth/core's public API: it gets an OAuth2 access token
// from Acme IdP (client credentials), asks Acme for the FileMaker account its client may use, and
// logs in to FileMaker Server with it over HTTP Basic.
import {
  type AuthenticateContext,
  type AuthStrategy,
  assertNonEmptyString,
  basicAuthorization,
  InvalidCredentialsError,
  NetworkError,
  RateLimitedError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { request } from 'undici';

export interface AcmeIdpStrategyOptions {
  /** Acme IdP's base URL, e.g. `https://idp.acme.example` (in tests: `env.services.acmeIdp`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Longest wait for each Acme call, in ms. Default 10 000 (the login deadline may cut it shorter). */
  readonly timeoutMs?: number;
}

/** Acme's answers are a few hundred bytes; a larger one is refused unread. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Renew the access token this long before Acme says it expires, in ms. */
const EXPIRY_MARGIN_MS = 30_000;
const ID = 'acme-idp';

export function acmeIdpStrategy(options: AcmeIdpStrategyOptions): AuthStrategy {
  assertNonEmptyString(options.issuer, 'issuer');
  assertNonEmptyString(options.clientId, 'clientId');
  assertNonEmptyString(options.clientSecret, 'clientSecret');
  const issuer = options.issuer.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Closed over, never a property: the contract kit checks that no secret shows in a dump.
  const clientSecret = options.clientSecret;
  let accessToken: { value: string; renewAt: number } | undefined;

  async function call(
    ctx: AuthenticateContext,
    path: string,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  ) {
    const url = `${issuer}${path}`;
    try {
      const res = await request(url, {
        ...init,
        dispatcher: ctx.dispatcher,
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > MAX_ANSWER_BYTES) {
        res.body.destroy();
        throw new UnexpectedResponseError(`Acme IdP answered more than ${MAX_ANSWER_BYTES} bytes`, {
          status: res.statusCode,
          endpoint: `${init.method} ${path}`,
          strategyId: ID,
        });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          res.body.destroy();
          throw new UnexpectedResponseError(`Acme IdP answered more than ${MAX_ANSWER_BYTES} bytes`, {
            status: res.statusCode,
            endpoint: `${init.method} ${path}`,
            strategyId: ID,
          });
        }
        chunks.push(chunk);
      }
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        json = undefined;
      }
      return {
        status: res.statusCode,
        json: json as Record<string, unknown> | undefined,
        endpoint: `${init.method} ${path}`,
      };
    } catch (error) {
      // The caller's deadline passed or it gave up: core reports that itself.
      if (ctx.signal.aborted || error instanceof UnexpectedResponseError) throw error;
      throw new NetworkError(`Acme IdP at ${issuer} could not be reached`, {
        endpoint: `${init.method} ${path}`,
        strategyId: ID,
        cause: error,
      });
    }
  }

  /** A typed error for a refusal; never echoes the answer's body (it could hold a token). */
  function refusal(answer: { status: number; json: Record<string, unknown> | undefined; endpoint: string }) {
    const oauthError =
      typeof answer.json?.error === 'string' ? answer.json.error.slice(0, 40) : 'no error code';
    const details = { status: answer.status, endpoint: answer.endpoint, strategyId: ID };
    if (answer.status === 401 && oauthError === 'invalid_client')
      return new InvalidCredentialsError(
        `Acme IdP refused client "${options.clientId}" (invalid_client): check clientId and clientSecret`,
        details,
      );
    if (answer.status === 429)
      return new RateLimitedError('Acme IdP is rate limiting this client; try later', details);
    return new UnexpectedResponseError(`Acme IdP answered HTTP ${answer.status} (${oauthError})`, details);
  }

  async function token(ctx: AuthenticateContext): Promise<string> {
    if (accessToken && Date.now() < accessToken.renewAt) return accessToken.value;
    const answer = await call(ctx, '/oauth2/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'filemaker' }).toString(),
    });
    const value = answer.json?.access_token;
    const expiresIn = answer.json?.expires_in;
    if (answer.status !== 200) throw refusal(answer);
    if (typeof value !== 'string' || typeof expiresIn !== 'number')
      throw new UnexpectedResponseError('Acme IdP sent a token answer without access_token or expires_in', {
        status: answer.status,
        endpoint: answer.endpoint,
        strategyId: ID,
      });
    accessToken = { value, renewAt: Date.now() + expiresIn * 1000 - EXPIRY_MARGIN_MS };
    return value;
  }

  async function credentials(ctx: AuthenticateContext) {
    const bearer = await token(ctx);
    return call(ctx, '/v1/filemaker-credentials', {
      method: 'GET',
      headers: { authorization: `Bearer ${bearer}` },
    });
  }

  const strategy: AuthStrategy = {
    id: ID,
    flavors: ['filemaker-server'],
    // One Acme client maps to one FileMaker account: sessions of the same client may share tokens.
    identity: `acme:${options.clientId}`,
    hints: {
      FMAUTH_INVALID_CREDENTIALS: `If FileMaker Server refused the account, rotate the password Acme IdP stores for client "${options.clientId}".`,
    },
    async authenticate(ctx) {
      let answer = await credentials(ctx);
      // Acme may end a token before its expires_in (revoked, or its clock ahead of ours): once more
      // with a new one.
      if (answer.status === 401) {
        accessToken = undefined;
        answer = await credentials(ctx);
      }
      if (answer.status !== 200) throw refusal(answer);
      const { username, password } = answer.json ?? {};
      if (typeof username !== 'string' || typeof password !== 'string')
        throw new UnexpectedResponseError('Acme IdP sent credentials without username or password', {
          status: answer.status,
          endpoint: answer.endpoint,
          strategyId: ID,
        });
      return { authorization: basicAuthorization(username, password) };
    },
    // FileMaker refused what Acme handed out: ask Acme again from scratch (it may have rotated it).
    invalidate() {
      accessToken = undefined;
    },
  };
  return Object.freeze(strategy);
}
