import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, MFA, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('Cognito and FileMaker Cloud keep secrets out of answers and objects', () => {
  it('never echoes a password, a signature or a code in an error', async () => {
    const wrongPassword = 'Secret-Guess-123';
    const wrong = await mock.signIn(DEV.email, wrongPassword);
    expect(wrong.text).not.toContain(wrongPassword);
    expect(JSON.stringify(wrong.headers)).not.toContain(wrongPassword);

    const step = await mock.signIn(MFA.email, MFA.password);
    const code = await mock.cognito('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: CLIENT_ID,
      Session: step.json.Session,
      ChallengeResponses: { USERNAME: MFA.email, SOFTWARE_TOKEN_MFA_CODE: '987654' },
    });
    expect(code.json.__type).toBe('CodeMismatchException');
    expect(code.text).not.toContain('987654');
  });

  // The fixture itself (mock.fixture) is the user's own configuration and is shown as given.
  it('shows no token, password or TOTP secret in util.inspect of the flavors, stats or readiness', async () => {
    const tokens = await mock.tokens();
    const core = mock.server.mock;
    const dumps = [
      inspect(core.services, { depth: 8, showHidden: true }),
      JSON.stringify(core.stats()),
      JSON.stringify(mock.server.readiness),
    ].join('\n');
    for (const secret of [
      tokens.RefreshToken,
      tokens.IdToken,
      tokens.AccessToken,
      MFA.totpSecret,
      DEV.password,
    ]) {
      expect(dumps).not.toContain(secret);
    }
  });
});
