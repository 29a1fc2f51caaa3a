import { createDataApiSession } from '@fmauth/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../src/index.js';
import { ALICE, EVE, flow, signIn, useMock } from './helpers.js';

let mock: Awaited<ReturnType<typeof useMock>>;
beforeAll(async () => {
  mock = await useMock();
});
afterAll(() => mock.server.close());
beforeEach(() => mock.control.reset());

const fms = async () => (await mock.control.stats()).filemakerServer as Record<string, number>;

async function sessionFor(user = ALICE) {
  const oauth = flow();
  const done = await signIn(oauth, mock.baseUrl, user);
  const credentials = await oauth.complete(done.state, done.returnedUrl);
  return createDataApiSession({
    baseUrl: mock.baseUrl,
    database: 'Contacts',
    strategy: oauth.strategy(credentials),
  });
}

describe("the mock's [guess] switches the strategy must survive", () => {
  it('single-use identifiers: the re-login after the session ends is refused once, then SignInRequiredError', async () => {
    await mock.control.setOptions({ oauth: { identifierUse: 'single-use' } });
    const session = await sessionFor();
    await session.getRecords('Contacts', { limit: 1 });
    await mock.control.expireSessions();
    const error = await session.getRecords('Contacts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).reason).toBe('expired-or-revoked');
    await session.getRecords('Contacts').catch(() => {});
    expect((await fms()).failedOAuthLogins).toBe(1);
    await session.close();
  });

  it('refused OAuth logins answered with 952 instead of 212: one refused login, then SignInRequiredError', async () => {
    await mock.control.setOptions({ oauth: { loginErrorCode: '952' } });
    const session = await sessionFor(EVE);
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await session.getRecords('Contacts').catch((e: unknown) => e));
    for (const error of errors) expect(error).toBeInstanceOf(SignInRequiredError);
    const stats = await fms();
    expect(stats.oauthLogins).toBe(0);
    // No loop: the strategy remembers the refusal, so later calls never reach the server.
    expect(stats.failedOAuthLogins).toBe(1);
    await session.close();
  });

  it('unmappedUser "redirect": the refusal comes back at the return URL as error, typed', async () => {
    await mock.control.setOptions({ oauth: { unmappedUser: 'redirect' } });
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, EVE);
    const error = await oauth.complete(done.state, done.returnedUrl).catch((e: unknown) => e);
    expect((error as { failure?: string }).failure).toBe('provider-error');
    expect((await fms()).oauthLogins).toBe(0);
  });
});
