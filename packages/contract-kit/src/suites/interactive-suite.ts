import { type AuthStrategy, isFmAuthError } from '@fmauth/core';
import { describe, expect } from 'vitest';
import { type ContractHarness, renderings } from '../harness.js';
import { driveBrowserLeg, type TestUser } from '../interactive/browser-leg.js';
import type { InteractiveContractOptions } from '../interactive/interactive-options.js';
import { contractTest } from './contract-test.js';

interface Finished {
  readonly returnedUrl: URL;
  readonly secrets: string[];
  readonly complete: (returnedUrl: URL) => Promise<AuthStrategy>;
}

/** Every value of the return URL's query: request-bound values a strategy must never print. */
function queryValues(url: URL): string[] {
  return [...url.searchParams.values()].filter((value) => value.length >= 8);
}

/**
 * The browser leg of an interactive strategy over plain HTTP: sign in, deny, cross or replay returns,
 * a user without an account. Every rejection must be a typed `FmAuthError`, open no session, and a
 * refused sign-in must end after at most one retry per call (never a loop).
 */
export function interactiveSuite(h: ContractHarness, interactive: InteractiveContractOptions): void {
  const signIn = async (user: TestUser, decision: 'approve' | 'deny' = 'approve'): Promise<Finished> => {
    const started = await interactive.begin(h.env);
    const leg = await driveBrowserLeg({
      authorizationUrl: started.authorizationUrl,
      returnUrl: started.returnUrl,
      user,
      decision,
    });
    return {
      returnedUrl: leg.returnedUrl,
      secrets: queryValues(leg.returnedUrl),
      complete: started.complete,
    };
  };
  const assertClean = (what: string, value: unknown, secrets: readonly string[]) => {
    for (const text of renderings(value)) {
      for (const secret of [...secrets, ...(h.options.secrets ?? [])]) {
        expect(text.includes(secret), `${what} contains a secret`).toBe(false);
      }
    }
  };
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('this should have been refused'),
      (e: unknown) => e,
    );

  describe('interactive sign-in', () => {
    contractTest(h, 'the browser leg ends at the return URL and its strategy logs in', async () => {
      const done = await signIn(interactive.user);
      const strategy = await done.complete(done.returnedUrl);
      const { session } = h.session(strategy);
      const { data } = await session.getRecords(h.layout, { limit: 1 });
      expect(data.length).toBeGreaterThan(0);
      expect((await h.stats()).successfulLogins).toBe(1);
      assertClean('the strategy', strategy, done.secrets);
      assertClean('the session', session, done.secrets);
    });

    contractTest(h, 'two sign-ins get two sessions, and ending one leaves the other', async () => {
      const first = await signIn(interactive.user);
      const second = await signIn(interactive.secondUser ?? interactive.user);
      const a = h.session(await first.complete(first.returnedUrl)).session;
      const b = h.session(await second.complete(second.returnedUrl)).session;
      await Promise.all([a.getRecords(h.layout, { limit: 1 }), b.getRecords(h.layout, { limit: 1 })]);
      expect((await h.stats()).successfulLogins).toBe(2);
      await a.close();
      await b.getRecords(h.layout, { limit: 1 });
      expect((await h.stats()).successfulLogins).toBe(2);
    });

    contractTest(h, 'a denied sign-in is a typed error and opens no session', async () => {
      const done = await signIn(interactive.user, 'deny');
      const error = await rejection(done.complete(done.returnedUrl));
      expect(isFmAuthError(error)).toBe(true);
      assertClean('the error', error, done.secrets);
      expect((await h.stats()).successfulLogins).toBe(0);
    });

    contractTest(h, "one sign-in's return does not complete another", async () => {
      const mine = await interactive.begin(h.env);
      const theirs = await signIn(interactive.user);
      const error = await rejection(mine.complete(theirs.returnedUrl));
      expect(isFmAuthError(error)).toBe(true);
      assertClean('the error', error, theirs.secrets);
      expect((await h.stats()).successfulLogins).toBe(0);
    });

    contractTest(h, 'a replayed return URL is refused', async () => {
      const done = await signIn(interactive.user);
      await done.complete(done.returnedUrl);
      const error = await rejection(done.complete(done.returnedUrl));
      expect(isFmAuthError(error)).toBe(true);
      assertClean('the error', error, done.secrets);
    });

    contractTest(
      h,
      'a user without an account gets a typed error, at most one retry per call, no loop',
      async (test) => {
        if (!interactive.unmappedUser) return test.skip('no unmappedUser given');
        const done = await signIn(interactive.unmappedUser);
        let strategy: AuthStrategy;
        try {
          strategy = await done.complete(done.returnedUrl);
        } catch (error) {
          // Refused already at the return URL: as good, when typed.
          expect(isFmAuthError(error)).toBe(true);
          return;
        }
        const { session } = h.session(strategy);
        for (let call = 1; call <= 3; call++) {
          const error = await rejection(session.getRecords(h.layout, { limit: 1 }));
          expect(isFmAuthError(error)).toBe(true);
          expect((error as { code: string }).code).toBe('FMAUTH_INVALID_CREDENTIALS');
          assertClean('the error', error, done.secrets);
          const stats = await h.stats();
          expect(stats.successfulLogins).toBe(0);
          expect(stats.failedLogins).toBeLessThanOrEqual(2 * call);
        }
      },
    );
  });
}
