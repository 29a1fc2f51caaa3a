import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  type GetTokensFromRefreshTokenCommandInput,
  type GetTokensFromRefreshTokenCommandOutput,
  InitiateAuthCommand,
  type InitiateAuthCommandInput,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandInput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Secret, SecretScrubber } from '@fmauth/core';
import { Agent, ProxyAgent } from 'undici';
import { cognitoError, timeout } from './cognito-errors.js';
import type { ResolvedCognito } from './resolve-options.js';
import { undiciRequestHandler } from './undici-request-handler.js';

/**
 * SDK clients shared by every strategy with the same Cognito settings. A client's first call costs
 * about 2.5 ms of CPU (config resolution, a new connection) on top of the ~2 ms each call costs, so
 * apps that create a strategy per user or per request sign in far cheaper with a shared one. Idle
 * keep-alive sockets are unref'd by undici, so a cached client never keeps the process alive.
 * Bounded: past the limit the oldest entry is forgotten (left to strategies still holding it).
 */
const SHARED_CLIENTS = new Map<string, CognitoIdentityProviderClient>();
const MAX_SHARED_CLIENTS = 16;

/** The commands this transport sends; they share the client's middleware stack. */
type CognitoCommand = InitiateAuthCommand | RespondToAuthChallengeCommand | GetTokensFromRefreshTokenCommand;

/**
 * The strategy's only door to Cognito: an SDK v3 client (shared, see above) with a time budget per
 * call and every failure turned into a typed core error. InitiateAuth, RespondToAuthChallenge and
 * GetTokensFromRefreshToken are unsigned (`smithy.api#noAuth`), so no AWS credentials are needed or
 * looked up.
 */
export class CognitoTransport {
  readonly #settings: ResolvedCognito;
  readonly #region: string;
  readonly #secrets: readonly Secret<string>[];
  #client: CognitoIdentityProviderClient | undefined;

  /** `secrets` (the Claris ID password) are scrubbed from Cognito's messages along with what a call sent. */
  constructor(settings: ResolvedCognito, poolRegion: string, secrets: readonly Secret<string>[] = []) {
    this.#settings = settings;
    this.#region = settings.region ?? poolRegion;
    this.#secrets = secrets;
  }

  initiateAuth(
    input: InitiateAuthCommandInput,
    operation: string,
    signal: AbortSignal,
  ): Promise<InitiateAuthCommandOutput> {
    return this.#send(new InitiateAuthCommand(input), operation, signal);
  }

  respondToAuthChallenge(
    input: RespondToAuthChallengeCommandInput,
    operation: string,
    signal: AbortSignal,
  ): Promise<RespondToAuthChallengeCommandOutput> {
    return this.#send(new RespondToAuthChallengeCommand(input), operation, signal);
  }

  getTokensFromRefreshToken(
    input: GetTokensFromRefreshTokenCommandInput,
    operation: string,
    signal: AbortSignal,
  ): Promise<GetTokensFromRefreshTokenCommandOutput> {
    return this.#send(new GetTokensFromRefreshTokenCommand(input), operation, signal);
  }

  /**
   * Lets go of the client. The shared client itself stays for other strategies (its idle sockets never
   * hold the process open). Safe to call more than once; a later call picks a client again.
   */
  destroy(): void {
    this.#client = undefined;
  }

  async #send<O>(command: CognitoCommand, operation: string, outer: AbortSignal): Promise<O> {
    const { timeoutMs } = this.#settings;
    const budget = AbortSignal.timeout(timeoutMs);
    const abortSignal = AbortSignal.any([budget, outer]);
    try {
      // The commands share the client's middleware stack; the cast only picks the output type.
      return (await this.#getClient().send(command as InitiateAuthCommand, { abortSignal })) as O;
    } catch (error) {
      if (outer.aborted) throw outer.reason;
      if (budget.aborted) throw timeout({ operation, timeoutMs }, error);
      throw cognitoError(error, { operation, timeoutMs, scrubber: this.#scrubber(command) });
    }
  }

  /**
   * Everything secret a call sent (refresh token, SRP values, MFA codes, new password, challenge
   * session, client secret) plus the strategy's own secrets: Cognito's message may echo any of them.
   * Error path only.
   */
  #scrubber(command: CognitoCommand): SecretScrubber {
    const scrubber = new SecretScrubber();
    for (const secret of this.#secrets) scrubber.add(secret);
    const input = command.input as {
      AuthParameters?: Record<string, string>;
      ChallengeResponses?: Record<string, string>;
      Session?: string;
      RefreshToken?: string;
      ClientSecret?: string;
    };
    for (const [name, value] of Object.entries({ ...input.AuthParameters, ...input.ChallengeResponses })) {
      if (name !== 'USERNAME') scrubber.add(value);
    }
    scrubber.add(input.Session);
    scrubber.add(input.RefreshToken);
    scrubber.add(input.ClientSecret);
    return scrubber;
  }

  #getClient(): CognitoIdentityProviderClient {
    if (this.#client) return this.#client;
    const { endpoint, proxy, timeoutMs, maxAttempts, maxResponseBytes } = this.#settings;
    // The key holds the proxy URL, credentials included: it never leaves this module.
    const key = JSON.stringify([
      this.#region,
      endpoint ?? '',
      proxy?.reveal().href ?? '',
      timeoutMs,
      maxAttempts,
      maxResponseBytes,
    ]);
    const shared = SHARED_CLIENTS.get(key);
    if (shared) {
      this.#client = shared;
      return shared;
    }
    // undici's ProxyAgent tunnels with CONNECT for both schemes (an http:// endpoint such as the mock
    // too) and sends the URL's credentials as Proxy-Authorization.
    const dispatcher = proxy
      ? new ProxyAgent({ uri: proxy.reveal().href, connect: { timeout: timeoutMs } })
      : new Agent({ connect: { timeout: timeoutMs } });
    this.#client = new CognitoIdentityProviderClient({
      region: this.#region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts,
      // Given explicitly so the SDK neither reads AWS_* variables nor ~/.aws files for them: the Claris
      // pool is not the user's AWS account, and skipping those loaders saves about 1 ms per client.
      retryMode: 'standard',
      defaultsMode: 'standard',
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      userAgentAppId: '',
      authSchemePreference: [],
      requestHandler: undiciRequestHandler(dispatcher, timeoutMs, maxResponseBytes),
    });
    // Evicted clients are only forgotten, not destroyed: a strategy may still be using one.
    if (SHARED_CLIENTS.size >= MAX_SHARED_CLIENTS)
      SHARED_CLIENTS.delete(SHARED_CLIENTS.keys().next().value as string);
    SHARED_CLIENTS.set(key, this.#client);
    return this.#client;
  }
}
