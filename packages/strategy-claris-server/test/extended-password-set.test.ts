import { createDataApiSession, InvalidCredentialsError } from '@fmauth/core';
import { type MockControl, type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clarisServer } from '../src/index.js';

let server: MockServer;
let control: MockControl;
beforeAll(async () => {
  server = await startMockServer();
  control = mockControl(server.endpoints.control as string);
});
afterAll(() => server.close());
beforeEach(() => control.reset());

function sessionFor(clarisId: string, extendedPassword: string) {
  return createDataApiSession({
    baseUrl: server.endpoints.clarisServer as string,
    database: 'Contacts',
    strategy: clarisServer({ clarisId, extendedPassword }),
  });
}

async function canLogIn(clarisId: string, extendedPassword: string): Promise<boolean> {
  const session = sessionFor(clarisId, extendedPassword);
  try {
    await session.login();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    return false;
  } finally {
    await session.close();
  }
}

/** The mock's CI shortcut for Claris Studio's Account > Extended Account page. */
const setExtendedPassword = (email: string, extendedPassword: string) =>
  control.call('POST', '/claris-id/extended-password', { email, extendedPassword });

describe('a user who sets an extended password', () => {
  it('cannot log in before setting one, with either password', async () => {
    expect(await canLogIn('new@example.com', 'ClarisID-pass-2')).toBe(false);
    expect(await canLogIn('new@example.com', 'New-extended-1')).toBe(false);
    expect((server.mock.stats().clarisServer as Record<string, number>).rejectedClarisIdPasswords).toBe(1);
  });

  it('can log in and read records once it is set', async () => {
    await setExtendedPassword('new@example.com', 'New-extended-1');
    const session = sessionFor('new@example.com', 'New-extended-1');
    const { data } = await session.getRecords('Contacts', { limit: 2 });
    expect(data).toHaveLength(2);
    await session.close();
    // The Claris ID password is still refused.
    expect(await canLogIn('new@example.com', 'ClarisID-pass-2')).toBe(false);
  });

  it('a changed extended password replaces the old one', async () => {
    await setExtendedPassword('dev@example.com', 'Changed-extended-2');
    expect(await canLogIn('dev@example.com', 'Extended-pass-1')).toBe(false);
    expect(await canLogIn('dev@example.com', 'Changed-extended-2')).toBe(true);
  });

  it('a running session whose password was changed fails its re-login with the advice', async () => {
    const old = sessionFor('dev@example.com', 'Extended-pass-1');
    await old.getRecords('Contacts', { limit: 1 });
    await setExtendedPassword('dev@example.com', 'Changed-extended-2');
    await control.expireSessions();
    const error = await old.getRecords('Contacts', { limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as InvalidCredentialsError).message).toContain('extended account password');
    await old.close();
  });
});
