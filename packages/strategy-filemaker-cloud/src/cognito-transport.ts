import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandInput,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandInput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { cognitoError, timeout } from './cognito-errors.js';
import type { ResolvedCognito } from './resolve-options.js';

/**
 * The strategy's only door to Cognito: one SDK v3 client, created on first use, with a time budget per
 * call and every failure turned into a typed core error. InitiateAuth and RespondToAuthChallenge are
 * unsigned (`smithy.api#noAuth`), so no AWS credentials are needed or looked up.
 */
export class CognitoTransport {
  readonly #settings: ResolvedCognito;
  readonly #region: string;
  #client: CognitoIdentityProviderClient | undefined;

  constructor(settings: ResolvedCognito, poolRegion: string) {
    this.#settings = settings;
    this.#region = settings.region ?? poolRegion;
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

  /** Closes the client's sockets. Safe to call more than once; a later call creates a new client. */
  destroy(): void {
    this.#client?.destroy();
    this.#client = undefined;
  }

  async #send<O>(
    command: InitiateAuthCommand | RespondToAuthChallengeCommand,
    operation: string,
    outer: AbortSignal,
  ): Promise<O> {
    const { timeoutMs } = this.#settings;
    const budget = AbortSignal.timeout(timeoutMs);
    const abortSignal = AbortSignal.any([budget, outer]);
    try {
      // The two commands share the client's middleware stack; the cast only picks the output type.
      return (await this.#getClient().send(command as InitiateAuthCommand, { abortSignal })) as O;
    } catch (error) {
      if (outer.aborted) throw outer.reason;
      if (budget.aborted) throw timeout({ operation, timeoutMs }, error);
      throw cognitoError(error, { operation, timeoutMs });
    }
  }

  #getClient(): CognitoIdentityProviderClient {
    if (this.#client) return this.#client;
    const { endpoint, proxy, timeoutMs, maxAttempts } = this.#settings;
    // One tunnelling agent serves both schemes: CONNECT works for an http:// endpoint (the mock) too.
    const agent = proxy ? new HttpsProxyAgent(proxy.reveal().href, { keepAlive: true }) : undefined;
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
      requestHandler: {
        connectionTimeout: timeoutMs,
        requestTimeout: timeoutMs,
        ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
      },
    });
    return this.#client;
  }
}
