import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE } from '../src/index.js';
import { CLIENT_ID, MFA, totpCode, useCloudMock } from './cognito-helpers.js';

const SMS = { email: 'sms@example.com', password: 'Sms-pass-1', phone: '+15551234567' };
const mock = useCloudMock({
  fixture: {
    ...DEFAULT_FIXTURE,
    clarisIdUsers: [
      ...(DEFAULT_FIXTURE.clarisIdUsers ?? []),
      { email: SMS.email, password: SMS.password, smsMfaPhone: SMS.phone },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

async function mockNow(): Promise<number> {
  return (await mock.control('GET', '/clock')).json.now;
}

/** A six-digit code that is none of the codes valid within one step of `now`. */
function codeOutsideWindow(now: number): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totpCode(MFA.totpSecret, now + offset)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) as string;
}

function answer(challenge: string, session: string, responses: Record<string, string>) {
  return mock.cognito('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: CLIENT_ID,
    Session: session,
    ChallengeResponses: responses,
  });
}

describe('Cognito SOFTWARE_TOKEN_MFA', () => {
  it('asks for a TOTP code with a new opaque Session and accepts the right code', async () => {
    const step = await mock.signIn(MFA.email, MFA.password);
    expect(step.status).toBe(200);
    expect(step.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(step.json.ChallengeParameters).toEqual({});
    expect(step.json.Session.length).toBeGreaterThan(100);
    expect(step.json.AuthenticationResult).toBeUndefined();
    expect(mock.stats().mfaChallenges).toBe(1);
    expect(mock.stats().srpSignIns).toBe(0);

    const code = totpCode(MFA.totpSecret, await mockNow());
    const done = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, {
      USERNAME: MFA.email,
      SOFTWARE_TOKEN_MFA_CODE: code,
    });
    expect(done.status).toBe(200);
    expect(typeof done.json.AuthenticationResult.IdToken).toBe('string');
    expect(mock.stats().srpSignIns).toBe(1);
    // The Session is single-use.
    const again = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, {
      USERNAME: MFA.email,
      SOFTWARE_TOKEN_MFA_CODE: code,
    });
    expect(again.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('answers a wrong code with CodeMismatchException, allows retries, and drops the Session after 3', async () => {
    const step = await mock.signIn(MFA.email, MFA.password);
    const now = await mockNow();
    const good = totpCode(MFA.totpSecret, now);
    const wrong = { USERNAME: MFA.email, SOFTWARE_TOKEN_MFA_CODE: codeOutsideWindow(now) };
    const first = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, wrong);
    expect(first.json).toEqual({
      __type: 'CodeMismatchException',
      message: 'Invalid code received for user',
    });
    const retry = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, {
      ...wrong,
      SOFTWARE_TOKEN_MFA_CODE: good,
    });
    expect(retry.status).toBe(200);

    const next = await mock.signIn(MFA.email, MFA.password);
    for (let i = 0; i < 3; i++) await answer('SOFTWARE_TOKEN_MFA', next.json.Session, wrong);
    const late = await answer('SOFTWARE_TOKEN_MFA', next.json.Session, {
      ...wrong,
      SOFTWARE_TOKEN_MFA_CODE: good,
    });
    expect(late.json.message).toBe('Invalid session for the user.');
    expect(mock.stats().failedMfaCodes).toBe(4);
  });

  it('checks codes against the mock clock, so a code from the real time fails once the clock moved', async () => {
    await mock.control('POST', '/clock', { advanceMinutes: 10 });
    const step = await mock.signIn(MFA.email, MFA.password);
    const stale = totpCode(MFA.totpSecret, Date.now());
    const res = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, {
      USERNAME: MFA.email,
      SOFTWARE_TOKEN_MFA_CODE: stale,
    });
    expect(res.json.__type).toBe('CodeMismatchException');
  });

  it('expires the Session after 3 minutes on the mock clock', async () => {
    const step = await mock.signIn(MFA.email, MFA.password);
    await mock.control('POST', '/clock', { advanceMinutes: 4 });
    const code = totpCode(MFA.totpSecret, await mockNow());
    const res = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, {
      USERNAME: MFA.email,
      SOFTWARE_TOKEN_MFA_CODE: code,
    });
    expect(res.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('needs the Session, the code, and the challenge it was issued for', async () => {
    const step = await mock.signIn(MFA.email, MFA.password);
    const missingSession = await mock.cognito('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: CLIENT_ID,
      ChallengeResponses: { USERNAME: MFA.email, SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(missingSession.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter Session',
    });
    const missingCode = await answer('SOFTWARE_TOKEN_MFA', step.json.Session, { USERNAME: MFA.email });
    expect(missingCode.json.message).toBe('Missing required parameter SOFTWARE_TOKEN_MFA_CODE');
    const otherChallenge = await answer('SMS_MFA', step.json.Session, {
      USERNAME: MFA.email,
      SMS_MFA_CODE: '123456',
    });
    expect(otherChallenge.json.message).toBe('Invalid session for the user.');
  });
});

describe('Cognito SMS_MFA', () => {
  it('"sends" a code, readable through the control API, and accepts it', async () => {
    const step = await mock.signIn(SMS.email, SMS.password);
    expect(step.json.ChallengeName).toBe('SMS_MFA');
    expect(step.json.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
      CODE_DELIVERY_DESTINATION: '+*******4567',
    });
    const outbox = await mock.control('GET', `/cognito/sms-codes?email=${encodeURIComponent(SMS.email)}`);
    expect(outbox.status).toBe(200);
    const { codes } = outbox.json;
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ email: SMS.email, phone: SMS.phone });
    expect(codes[0].code).toMatch(/^\d{6}$/);

    const wrong = String((Number(codes[0].code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await answer('SMS_MFA', step.json.Session, { USERNAME: SMS.email, SMS_MFA_CODE: wrong });
    expect(bad.json.__type).toBe('CodeMismatchException');
    const done = await answer('SMS_MFA', step.json.Session, {
      USERNAME: SMS.email,
      SMS_MFA_CODE: codes[0].code,
    });
    expect(done.status).toBe(200);
    expect(done.json.AuthenticationResult.RefreshToken).toBeTruthy();
  });

  it('lists nothing for other users and forgets the codes on reset', async () => {
    await mock.signIn(SMS.email, SMS.password);
    expect((await mock.control('GET', '/cognito/sms-codes?email=other@example.com')).json.codes).toEqual([]);
    await mock.control('POST', '/reset');
    expect((await mock.control('GET', '/cognito/sms-codes')).json.codes).toEqual([]);
  });
});
