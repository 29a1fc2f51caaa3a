import { expect } from 'vitest';
import { type ContractHarness, renderings } from '../harness.js';
import { contractTest, requiresIdentity } from './contract-test.js';

/** No secret in any error, dump or serialisation of the strategy, its credentials or the session. */
export function secrecySuite(h: ContractHarness): void {
  const assertClean = (what: string, value: unknown) => {
    for (const text of renderings(value)) {
      for (const secret of h.options.secrets) {
        expect(text.includes(secret), `${what} contains a secret`).toBe(false);
      }
    }
  };

  contractTest(h, 'no secret in the strategy, its credentials or a logged-in session', async () => {
    const strategy = h.validStrategy();
    assertClean('the strategy', strategy);
    const { session } = h.session(strategy);
    await session.getRecords(h.layout, { limit: 1 });
    assertClean('the session', session);
    const credentials = await strategy.authenticate({
      reason: 'initial',
      api: 'data-api',
      baseUrl: new URL(h.baseUrl),
      database: h.database,
      signal: AbortSignal.timeout(30_000),
      dispatcher: (await import('undici')).getGlobalDispatcher(),
    });
    assertClean('the login credentials', credentials);
  });

  contractTest(h, 'no secret in the errors of rejected logins', async () => {
    for (const make of Object.values(h.options.rejectedStrategies)) {
      const strategy = make(h.env);
      assertClean('a rejected strategy', strategy);
      const { session } = h.session(strategy);
      const error = await session.login().then(
        () => expect.fail('the login should have been rejected'),
        (e: unknown) => e,
      );
      assertClean('a login error', error);
    }
  });

  contractTest(h, 'the strategy declares a kebab-case id and the flavors it supports', async () => {
    const strategy = h.validStrategy();
    expect(strategy.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(Array.isArray(strategy.flavors)).toBe(true);
    expect(strategy.flavors.length).toBeGreaterThan(0);
  });

  contractTest(h, 'the strategy declares the flavor of the server it is tested against', async (test) => {
    const flavor = h.flavor;
    if (!flavor) return test.skip(`the kit does not know the flavor of "${h.server}"`);
    expect(h.validStrategy().flavors).toContain(flavor);
  });

  // Core keys shared tokens by identity, so it ends up in store keys, logs and events: never a secret.
  contractTest(
    h,
    'identity, when declared, is a non-empty string that contains none of the secrets',
    async () => {
      const strategies = [
        h.validStrategy(),
        ...Object.values(h.options.rejectedStrategies).map((make) => make(h.env)),
      ];
      for (const strategy of strategies) {
        const { identity } = strategy as { readonly identity?: unknown };
        if (identity === undefined) continue;
        expect(typeof identity, `${strategy.id}'s identity`).toBe('string');
        expect((identity as string).trim()).not.toBe('');
        for (const secret of h.options.secrets) {
          expect((identity as string).includes(secret), `identity ${identity} contains a secret`).toBe(false);
        }
      }
    },
    requiresIdentity,
  );

  contractTest(
    h,
    'identity is stable: the same factory gives the same identity',
    async () => {
      const { identity } = h.validStrategy() as { readonly identity?: unknown };
      expect((h.validStrategy() as { readonly identity?: unknown }).identity).toBe(identity);
    },
    requiresIdentity,
  );
}
