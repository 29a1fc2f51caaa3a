import { ChallengeRequiredError, InvalidCredentialsError } from '@fmauth/core';
import { DEFAULT_FIXTURE, type FixtureInput } from '@fmauth/mock';
import { describe, expect, it } from 'vitest';
import type { SmsChallenge } from '../src/index.js';
import { authContext, rejectionOf, useCloudMock } from './support/cloud-mock.js';

const SMS_USER = { clarisId: 'sms@example.com', password: 'ClarisID-pass-sms' } as const;

// The default fixture has no SMS user; this file adds one.
const fixture: FixtureInput = {
  ...DEFAULT_FIXTURE,
  clarisIdUsers: [
    ...(DEFAULT_FIXTURE.clarisIdUsers ?? []),
    { email: SMS_USER.clarisId, password: SMS_USER.password, name: 'SMS User', smsMfaPhone: '+15551234567' },
  ],
};

describe('SMS_MFA answered through the mfa.sms callback', () => {
  const mock = useCloudMock(fixture);

  /** What the person would read on their phone: the mock's outbox. */
  const latestSmsCode = async (): Promise<string> => {
    const { codes } = await mock.control.call<{ codes: { code: string }[] }>(
      'GET',
      `/cognito/sms-codes?email=${encodeURIComponent(SMS_USER.clarisId)}`,
    );
    const last = codes.at(-1);
    if (!last) throw new Error('the mock sent no SMS');
    return last.code;
  };

  it('signs in with the code the mock "texted", and tells the callback where it went', async () => {
    const asked: SmsChallenge[] = [];
    const strategy = mock.strategy({
      ...SMS_USER,
      mfa: {
        sms: async (challenge) => {
          asked.push(challenge);
          return latestSmsCode();
        },
      },
    });
    await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
    expect(asked).toEqual([
      {
        challengeName: 'SMS_MFA',
        clarisId: SMS_USER.clarisId,
        destination: '+*******4567',
        deliveryMedium: 'SMS',
        signal: expect.any(AbortSignal),
      },
    ]);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, mfaChallenges: 1, failedMfaCodes: 0 });
  });

  it('refuses a wrong SMS code with InvalidCredentialsError', async () => {
    const strategy = mock.strategy({
      ...SMS_USER,
      mfa: { sms: async () => String((Number(await latestSmsCode()) + 1) % 1_000_000).padStart(6, '0') },
    });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(await mock.cognitoStats()).toMatchObject({ failedMfaCodes: 1 });
  });

  it('with only a totp callback, an SMS challenge still fails with ChallengeRequiredError', async () => {
    const strategy = mock.strategy({ ...SMS_USER, mfa: { totp: () => '123456' } });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toMatchObject({ challengeName: 'SMS_MFA' });
    expect((error as Error).message).toContain('mfa: { sms }');
  });
});
