import type {
  AuthenticationResultType,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { SrpProtocolError, startSrpClient } from '@fmauth/cognito-srp';
import { type Secret, UnexpectedResponseError } from '@fmauth/core';
import { answerChallenge, type ChallengeContext } from './challenges.js';
import type { ClarisUserPool } from './claris-pool.js';
import type { CognitoTransport } from './cognito-transport.js';
import type { FileMakerCloudEvent } from './events.js';
import { STRATEGY_ID } from './hints.js';
import type { MfaCallbacks, NewPasswordCallback } from './options.js';

/** A chain longer than this (MFA type choice, code, new password…) is Cognito misbehaving. */
const MAX_CHALLENGES = 4;
const INITIATE = 'InitiateAuth (USER_SRP_AUTH)';
const VERIFY = 'RespondToAuthChallenge (PASSWORD_VERIFIER)';

export interface SrpSignInContext {
  readonly transport: CognitoTransport;
  readonly pool: ClarisUserPool;
  readonly clarisId: string;
  readonly password: Secret<string>;
  readonly mfa: MfaCallbacks;
  readonly newPassword: NewPasswordCallback | undefined;
  /** Strategy clock: the signed TIMESTAMP follows it, so tests can move it with the mock's clock. */
  readonly clock: () => number;
  readonly signal: AbortSignal;
  readonly emit: (event: FileMakerCloudEvent) => void;
}

export interface SrpSignInResult {
  readonly result: AuthenticationResultType | undefined;
  /** Challenges answered after the password, in order. */
  readonly challenges: readonly string[];
  /** Set when a NEW_PASSWORD_REQUIRED challenge was completed: later sign-ins must use it. */
  readonly newPassword?: Secret<string>;
}

/**
 * A full Claris ID sign-in: USER_SRP_AUTH, the PASSWORD_VERIFIER proof (SRP math from
 * @fmauth/cognito-srp, modexp in OpenSSL), then whatever challenges follow.
 */
export async function signInWithSrp(ctx: SrpSignInContext): Promise<SrpSignInResult> {
  const { transport, pool, signal } = ctx;
  const srp = startSrpClient();
  const started = await transport.initiateAuth(
    {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: ctx.clarisId, SRP_A: srp.srpA },
    },
    INITIATE,
    signal,
  );
  if (started.ChallengeName !== 'PASSWORD_VERIFIER') {
    throw unexpected(
      `Cognito answered ${INITIATE} with ${started.ChallengeName ?? 'no challenge'}, not PASSWORD_VERIFIER.`,
    );
  }
  const params = started.ChallengeParameters ?? {};
  // USER_ID_FOR_SRP replaces the typed email from here on: in the proof and in every answer.
  const userIdForSrp = params.USER_ID_FOR_SRP ?? params.USERNAME;
  const { SRP_B: srpB, SALT: salt, SECRET_BLOCK: secretBlock } = params;
  if (!userIdForSrp || !srpB || !salt || !secretBlock) {
    throw unexpected(
      `Cognito's PASSWORD_VERIFIER challenge lacks USER_ID_FOR_SRP, SRP_B, SALT or SECRET_BLOCK.`,
    );
  }
  let claim: { signature: string; timestamp: string };
  try {
    claim = srp.computeClaim({
      userPoolId: pool.userPoolId,
      userIdForSrp,
      password: ctx.password.reveal(),
      srpB,
      salt,
      secretBlock,
      timestamp: new Date(ctx.clock()),
    });
  } catch (error) {
    if (error instanceof SrpProtocolError) {
      throw unexpected(`Cognito sent unusable SRP values (${error.code}); refusing to answer them.`, error);
    }
    throw error;
  }
  let response: RespondToAuthChallengeCommandOutput = await transport.respondToAuthChallenge(
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: pool.clientId,
      ChallengeResponses: {
        USERNAME: userIdForSrp,
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        TIMESTAMP: claim.timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim.signature,
      },
      ...(started.Session ? { Session: started.Session } : {}),
    },
    VERIFY,
    signal,
  );

  const challengeCtx: ChallengeContext = {
    transport,
    clientId: pool.clientId,
    userIdForSrp,
    clarisId: ctx.clarisId,
    mfa: ctx.mfa,
    newPassword: ctx.newPassword,
    signal,
    emit: ctx.emit,
  };
  const challenges: string[] = [];
  let newPassword: Secret<string> | undefined;
  while (response.ChallengeName && !response.AuthenticationResult) {
    if (challenges.length === MAX_CHALLENGES) {
      throw unexpected(`Cognito kept asking for challenges (${challenges.join(', ')}, …).`);
    }
    challenges.push(response.ChallengeName);
    const outcome = await answerChallenge(
      {
        name: response.ChallengeName,
        parameters: response.ChallengeParameters ?? {},
        session: response.Session,
      },
      challengeCtx,
    );
    response = outcome.response;
    newPassword = outcome.newPassword ?? newPassword;
  }
  return { result: response.AuthenticationResult, challenges, ...(newPassword ? { newPassword } : {}) };
}

function unexpected(message: string, cause?: unknown): UnexpectedResponseError {
  return new UnexpectedResponseError(
    `${message} Check cognito.endpoint: it must be a Cognito user-pool endpoint.`,
    {
      strategyId: STRATEGY_ID,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
