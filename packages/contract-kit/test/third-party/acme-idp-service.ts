// A third party's simulated identity provider, written as a user of @fmauth/mock would: "Acme IdP"
// issues OAuth2 access tokens for the client-credentials grant (RFC 6749 §4.4) and, to a bearer of
// one, the FileMaker account its client is entitled to (a credentials broker, like a vault's).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  jsonResponse,
  LiveOptions,
  type MockClock,
  type MockRequest,
  type MockResponse,
  type MockService,
  mediaType,
  RouteTable,
  type ServiceFactory,
} from '@fmauth/mock';

/** One OAuth2 client of the IdP, and the FileMaker account it may use. */
export interface AcmeClient {
  readonly secret: string;
  readonly fileMakerAccount: { readonly username: string; readonly password: string };
}

export interface AcmeIdpOptions {
  /** Client id → client. */
  readonly clients: Readonly<Record<string, AcmeClient>>;
  /** Lifetime of an access token, in seconds; live: `setOptions({ acmeIdp: { tokenTtlSeconds } })`. Default 300. */
  readonly tokenTtlSeconds?: number;
}

const SCOPE = 'filemaker';

/** `{mock}/acme-idp`: `POST /oauth2/token`, `GET /v1/filemaker-credentials`. */
export class AcmeIdpService implements MockService {
  readonly key = 'acmeIdp';
  readonly prefix = '/acme-idp';
  readonly liveOptions: LiveOptions<{ tokenTtlSeconds: number }>;
  readonly #clock: MockClock;
  readonly #options: AcmeIdpOptions;
  #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  #counters = { tokensIssued: 0, rejectedClients: 0, credentialsIssued: 0, rejectedTokens: 0 };

  constructor(clock: MockClock, options: AcmeIdpOptions) {
    this.#clock = clock;
    this.#options = options;
    this.liveOptions = new LiveOptions({ tokenTtlSeconds: options.tokenTtlSeconds ?? 300 }, (o) =>
      Number.isInteger(o.tokenTtlSeconds) && o.tokenTtlSeconds > 0
        ? undefined
        : 'tokenTtlSeconds must be a whole number above 0',
    );
  }

  readonly #routes = new RouteTable(
    [
      { method: 'POST', path: '/oauth2/token', handle: (req) => this.#token(req) },
      { method: 'GET', path: '/v1/filemaker-credentials', handle: (req) => this.#credentials(req) },
    ],
    { caseSensitive: true },
  );

  handle(req: MockRequest) {
    return this.#routes.dispatch(req);
  }

  stats(): Record<string, number> {
    return { ...this.#counters, activeTokens: this.#tokens.size };
  }

  reset(): void {
    this.#tokens = new Map();
    this.#counters = { tokensIssued: 0, rejectedClients: 0, credentialsIssued: 0, rejectedTokens: 0 };
  }

  expireSessions(): void {
    this.#tokens.clear();
  }

  #token(req: MockRequest): MockResponse {
    if (mediaType(req) !== 'application/x-www-form-urlencoded')
      return oauthError(400, 'invalid_request', 'send an application/x-www-form-urlencoded body');
    const form = new URLSearchParams(req.body.toString('utf8'));
    const clientId = this.#authenticatedClient(req);
    if (!clientId) {
      this.#counters.rejectedClients++;
      // RFC 6749 §5.2: a failed client authentication with Basic is a 401 with a challenge.
      return oauthError(401, 'invalid_client', 'client authentication failed', {
        'www-authenticate': 'Basic realm="acme-idp"',
      });
    }
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
    const scope = form.get('scope') ?? SCOPE;
    if (scope !== SCOPE) return oauthError(400, 'invalid_scope', `the only scope is "${SCOPE}"`);
    const ttl = this.liveOptions.current.tokenTtlSeconds;
    const accessToken = randomBytes(24).toString('base64url');
    this.#tokens.set(accessToken, { clientId, expiresAt: this.#clock.now() + ttl * 1000 });
    this.#counters.tokensIssued++;
    return jsonResponse(
      200,
      { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope },
      { 'cache-control': 'no-store' },
    );
  }

  #credentials(req: MockRequest): MockResponse {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = token === undefined ? undefined : this.#tokens.get(token);
    if (!grant || grant.expiresAt <= this.#clock.now()) {
      this.#counters.rejectedTokens++;
      return oauthError(401, 'invalid_token', 'the access token is missing, unknown or expired', {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    const client = this.#options.clients[grant.clientId] as AcmeClient;
    this.#counters.credentialsIssued++;
    return jsonResponse(200, client.fileMakerAccount, { 'cache-control': 'no-store' });
  }

  /** The client id of a request with a correct `Authorization: Basic` client id and secret. */
  #authenticatedClient(req: MockRequest): string | undefined {
    const encoded = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!encoded) return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return undefined;
    // RFC 6749 §2.3.1: both halves are form-urlencoded before Basic encoding.
    const clientId = formDecoded(decoded.slice(0, colon));
    const secret = formDecoded(decoded.slice(colon + 1));
    if (clientId === undefined || secret === undefined) return undefined;
    const client = Object.hasOwn(this.#options.clients, clientId)
      ? this.#options.clients[clientId]
      : undefined;
    return client && sameSecret(client.secret, secret) ? clientId : undefined;
  }
}

/** Mount with `services: [acmeIdp({ clients })]` in the contract kit or `createMock`. */
export function acmeIdp(options: AcmeIdpOptions): ServiceFactory {
  return (ctx) => new AcmeIdpService(ctx.clock, options);
}

function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): MockResponse {
  return jsonResponse(
    status,
    { error, error_description: description },
    { 'cache-control': 'no-store', ...headers },
  );
}

/** Constant-time comparison (of digests, so lengths match), as a real IdP compares secrets. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

function formDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
