import { SRP_N } from '@fmauth/cognito-srp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, NEW, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const INCORRECT = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('Cognito PASSWORD_VERIFIER rules', () => {
  it('makes the SECRET_BLOCK single-use: a replayed correct answer is refused', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    const answer = mock.claim(srp, res.json.ChallengeParameters, DEV.password);
    expect((await mock.cognito('RespondToAuthChallenge', answer)).status).toBe(200);
    const replay = await mock.cognito('RespondToAuthChallenge', answer);
    expect(replay.json).toEqual(INCORRECT);
  });

  it('refuses an unknown SECRET_BLOCK', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    const answer = mock.claim(srp, { ...res.json.ChallengeParameters, SECRET_BLOCK: 'AAAA' }, DEV.password);
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
  });

  it('binds the challenge to the ClientId of InitiateAuth', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    await mock.options({ cognito: { clientId: 'otherclient123' } });
    const answer = mock.claim(srp, res.json.ChallengeParameters, DEV.password, {
      clientId: 'otherclient123',
    });
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
    // That attempt consumed the block: the original client cannot use it either.
    await mock.options({ cognito: { clientId: CLIENT_ID } });
    expect((await mock.cognito('RespondToAuthChallenge', { ...answer, ClientId: CLIENT_ID })).json).toEqual(
      INCORRECT,
    );
  });

  it('needs USERNAME to name the user of the challenge (USER_ID_FOR_SRP, its email or sub)', async () => {
    const other = await mock.initiate(DEV.email);
    const wrongUser = mock.claim(other.srp, other.res.json.ChallengeParameters, DEV.password, {
      username: NEW.email,
    });
    expect((await mock.cognito('RespondToAuthChallenge', wrongUser)).json).toEqual(INCORRECT);
    const byEmail = await mock.initiate(DEV.email);
    const answer = mock.claim(byEmail.srp, byEmail.res.json.ChallengeParameters, DEV.password, {
      username: DEV.email,
    });
    expect((await mock.cognito('RespondToAuthChallenge', answer)).status).toBe(200);
  });

  it('fails a client that signs with the email alias instead of USER_ID_FOR_SRP', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    const p = res.json.ChallengeParameters;
    const answer = mock.claim(srp, { ...p, USER_ID_FOR_SRP: DEV.email }, DEV.password);
    answer.ChallengeResponses.USERNAME = p.USER_ID_FOR_SRP;
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
  });

  it('fails a signature made for another pool', async () => {
    const res = await mock.signIn(DEV.email, DEV.password, 'us-east-1_OtherPool');
    expect(res.json).toEqual(INCORRECT);
  });

  it('refuses a TIMESTAMP with a zero-padded day, even when signed over exactly that string', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    const answer = mock.claim(srp, res.json.ChallengeParameters, DEV.password, {
      timestamp: 'Tue Mar 05 07:08:09 UTC 2024',
    });
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
  });

  it('accepts any well-formed TIMESTAMP by default and checks it against the clock when asked', async () => {
    expect(
      (await signInAt('Tue Mar 5 07:08:09 UTC 2024')).status,
      'an old but well-formed timestamp passes by default',
    ).toBe(200);
    await mock.options({ cognito: { timestampToleranceMinutes: 5 } });
    expect((await signInAt('Tue Mar 5 07:08:09 UTC 2024')).json).toEqual(INCORRECT);
    expect((await signInAt()).status).toBe(200);
  });

  it('bounds SRP_A: over 1024 hex digits or not hex is InvalidParameterException, A = N is refused', async () => {
    const send = (srpA: string) =>
      mock.cognito('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: DEV.email, SRP_A: srpA },
      });
    const long = await send('f'.repeat(1025));
    expect(long.json.__type).toBe('InvalidParameterException');
    expect((await send('xyz')).json.__type).toBe('InvalidParameterException');
    expect((await send(SRP_N.toString(16))).json).toEqual(INCORRECT);
    expect((await send('0')).json).toEqual(INCORRECT);
  });

  it('lets a PASSWORD_VERIFIER challenge expire on the mock clock', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    await mock.control('POST', '/clock', { advanceMinutes: 4 });
    const answer = mock.claim(srp, res.json.ChallengeParameters, DEV.password);
    expect((await mock.cognito('RespondToAuthChallenge', answer)).json).toEqual(INCORRECT);
  });

  it('ignores a Session sent with PASSWORD_VERIFIER (the SECRET_BLOCK carries the state)', async () => {
    const { srp, res } = await mock.initiate(DEV.email);
    const answer = { ...mock.claim(srp, res.json.ChallengeParameters, DEV.password), Session: 'whatever' };
    expect((await mock.cognito('RespondToAuthChallenge', answer)).status).toBe(200);
  });

  it('accepts "DEVICE_KEY": null as browsers send it', async () => {
    const res = await mock.cognito('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: DEV.email, SRP_A: 'abcdef', DEVICE_KEY: null },
    });
    expect(res.json.ChallengeName).toBe('PASSWORD_VERIFIER');
  });

  it('returns the email itself as USER_ID_FOR_SRP when userIdForSrp is "email"', async () => {
    await mock.options({ cognito: { userIdForSrp: 'email' } });
    const { res } = await mock.initiate(DEV.email.toUpperCase());
    expect(res.json.ChallengeParameters.USER_ID_FOR_SRP).toBe(DEV.email);
    const tokens = await mock.tokens();
    const claims = JSON.parse(Buffer.from(tokens.IdToken.split('.')[1] as string, 'base64url').toString());
    expect(claims['cognito:username']).toBe(DEV.email);
  });
});

async function signInAt(timestamp?: string) {
  const { srp, res } = await mock.initiate(DEV.email);
  return mock.cognito(
    'RespondToAuthChallenge',
    mock.claim(srp, res.json.ChallengeParameters, DEV.password, timestamp === undefined ? {} : { timestamp }),
  );
}
