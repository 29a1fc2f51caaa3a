import { invalidParameter } from './cognito-errors.js';
import { readStringMap, requireMember } from './cognito-request.js';
import type { PoolState } from './pool-state.js';
import { answerSessionChallenge, type SignInStep } from './post-password.js';
import { answerPasswordVerifier } from './srp-sign-in.js';

/** RespondToAuthChallenge: PASSWORD_VERIFIER, SOFTWARE_TOKEN_MFA, SMS_MFA or NEW_PASSWORD_REQUIRED. */
export async function respondToAuthChallenge(
  state: PoolState,
  input: Readonly<Record<string, unknown>>,
  clientId: string,
  issuer: string,
): Promise<SignInStep> {
  const challenge = requireMember(input, 'ChallengeName');
  const responses = readStringMap(input.ChallengeResponses, 'ChallengeResponses');
  const session = input.Session;
  if (session !== undefined && session !== null && typeof session !== 'string') {
    throw invalidParameter('Session must be a string');
  }
  switch (challenge) {
    case 'PASSWORD_VERIFIER':
      // A Session, if any, is ignored: the SECRET_BLOCK carries the state (real Cognito sends none).
      return answerPasswordVerifier(state, clientId, responses, issuer);
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'NEW_PASSWORD_REQUIRED':
      return answerSessionChallenge(state, challenge, clientId, session ?? undefined, responses, issuer);
    default:
      throw invalidParameter(`Invalid challenge name ${challenge.slice(0, 64)}`);
  }
}
