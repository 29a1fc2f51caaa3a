import { ChallengeRequiredError, InvalidCredentialsError, Secret } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import type { NewPasswordChallenge } from '../src/index.js';
import { authContext, RESET, rejectionOf, useCloudMock } from './support/cloud-mock.js';

const CHOSEN = 'Chosen-pass-5!';

describe('NEW_PASSWORD_REQUIRED', () => {
  const mock = useCloudMock();

  it('without a newPassword callback fails with ChallengeRequiredError and advice', async () => {
    const strategy = mock.strategy({ ...RESET });
    const error = await rejectionOf(mock.session(strategy).login());
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toMatchObject({
      challengeName: 'NEW_PASSWORD_REQUIRED',
      code: 'FMAUTH_CHALLENGE_REQUIRED',
    });
    expect((error as Error).message).toMatch(/choose a new password.*newPassword option/s);
    expect(await mock.cognitoStats()).toMatchObject({ newPasswordChallenges: 1 });
    expect(await mock.cloudStats()).toMatchObject({ requests: 0 });
  });

  it('completes it through the callback, then signs in with the new password from then on', async () => {
    const asked: NewPasswordChallenge[] = [];
    const strategy = mock.strategy({
      ...RESET,
      newPassword: (challenge) => {
        asked.push(challenge);
        return new Secret(CHOSEN);
      },
    });
    await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
    expect(asked).toEqual([
      {
        challengeName: 'NEW_PASSWORD_REQUIRED',
        clarisId: RESET.clarisId,
        requiredAttributes: [],
        signal: expect.any(AbortSignal),
      },
    ]);
    // A later full sign-in (refresh token revoked) must use the new password, without asking again.
    await mock.control.call('POST', '/cognito/revoke-refresh-tokens', { email: RESET.clarisId });
    strategy.invalidate();
    await expect(strategy.authenticate(authContext({ reason: 'rejected' }))).resolves.toHaveProperty(
      'authorization',
    );
    expect(asked).toHaveLength(1);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2, failedSignIns: 0, failedRefreshes: 1 });
    // The old password is gone for good.
    const old = await rejectionOf(mock.strategy({ ...RESET }).authenticate(authContext()));
    expect(old).toBeInstanceOf(InvalidCredentialsError);
  });

  it("reports a new password that breaks the policy as ChallengeRequiredError with Cognito's reason", async () => {
    const strategy = mock.strategy({ ...RESET, newPassword: () => ({ newPassword: 'short' }) });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect((error as Error).message).toContain('Password not long enough');
    expect((error as Error).message).not.toContain('short');
  });
});
