import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, startMockServer } from '../src/index.js';
import { CLIENT_ID, MFA, totpCode, useCloudMock } from './cognito-helpers.js';
import { http } from './helpers.js';

// A second user with the same authenticator secret: used codes are remembered per user.
const TWIN = { email: 'twin@example.com', password: 'Twin-pass-1', totpSecret: MFA.totpSecret };
const fixture = {
  ...DEFAULT_FIXTURE,
  clarisIdUsers: [
    ...(DEFAULT_FIXTURE.clarisIdUsers ?? []),
    { email: TWIN.email, password: TWIN.password, totpSecret: TWIN.totpSecret },
  ],
};
const mock = useCloudMock({ fixture });
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

async function mockNow(): Promise<number> {
  return (await mock.control('GET', '/clock')).json.now;
}

/** The SOFTWARE_TOKEN_MFA Session of a fresh sign-in (SRP done). */
async function mfaSession(user: { email: string; password: string } = MFA): Promise<string> {
  const step = await mock.signIn(user.email, user.password);
  expect(step.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  return step.json.Session as string;
}

function answer(session: string, code: string, email = MFA.email) {
  return mock.cognito('RespondToAuthChallenge', {
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    ClientId: CLIENT_ID,
    Session: session,
    ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
  });
}

const mismatch = { __type: 'CodeMismatchException', message: 'Invalid code received for user' };

describe('a TOTP code is accepted once (RFC 6238 §5.2)', () => {
  it('refuses the same code for a second sign-in, then accepts the next step’s code on the same Session', async () => {
    const code = totpCode(MFA.totpSecret, await mockNow());
    const first = await answer(await mfaSession(), code);
    expect(first.status).toBe(200);
    expect(first.json.AuthenticationResult.IdToken).toEqual(expect.any(String));

    const session = await mfaSession();
    const replay = await answer(session, code);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual(mismatch);
    expect(mock.stats()).toMatchObject({ srpSignIns: 1, failedMfaCodes: 1, replayedTotpCodes: 1 });

    // The authenticator's next code works, on the very Session the replay was refused on.
    await mock.control('POST', '/clock', { advanceSeconds: 30 });
    const next = await answer(session, totpCode(MFA.totpSecret, await mockNow()));
    expect(next.status).toBe(200);
    expect(mock.stats()).toMatchObject({ srpSignIns: 2 });
  });

  it('refuses an older code still inside the window once a newer one was used', async () => {
    const now = await mockNow();
    const ahead = await answer(await mfaSession(), totpCode(MFA.totpSecret, now + 30_000));
    expect(ahead.status).toBe(200);
    const older = await answer(await mfaSession(), totpCode(MFA.totpSecret, now));
    expect(older.json).toEqual(mismatch);
  });

  it('remembers used codes per user', async () => {
    const code = totpCode(MFA.totpSecret, await mockNow());
    expect((await answer(await mfaSession(), code)).status).toBe(200);
    expect((await answer(await mfaSession(TWIN), code, TWIN.email)).status).toBe(200);
  });

  it('forgets used codes on POST /reset', async () => {
    const code = totpCode(MFA.totpSecret, await mockNow());
    expect((await answer(await mfaSession(), code)).status).toBe(200);
    await mock.control('POST', '/reset');
    expect((await answer(await mfaSession(), code)).status).toBe(200);
  });

  it('a refused replay counts against the Session’s 3 attempts', async () => {
    const code = totpCode(MFA.totpSecret, await mockNow());
    expect((await answer(await mfaSession(), code)).status).toBe(200);
    const session = await mfaSession();
    for (let i = 0; i < 3; i++) expect((await answer(session, code)).json).toEqual(mismatch);
    await mock.control('POST', '/clock', { advanceSeconds: 30 });
    const late = await answer(session, totpCode(MFA.totpSecret, await mockNow()));
    expect(late.json.message).toBe('Invalid session for the user.');
  });
});

describe('cognito.totpReplay', () => {
  it("defaults to 'reject' and is switched live with PATCH /__control/options", async () => {
    expect((await mock.control('GET', '/options')).json.cognito.totpReplay).toBe('reject');
    const switched = await mock.options({ cognito: { totpReplay: 'accept' } });
    expect(switched.status).toBe(200);
    expect(switched.json.cognito.totpReplay).toBe('accept');

    const code = totpCode(MFA.totpSecret, await mockNow());
    expect((await answer(await mfaSession(), code)).status).toBe(200);
    expect((await answer(await mfaSession(), code)).status).toBe(200);
    expect(mock.stats()).toMatchObject({ srpSignIns: 2, replayedTotpCodes: 0 });

    // Back to 'reject': the steps used meanwhile are remembered.
    await mock.options({ cognito: { totpReplay: 'reject' } });
    expect((await answer(await mfaSession(), code)).json).toEqual(mismatch);
  });

  it('refuses other values with 400', async () => {
    const bad = await mock.options({ cognito: { totpReplay: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect((await mock.control('GET', '/options')).json.cognito.totpReplay).toBe('reject');
  });

  it("can be set to 'accept' in a fixture", async () => {
    const server = await startMockServer({
      fixture: { ...DEFAULT_FIXTURE, options: { cognito: { totpReplay: 'accept' } } },
    });
    try {
      expect(server.mock.options.cognito.totpReplay).toBe('accept');
      const options = await http(server.endpoints.control as string, 'GET', '/options');
      expect(options.json.cognito.totpReplay).toBe('accept');
    } finally {
      await server.close();
    }
  });
});
