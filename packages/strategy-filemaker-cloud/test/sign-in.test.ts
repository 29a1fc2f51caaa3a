import { InvalidCredentialsError } from '@fmauth/core';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent } from '../src/index.js';
import { authContext, DEV, rejectionOf, useCloudMock } from './support/cloud-mock.js';

describe('Claris ID sign-in (USER_SRP_AUTH) and the FMID login', () => {
  const mock = useCloudMock();

  it('signs in with SRP and FileMaker Cloud accepts the ID token as FMID', async () => {
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({ onEvent: (event) => events.push(event) });
    const session = mock.session(strategy);
    const { data } = await session.getRecords('Contacts', { limit: 2 });
    expect(data).toHaveLength(2);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, failedSignIns: 0, refreshes: 0 });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 1, failedLogins: 0 });
    expect(events).toEqual([
      expect.objectContaining({ type: 'signed-in', method: 'srp', challenges: [], lifetimeMs: 3_600_000 }),
    ]);
  });

  it('hands core "FMID <ID token>" and validUntil a few minutes before the token expires', async () => {
    const strategy = mock.strategy();
    const before = Date.now();
    const credentials = await strategy.authenticate(authContext());
    const header = credentials.authorization?.reveal() ?? '';
    expect(header).toMatch(/^FMID [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = decodeJwt(header.slice('FMID '.length));
    expect(claims).toMatchObject({ token_use: 'id', aud: mock.pool.clientId, email: DEV.clarisId });
    // 60-minute token, 5-minute default skew.
    const validFor = (credentials.validUntil ?? 0) - before;
    expect(validFor).toBeGreaterThan(54 * 60_000);
    expect(validFor).toBeLessThanOrEqual(55 * 60_000 + 1_000);
  });

  it('reuses the ID token: a second session signs in to FileMaker Cloud without a new Cognito sign-in', async () => {
    const strategy = mock.strategy();
    await mock.session(strategy).getRecords('Contacts', { limit: 1 });
    await mock.session(strategy).getRecords('Contacts', { limit: 1 });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 0 });
    expect(await mock.cloudStats()).toMatchObject({ successfulLogins: 2 });
  });

  it('accepts username as an alias of clarisId, and a differently cased email', async () => {
    const strategy = mock.strategy({ clarisId: undefined, username: 'Dev@Example.com' });
    await expect(strategy.authenticate(authContext())).resolves.toHaveProperty('authorization');
  });

  it('refuses a wrong password with InvalidCredentialsError that names neither the email nor the password', async () => {
    const strategy = mock.strategy({ password: 'not-the-password' });
    const error = await rejectionOf(mock.session(strategy).login());
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    const typed = error as InvalidCredentialsError;
    expect(typed).toMatchObject({
      code: 'FMAUTH_INVALID_CREDENTIALS',
      strategyId: 'filemaker-cloud',
      status: 400,
    });
    expect(typed.endpoint).toBe('Cognito RespondToAuthChallenge (PASSWORD_VERIFIER)');
    expect(typed.message).toContain('external identity provider');
    expect(typed.message).not.toMatch(
      /password (is|was) (wrong|incorrect)|unknown (user|email)|does not exist/i,
    );
    expect(await mock.cloudStats()).toMatchObject({ requests: 0 });
    expect(await mock.cognitoStats()).toMatchObject({ failedSignIns: 1 });
  });

  it('refuses an unknown Claris ID with exactly the same message as a wrong password', async () => {
    const wrongPassword = await rejectionOf(
      mock.strategy({ password: 'nope-1' }).authenticate(authContext()),
    );
    const unknownUser = await rejectionOf(
      mock.strategy({ clarisId: 'nobody@example.com', password: 'nope-1' }).authenticate(authContext()),
    );
    expect(unknownUser).toBeInstanceOf(InvalidCredentialsError);
    expect((unknownUser as Error).message).toBe((wrongPassword as Error).message);
    // The mock answers LEGACY-style (UserNotFoundException at InitiateAuth); the caller cannot tell.
    expect((unknownUser as InvalidCredentialsError).endpoint).toBe('Cognito InitiateAuth (USER_SRP_AUTH)');
  });

  it('works the same when the pool hides unknown users behind a fake challenge', async () => {
    await mock.control.setOptions({ cognito: { preventUserExistenceErrors: true } });
    const error = await rejectionOf(
      mock.strategy({ clarisId: 'nobody@example.com', password: 'nope-1' }).authenticate(authContext()),
    );
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as InvalidCredentialsError).endpoint).toBe(
      'Cognito RespondToAuthChallenge (PASSWORD_VERIFIER)',
    );
  });

  it('signs in when USER_ID_FOR_SRP is the email rather than a sub', async () => {
    await mock.control.setOptions({ cognito: { userIdForSrp: 'email' } });
    await expect(mock.session(mock.strategy()).getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({
      data: [{}],
    });
  });
});
