import { randomBytes } from 'node:crypto';
import { SrpProtocolError, startSrpServer } from '@fmauth/cognito-srp';
import { COGNITO_MESSAGES, CognitoError, invalidParameter, notAuthorized } from './cognito-errors.js';
import { requireParameter } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { nextStepAfterPassword, type SignInStep } from './post-password.js';
import { isWellFormedTimestamp, timestampWithin } from './srp-timestamp.js';
import { assertCanSignIn, findUser, usernameOf } from './user-lookup.js';

/** The PASSWORD_VERIFIER challenge InitiateAuth(USER_SRP_AUTH) returns. */
export interface PasswordVerifierChallenge {
  ChallengeName: 'PASSWORD_VERIFIER';
  ChallengeParameters: {
    SALT: string;
    SRP_B: string;
    SECRET_BLOCK: string;
    USERNAME: string;
    USER_ID_FOR_SRP: string;
  };
}

/**
 * InitiateAuth(USER_SRP_AUTH): checks the user, draws b, answers SALT, SRP_B and a single-use
 * SECRET_BLOCK bound to the ClientId. No Session, as real Cognito sends none here.
 */
export function startSrpSignIn(
  state: PoolState,
  clientId: string,
  parameters: Readonly<Record<string, string>>,
): PasswordVerifierChallenge {
  const options = state.options();
  const username = requireParameter(parameters, 'USERNAME');
  const srpA = requireParameter(parameters, 'SRP_A');
  const user = findUser(state.users, username);

  let email: string | undefined;
  let userIdForSrp: string;
  let secrets: { salt: string; verifier: bigint };
  if (user) {
    if (state.lockout.isLocked(user.email)) {
      state.counters.lockedOutAttempts++;
      throw notAuthorized(COGNITO_MESSAGES.lockedOut);
    }
    // With PreventUserExistenceErrors these wait until the password is proven (answerPasswordVerifier).
    if (!options.preventUserExistenceErrors) assertCanSignIn(user);
    email = user.email;
    userIdForSrp = usernameOf(user, options);
    secrets = state.verifiers.secretsFor(user.email, user.password, options.userPoolId, userIdForSrp);
  } else {
    if (!options.preventUserExistenceErrors) {
      state.counters.failedSignIns++;
      throw new CognitoError('UserNotFoundException', COGNITO_MESSAGES.userNotFound);
    }
    userIdForSrp = options.userIdForSrp === 'email' ? username : state.verifiers.decoyUserId(username);
    secrets = state.verifiers.decoyFor(username, options.userPoolId);
  }

  let srp: ReturnType<typeof startSrpServer>;
  try {
    srp = startSrpServer({ verifier: secrets.verifier, srpA });
  } catch (error) {
    if (!(error instanceof SrpProtocolError)) throw error;
    if (error.code === 'SRP_INVALID_HEX')
      throw invalidParameter('SRP_A must be 1 to 1024 hexadecimal digits');
    throw notAuthorized();
  }
  const secretBlock = randomBytes(96).toString('base64');
  state.srpAttempts.put(
    secretBlock,
    { srp, email, userIdForSrp, clientId, userPoolId: options.userPoolId },
    options.challengeSessionMinutes * 60_000,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: secrets.salt,
      SRP_B: srp.srpB,
      SECRET_BLOCK: secretBlock,
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
  };
}

/**
 * RespondToAuthChallenge(PASSWORD_VERIFIER): takes the SECRET_BLOCK's state (single use), checks the
 * ClientId and USERNAME against it and the signature in constant time. A wrong password counts
 * towards the lockout.
 */
export async function answerPasswordVerifier(
  state: PoolState,
  clientId: string,
  responses: Readonly<Record<string, string>>,
  issuer: string,
): Promise<SignInStep> {
  const options = state.options();
  const username = requireParameter(responses, 'USERNAME');
  const secretBlock = requireParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const timestamp = requireParameter(responses, 'TIMESTAMP');
  const signature = requireParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');

  const pending = state.srpAttempts.take(secretBlock);
  if (!pending.ok) {
    state.counters.failedSignIns++;
    throw notAuthorized();
  }
  const attempt = pending.state;
  const user = attempt.email === undefined ? undefined : state.users.find(attempt.email);
  const sameUser = user !== undefined && findUser(state.users, username)?.email === user.email;
  if (!user || !sameUser || attempt.clientId !== clientId || attempt.userPoolId !== options.userPoolId) {
    state.counters.failedSignIns++;
    throw notAuthorized();
  }
  if (state.lockout.isLocked(user.email)) {
    state.counters.lockedOutAttempts++;
    throw notAuthorized(COGNITO_MESSAGES.lockedOut);
  }
  const tolerance = options.timestampToleranceMinutes;
  const timestampOk =
    isWellFormedTimestamp(timestamp) &&
    (tolerance === undefined || timestampWithin(timestamp, state.clock.now(), tolerance * 60_000));
  const proven =
    timestampOk &&
    attempt.srp.verifyClaim({
      userPoolId: attempt.userPoolId,
      userIdForSrp: attempt.userIdForSrp,
      secretBlock,
      timestamp,
      signature,
    });
  if (!proven) {
    state.counters.failedSignIns++;
    state.lockout.recordFailure(user.email, options);
    throw notAuthorized();
  }
  assertCanSignIn(user);
  return nextStepAfterPassword(state, user, clientId, issuer);
}
