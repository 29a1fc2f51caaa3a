import type { RespondToAuthChallengeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import {
  ChallengeRequiredError,
  InvalidArgumentError,
  isSecret,
  type Secret,
  TimeoutError,
  toSecret,
} from '@fmauth/core';
import type { CognitoTransport } from './cognito-transport.js';
import type { FileMakerCloudEvent } from './events.js';
import { HINTS, STRATEGY_ID } from './hints.js';
import type { MfaCallbacks, NewPasswordAnswer, NewPasswordChallenge } from './options.js';

/** Cognito keeps a challenge session for 3 minutes; a callback gets no longer than that. */
export const CHALLENGE_TIMEOUT_MS = 3 * 60_000;

/** Everything needed to answer the challenges that follow PASSWORD_VERIFIER. */
export interface ChallengeContext {
  readonly transport: CognitoTransport;
  readonly clientId: string;
  /** USER_ID_FOR_SRP: Cognito's internal user name, which every challenge answer must carry. */
  readonly userIdForSrp: string;
  readonly clarisId: string;
  readonly mfa: MfaCallbacks;
  readonly newPassword:
    | ((challenge: NewPasswordChallenge) => NewPasswordAnswer | Promise<NewPasswordAnswer>)
    | undefined;
  readonly signal: AbortSignal;
  readonly emit: (event: FileMakerCloudEvent) => void;
}

/** A challenge Cognito sent, with the opaque session that must go back with the answer. */
export interface PendingChallenge {
  readonly name: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly session: string | undefined;
}

/** What answering one challenge produced: Cognito's next answer, and a new password if one was set. */
export interface ChallengeOutcome {
  readonly response: RespondToAuthChallengeCommandOutput;
  readonly newPassword?: Secret<string>;
}

/**
 * Answers one challenge through the caller's callbacks. Without the callback a challenge needs, throws
 * {@link ChallengeRequiredError} with advice.
 */
export async function answerChallenge(
  challenge: PendingChallenge,
  ctx: ChallengeContext,
): Promise<ChallengeOutcome> {
  ctx.emit({ type: 'challenge', challengeName: challenge.name });
  switch (challenge.name) {
    case 'SOFTWARE_TOKEN_MFA': {
      const totp = ctx.mfa.totp;
      if (!totp) throw required(challenge.name, 'an authenticator-app (TOTP) code', 'mfa: { totp }');
      const code = await withinChallengeTime(ctx.signal, (signal) =>
        totp({ challengeName: 'SOFTWARE_TOKEN_MFA', clarisId: ctx.clarisId, signal }),
      );
      return {
        response: await respond(challenge, ctx, { SOFTWARE_TOKEN_MFA_CODE: readCode(code, 'mfa.totp') }),
      };
    }
    case 'SMS_MFA': {
      const sms = ctx.mfa.sms;
      if (!sms) throw required(challenge.name, 'the code sent by text message', 'mfa: { sms }');
      const code = await withinChallengeTime(ctx.signal, (signal) =>
        sms({
          challengeName: 'SMS_MFA',
          clarisId: ctx.clarisId,
          destination: challenge.parameters.CODE_DELIVERY_DESTINATION,
          deliveryMedium: challenge.parameters.CODE_DELIVERY_DELIVERY_MEDIUM,
          signal,
        }),
      );
      return { response: await respond(challenge, ctx, { SMS_MFA_CODE: readCode(code, 'mfa.sms') }) };
    }
    case 'SELECT_MFA_TYPE':
      return { response: await respond(challenge, ctx, { ANSWER: chooseMfaType(challenge, ctx.mfa) }) };
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(challenge, ctx);
    default:
      throw new ChallengeRequiredError(
        `Cognito asked for the ${challenge.name} challenge, which this strategy cannot answer. Complete the Claris ID setup interactively (sign in at the Claris Customer Console), then retry.`,
        { challengeName: challenge.name, strategyId: STRATEGY_ID },
      );
  }
}

async function answerNewPassword(
  challenge: PendingChallenge,
  ctx: ChallengeContext,
): Promise<ChallengeOutcome> {
  const callback = ctx.newPassword;
  if (!callback) {
    throw new ChallengeRequiredError(
      'This Claris ID must choose a new password before it can sign in (NEW_PASSWORD_REQUIRED). Sign in once interactively (Claris Customer Console) and set one, then use it here; or pass the newPassword option to set it from code.',
      { challengeName: challenge.name, strategyId: STRATEGY_ID },
    );
  }
  const requiredAttributes = parseRequiredAttributes(challenge.parameters.requiredAttributes);
  const answer = await withinChallengeTime(ctx.signal, (signal) =>
    callback({ challengeName: 'NEW_PASSWORD_REQUIRED', clarisId: ctx.clarisId, requiredAttributes, signal }),
  );
  const { newPassword, attributes } = readNewPasswordAnswer(answer);
  const responses: Record<string, string> = { NEW_PASSWORD: newPassword.reveal() };
  for (const [name, value] of Object.entries(attributes)) responses[`userAttributes.${name}`] = value;
  return { response: await respond(challenge, ctx, responses), newPassword };
}

function respond(
  challenge: PendingChallenge,
  ctx: ChallengeContext,
  answers: Record<string, string>,
): Promise<RespondToAuthChallengeCommandOutput> {
  return ctx.transport.respondToAuthChallenge(
    {
      ChallengeName: challenge.name as 'SMS_MFA',
      ClientId: ctx.clientId,
      ChallengeResponses: { USERNAME: ctx.userIdForSrp, ...answers },
      ...(challenge.session ? { Session: challenge.session } : {}),
    },
    `RespondToAuthChallenge (${challenge.name})`,
    ctx.signal,
  );
}

/** SELECT_MFA_TYPE: prefer TOTP (no delivery delay), then SMS, among the types Cognito offers. */
function chooseMfaType(challenge: PendingChallenge, mfa: MfaCallbacks): string {
  let offered: unknown;
  try {
    offered = JSON.parse(challenge.parameters.MFAS_CAN_CHOOSE ?? '[]');
  } catch {
    offered = [];
  }
  const can = Array.isArray(offered) ? offered : [];
  if (mfa.totp && can.includes('SOFTWARE_TOKEN_MFA')) return 'SOFTWARE_TOKEN_MFA';
  if (mfa.sms && can.includes('SMS_MFA')) return 'SMS_MFA';
  throw required(challenge.name, 'a choice of multi-factor method', 'mfa: { totp } or mfa: { sms }');
}

function required(challengeName: string, what: string, option: string): ChallengeRequiredError {
  return new ChallengeRequiredError(
    `This Claris ID has multi-factor authentication: Cognito asked for ${what} (${challengeName}), and no callback was given to provide it. Pass ${option} to fileMakerCloud().`,
    { challengeName, strategyId: STRATEGY_ID, hint: HINTS.FMAUTH_CHALLENGE_REQUIRED },
  );
}

/** Runs a caller's callback, but never longer than Cognito's challenge session or past close(). */
async function withinChallengeTime<T>(
  outer: AbortSignal,
  callback: (signal: AbortSignal) => T | Promise<T>,
): Promise<T> {
  const signal = AbortSignal.any([outer, AbortSignal.timeout(CHALLENGE_TIMEOUT_MS)]);
  const work = Promise.resolve().then(() => callback(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(outer.aborted ? outer.reason : challengeTimeout());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function challengeTimeout(): TimeoutError {
  return new TimeoutError(
    `The challenge callback did not answer within ${CHALLENGE_TIMEOUT_MS / 60_000} minutes, after which Cognito drops the challenge. Make the callback answer sooner.`,
    { phase: 'upstream', timeoutMs: CHALLENGE_TIMEOUT_MS, strategyId: STRATEGY_ID },
  );
}

function readCode(code: unknown, name: string): string {
  const plain = isSecret(code) ? code.reveal() : code;
  if (typeof plain !== 'string' || plain.trim().length === 0) {
    throw new InvalidArgumentError(
      `${name} must return the code as a non-empty string`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  // Codes are read off screens and text messages: "123 456" and stray spaces are common.
  return plain.replace(/\s+/g, '');
}

function readNewPasswordAnswer(answer: NewPasswordAnswer): {
  newPassword: Secret<string>;
  attributes: Readonly<Record<string, string>>;
} {
  const isObject = typeof answer === 'object' && answer !== null && !isSecret(answer);
  const password = isObject ? (answer as { newPassword: unknown }).newPassword : answer;
  const plain = isSecret(password) ? password.reveal() : password;
  if (typeof plain !== 'string' || plain.length === 0) {
    throw new InvalidArgumentError(
      'newPassword must return the new password (a string or Secret), or { newPassword, attributes }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const attributes = isObject ? ((answer as { attributes?: Record<string, string> }).attributes ?? {}) : {};
  return { newPassword: toSecret(password as string | Secret<string>), attributes };
}

/** `requiredAttributes` is a JSON string of names such as `["userAttributes.given_name"]`. */
function parseRequiredAttributes(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((name): name is string => typeof name === 'string')
      .map((name) => name.replace(/^userAttributes\./, ''));
  } catch {
    return [];
  }
}
