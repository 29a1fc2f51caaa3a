import type { SrpServer } from '@fmauth/cognito-srp';
import type { MockClock } from '../../core/mock-clock.js';
import type { CognitoOptions } from '../../fixture/sections/cloud.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { Lockout } from './lockout.js';
import { SmsOutbox } from './mfa.js';
import { PendingChallenges } from './pending-challenges.js';
import { RefreshTokens } from './refresh-tokens.js';
import { SrpVerifiers } from './srp-verifiers.js';
import { TokenSigner } from './token-signer.js';

/** Where the pool is mounted in the mock; token issuers end in `/cognito/<userPoolId>`. */
export const COGNITO_PREFIX = '/cognito';

/** A PASSWORD_VERIFIER challenge waiting for its answer, keyed by its SECRET_BLOCK. */
export interface SrpAttempt {
  readonly srp: SrpServer;
  /** The user's email; `undefined` for the decoy challenge of an unknown user. */
  readonly email: string | undefined;
  readonly userIdForSrp: string;
  readonly clientId: string;
  readonly userPoolId: string;
}

/** An MFA or new-password challenge waiting for its answer, keyed by its opaque `Session`. */
export interface ChallengeSession {
  readonly challenge: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'NEW_PASSWORD_REQUIRED';
  readonly email: string;
  readonly clientId: string;
  /** The code sent by SMS (SMS_MFA only). */
  readonly smsCode?: string;
  failures: number;
}

export interface CognitoCounters {
  requests: number;
  srpSignIns: number;
  failedSignIns: number;
  refreshes: number;
  failedRefreshes: number;
  /** Refreshes that issued a new refresh token (refresh token rotation on). */
  rotatedRefreshTokens: number;
  mfaChallenges: number;
  failedMfaCodes: number;
  /** TOTP codes refused because they, or a newer one, already signed the user in. */
  replayedTotpCodes: number;
  newPasswordChallenges: number;
  lockedOutAttempts: number;
  throttledRequests: number;
}

/** Everything the simulated user pool keeps; the operations work on it. */
export interface PoolState {
  readonly clock: MockClock;
  readonly options: () => CognitoOptions;
  readonly users: ClarisIdDirectory;
  readonly verifiers: SrpVerifiers;
  readonly srpAttempts: PendingChallenges<SrpAttempt>;
  readonly sessions: PendingChallenges<ChallengeSession>;
  readonly refreshTokens: RefreshTokens;
  readonly signer: TokenSigner;
  readonly lockout: Lockout;
  readonly sms: SmsOutbox;
  /**
   * Per user (lower-case email), the newest TOTP time step accepted: with `totpReplay: 'reject'`, a
   * code of that step or an older one is refused (RFC 6238 §5.2).
   */
  readonly totpLastStep: Map<string, number>;
  counters: CognitoCounters;
}

export function createPoolState(
  clock: MockClock,
  options: () => CognitoOptions,
  users: ClarisIdDirectory,
): PoolState {
  return {
    clock,
    options,
    users,
    verifiers: new SrpVerifiers(),
    srpAttempts: new PendingChallenges(clock),
    sessions: new PendingChallenges(clock),
    refreshTokens: new RefreshTokens(),
    signer: new TokenSigner(),
    lockout: new Lockout(clock),
    sms: new SmsOutbox(),
    totpLastStep: new Map(),
    counters: zeroCounters(),
  };
}

/**
 * Back to the fixture: pending challenges, tokens, lockouts, SMS, used TOTP steps and counters (keys
 * and salts stay).
 */
export function resetPoolState(state: PoolState): void {
  state.srpAttempts.clear();
  state.sessions.clear();
  state.refreshTokens.clear();
  state.lockout.clear();
  state.sms.clear();
  state.totpLastStep.clear();
  state.counters = zeroCounters();
}

function zeroCounters(): CognitoCounters {
  return {
    requests: 0,
    srpSignIns: 0,
    failedSignIns: 0,
    refreshes: 0,
    failedRefreshes: 0,
    rotatedRefreshTokens: 0,
    mfaChallenges: 0,
    failedMfaCodes: 0,
    replayedTotpCodes: 0,
    newPasswordChallenges: 0,
    lockedOutAttempts: 0,
    throttledRequests: 0,
  };
}
