import { ChallengeRequiredError, InvalidCredentialsError, Secret } from '@fmauth/core';
import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent, TotpChallenge } from '../src/index.js';
import { authContext, MFA, rejectionOf, TestClock, useCloudMock } from './support/cloud-mock.js';

/** The fixture user's authenticator app. */
const authenticator = new TOTP({ secret: MFA.totpSecret });

describe('SOFTWARE_TOKEN_MFA answered through the mfa.totp callback', () => {
  const mock = useCloudMock();
  const mfaUser = { clarisId: MFA.clarisId, password: MFA.password };

  it('signs in with a TOTP code from the callback and opens a FileMaker Cloud session', async () => {
    const asked: TotpChallenge[] = [];
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({
      ...mfaUser,
      mfa: {
        totp: (challenge) => {
          asked.push(challenge);
          return authenticator.generate();
        },
      },
      onEvent: (e) => events.push(e),
    });
    await expect(mock.session(strategy).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
    expect(asked).toEqual([
      { challengeName: 'SOFTWARE_TOKEN_MFA', clarisId: MFA.clarisId, signal: expect.any(AbortSignal) },
    ]);
    expect(events).toContainEqual({ type: 'challenge', challengeName: 'SOFTWARE_TOKEN_MFA' });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'signed-in', challenges: ['SOFTWARE_TOKEN_MFA'] }),
    );
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, mfaChallenges: 1, failedMfaCodes: 0 });
  });

  it('accepts an async callback returning a Secret with spaces, as read off a screen', async () => {
    const strategy = mock.strategy({
      ...mfaUser,
      mfa: {
        totp: async () => {
          const code = authenticator.generate();
          return new Secret(`${code.slice(0, 3)} ${code.slice(3)}`);
        },
      },
    });
    await expect(strategy.authenticate(authContext())).resolves.toHaveProperty('authorization');
  });

  it('does not ask for a code again when the token is refreshed', async () => {
    const clock = new TestClock();
    let asked = 0;
    const strategy = mock.strategy({
      ...mfaUser,
      clock: clock.now,
      mfa: {
        totp: () => {
          asked++;
          return authenticator.generate({ timestamp: clock.now() });
        },
      },
    });
    await strategy.authenticate(authContext());
    await mock.advance(clock, 56);
    await strategy.authenticate(authContext());
    expect(asked).toBe(1);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1, mfaChallenges: 1 });
  });

  it('refuses a wrong code with InvalidCredentialsError (CodeMismatchException)', async () => {
    const wrong = String((Number(authenticator.generate()) + 500_000) % 1_000_000).padStart(6, '0');
    const strategy = mock.strategy({ ...mfaUser, mfa: { totp: () => wrong } });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as Error).message).toMatch(/multi-factor code was not accepted/);
    expect((error as Error).message).not.toContain(wrong);
    expect(await mock.cognitoStats()).toMatchObject({ failedMfaCodes: 1 });
  });

  it('without a totp callback fails with ChallengeRequiredError naming the challenge and the option', async () => {
    const strategy = mock.strategy({ ...mfaUser });
    const error = await rejectionOf(mock.session(strategy).login());
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).toMatchObject({ challengeName: 'SOFTWARE_TOKEN_MFA', strategyId: 'filemaker-cloud' });
    expect((error as Error).message).toContain('mfa: { totp }');
    expect(await mock.cloudStats()).toMatchObject({ requests: 0 });
  });

  it("passes the callback's own error through", async () => {
    const strategy = mock.strategy({
      ...mfaUser,
      mfa: {
        totp: () => {
          throw new Error('vault unavailable');
        },
      },
    });
    await expect(strategy.authenticate(authContext())).rejects.toThrow('vault unavailable');
  });

  it('rejects a callback that returns no code with a TypeError', async () => {
    const strategy = mock.strategy({ ...mfaUser, mfa: { totp: () => '  ' } });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });
});
