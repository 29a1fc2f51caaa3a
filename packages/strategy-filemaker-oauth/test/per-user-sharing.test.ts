import { createDataApiSession, memoryTokenStore } from '@fmauth/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, flow, signIn, useMock } from './helpers.js';

let mock: Awaited<ReturnType<typeof useMock>>;
beforeAll(async () => {
  mock = await useMock();
});
afterAll(() => mock.server.close());
beforeEach(() => mock.control.reset());

const fms = async () => (await mock.control.stats()).filemakerServer as Record<string, number>;

describe('one session per end user, shared across instances by the app user id', () => {
  it("a second instance reuses the user's session from the token store; another user never gets it", async () => {
    const store = memoryTokenStore();
    // Instance A completes Alice's sign-in and keeps the sealed credentials in the app's session store.
    const instanceA = flow();
    const alice = await signIn(instanceA, mock.baseUrl, ALICE);
    const sealed = instanceA.sealCredentials(await instanceA.complete(alice.state, alice.returnedUrl));
    const sessionOf = (oauth: ReturnType<typeof flow>, sealedCredentials: string, userId: string) =>
      createDataApiSession({
        baseUrl: mock.baseUrl,
        database: 'Contacts',
        strategy: oauth.strategy(oauth.openCredentials(sealedCredentials), { identity: userId }),
        tokenStore: store,
      });
    const onA = sessionOf(instanceA, sealed, 'user-alice');
    await onA.getRecords('Contacts', { limit: 1 });
    // Instance B (same stateKey, its own flow object) serves Alice's next request: no new login.
    const instanceB = flow();
    const onB = sessionOf(instanceB, sealed, 'user-alice');
    await onB.getRecords('Contacts', { limit: 1 });
    expect((await fms()).oauthLogins).toBe(1);
    // Bob, on instance B, gets his own login and his own token.
    const bob = await signIn(instanceB, mock.baseUrl, BOB);
    const bobSealed = instanceB.sealCredentials(await instanceB.complete(bob.state, bob.returnedUrl));
    const bobSession = sessionOf(instanceB, bobSealed, 'user-bob');
    await bobSession.getRecords('Contacts', { limit: 1 });
    const stats = await fms();
    expect(stats.oauthLogins).toBe(2);
    expect(stats.activeSessions).toBe(2);
    // Sign-out of Alice: close({ logout: true }) ends her shared session for every instance (a plain
    // close() leaves a shared session to the others); Bob's goes on.
    await onA.close({ logout: true });
    await onB.close();
    await bobSession.getRecords('Contacts', { limit: 1 });
    expect((await fms()).activeSessions).toBe(1);
    await bobSession.close({ logout: true });
    expect((await fms()).activeSessions).toBe(0);
  });
});
