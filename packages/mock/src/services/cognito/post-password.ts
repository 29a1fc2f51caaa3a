import { randomBytes } from 'node:crypto';
import type { ClarisIdUser } from '../../shared/claris-id-directory.js';
import { COGNITO_MESSAGES, CognitoError, notAuthorized } from './cognito-errors.js';
import { requireParameter } from './cognito-request.js';
import { maskPhone, smsCodeMatches, totpStep } from './mfa.js';
import { passwordPolicyProblem } from './password-policy.js';
import type { ChallengeSession, PoolState } from './pool-state.js';
import { type AuthenticationResult, completeSignIn } from './tokens.js';
import { assertCanSignIn, findUser, userAttributes, usernameOf } from './user-lookup.js';

/** What RespondToAuthChallenge answers: tokens, or the next challenge with a new opaque Session. */
export type SignInStep =
  | { ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult }
  | {
      ChallengeName: ChallengeSession['challenge'];
      Session: string;
      ChallengeParameters: Record<string, string>;
    };

// Wrong MFA codes allowed on one Session before it is dropped.
const MAX_CODE_ATTEMPTS = 3;

/**
 * After the password is proven: NEW_PASSWORD_REQUIRED first (like an admin-created user), then MFA
 * (TOTP preferred over SMS when a user has both), then tokens.
 */
export async function nextStepAfterPassword(
  state: PoolState,
  user: ClarisIdUser,
  clientId: string,
  issuer: string,
  passwordJustSet = false,
): Promise<SignInStep> {
  if (user.newPasswordRequired && !passwordJustSet) {
    state.counters.newPasswordChallenges++;
    return openChallenge(
      state,
      { challenge: 'NEW_PASSWORD_REQUIRED', email: user.email, clientId, failures: 0 },
      {
        USER_ID_FOR_SRP: usernameOf(user, state.options()),
        // identity-js JSON.parses both and throws when either is missing.
        userAttributes: JSON.stringify(userAttributes(user)),
        requiredAttributes: '[]',
      },
    );
  }
  if (user.totpSecret !== undefined) {
    state.counters.mfaChallenges++;
    return openChallenge(
      state,
      { challenge: 'SOFTWARE_TOKEN_MFA', email: user.email, clientId, failures: 0 },
      {},
    );
  }
  if (user.smsMfaPhone !== undefined) {
    state.counters.mfaChallenges++;
    const smsCode = state.sms.send(user.email, user.smsMfaPhone, state.clock.now());
    return openChallenge(
      state,
      { challenge: 'SMS_MFA', email: user.email, clientId, smsCode, failures: 0 },
      { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: maskPhone(user.smsMfaPhone) },
    );
  }
  return completeSignIn(state, user, clientId, issuer);
}

/** RespondToAuthChallenge(SOFTWARE_TOKEN_MFA | SMS_MFA | NEW_PASSWORD_REQUIRED) with a Session. */
export async function answerSessionChallenge(
  state: PoolState,
  challenge: ChallengeSession['challenge'],
  clientId: string,
  session: string | undefined,
  responses: Readonly<Record<string, string>>,
  issuer: string,
): Promise<SignInStep> {
  if (session === undefined || session === '') {
    throw new CognitoError('InvalidParameterException', 'Missing required parameter Session');
  }
  const username = requireParameter(responses, 'USERNAME');
  const lookup = state.sessions.peek(session);
  if (!lookup.ok) {
    throw notAuthorized(
      lookup.reason === 'expired' ? COGNITO_MESSAGES.sessionExpired : COGNITO_MESSAGES.invalidSession,
    );
  }
  const pending = lookup.state;
  const user = state.users.find(pending.email);
  if (
    !user ||
    pending.challenge !== challenge ||
    pending.clientId !== clientId ||
    findUser(state.users, username)?.email !== user.email
  ) {
    throw notAuthorized(COGNITO_MESSAGES.invalidSession);
  }
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    const newPassword = requireParameter(responses, 'NEW_PASSWORD');
    const problem = passwordPolicyProblem(newPassword);
    if (problem) throw new CognitoError('InvalidPasswordException', problem);
    state.sessions.delete(session);
    // Of the attributes a client may send along (`userAttributes.<name>`), the directory keeps `name`.
    const name = responses['userAttributes.name'];
    const changes = { password: newPassword, newPasswordRequired: false, ...(name ? { name } : {}) };
    const updated = state.users.update(user.email, changes) ?? user;
    assertCanSignIn(updated);
    return nextStepAfterPassword(state, updated, clientId, issuer, true);
  }
  const field = challenge === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'SOFTWARE_TOKEN_MFA_CODE';
  const code = requireParameter(responses, field);
  const matches =
    challenge === 'SMS_MFA'
      ? smsCodeMatches(pending.smsCode ?? '', code)
      : acceptTotp(state, user.email, user.totpSecret, code);
  if (!matches) {
    state.counters.failedMfaCodes++;
    pending.failures++;
    if (pending.failures >= MAX_CODE_ATTEMPTS) state.sessions.delete(session);
    throw new CognitoError('CodeMismatchException', COGNITO_MESSAGES.codeMismatch);
  }
  state.sessions.delete(session);
  assertCanSignIn(user);
  return completeSignIn(state, user, clientId, issuer);
}

/**
 * Whether `code` is a valid TOTP code of the user's secret on the mock clock, and, unless
 * `totpReplay` is `accept`, of a newer time step than any code that already signed this user in:
 * RFC 6238 §5.2 says a verifier must not accept the same code twice. Cognito's own behaviour is not
 * documented [guess]; it answers like a wrong code (CodeMismatchException). An accepted code uses
 * up its step.
 */
function acceptTotp(state: PoolState, email: string, secret: string | undefined, code: string): boolean {
  if (secret === undefined) return false;
  const step = totpStep(secret, code, state.clock.now());
  if (step === undefined) return false;
  const user = email.toLowerCase();
  const last = state.totpLastStep.get(user);
  if (last !== undefined && step <= last && state.options().totpReplay === 'reject') {
    state.counters.replayedTotpCodes++;
    return false;
  }
  state.totpLastStep.set(user, Math.max(step, last ?? step));
  return true;
}

function openChallenge(
  state: PoolState,
  pending: ChallengeSession,
  parameters: Record<string, string>,
): SignInStep {
  // Real Sessions are long opaque strings; ours carry 192 random bytes and nothing else.
  const session = randomBytes(192).toString('base64');
  state.sessions.put(session, pending, state.options().challengeSessionMinutes * 60_000);
  return { ChallengeName: pending.challenge, Session: session, ChallengeParameters: parameters };
}
