import { createDataApiSession, InvalidCredentialsError } from '@fmauth/core';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clarisServer, EXTENDED_PASSWORD_ADVICE } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.mock.reset());

const stats = () => server.mock.stats().clarisServer as Record<string, number>;

async function loginError(clarisId: string, extendedPassword: string): Promise<InvalidCredentialsError> {
  const session = createDataApiSession({
    baseUrl: server.endpoints.clarisServer as string,
    database: 'Contacts',
    strategy: clarisServer({ clarisId, extendedPassword }),
  });
  try {
    const error = await session.login().then(
      () => expect.fail('the login should have been refused'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    return error as InvalidCredentialsError;
  } finally {
    await session.close();
  }
}

describe('the plain Claris ID password on Claris Server', () => {
  it('is refused with 401 / 212 and counted by the mock as rejectedClarisIdPasswords', async () => {
    const error = await loginError('dev@example.com', 'ClarisID-pass-1');
    expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS', status: 401, fmCode: '212' });
    expect(error.strategyId).toBe('claris-server');
    expect(stats()).toMatchObject({ rejectedClarisIdPasswords: 1, failedLogins: 1, successfulLogins: 0 });
  });

  it('the error says, in plain words, to use the extended account password and where to set it', async () => {
    const error = await loginError('dev@example.com', 'ClarisID-pass-1');
    expect(error.hint).toBe(EXTENDED_PASSWORD_ADVICE);
    // In the message itself, so a bare `console.error(error.message)` shows it too.
    expect(error.message).toContain(
      'Hint: Claris Server needs the extended account password, not the Claris ID password.',
    );
    expect(error.message).toContain(
      'Claris Studio (sign in with the Claris ID, then Account > Extended Account)',
    );
    expect(error.message).toContain('WebDirect');
    expect(error.message).toContain('server script schedules');
    expect(error.message).toContain('detectServerFlavor');
    expect(error.message).not.toContain('ClarisID-pass-1');
  });

  it('is the same advice for a wrong extended password, which the mock does not count as a Claris ID password', async () => {
    const error = await loginError('dev@example.com', 'Wrong-extended-9');
    expect(error.hint).toBe(EXTENDED_PASSWORD_ADVICE);
    expect(stats()).toMatchObject({ rejectedClarisIdPasswords: 0, failedLogins: 1 });
  });

  it('a Claris ID written in another case still logs in with the extended password', async () => {
    const session = createDataApiSession({
      baseUrl: server.endpoints.clarisServer as string,
      database: 'Contacts',
      strategy: clarisServer({ clarisId: 'DEV@Example.COM', extendedPassword: 'Extended-pass-1' }),
    });
    const { data } = await session.getRecords('Contacts', { limit: 1 });
    expect(data).toHaveLength(1);
    await session.close();
    expect(stats()).toMatchObject({ successfulLogins: 1, rejectedClarisIdPasswords: 0 });
  });
});
