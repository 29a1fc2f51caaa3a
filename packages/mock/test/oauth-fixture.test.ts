import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, FixtureError, parseFixture } from '../src/index.js';

function withOAuth(change: (fixture: typeof DEFAULT_FIXTURE) => void) {
  const fixture = structuredClone(DEFAULT_FIXTURE);
  change(fixture);
  return () => parseFixture(fixture);
}

function problems(parse: () => unknown): readonly string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof FixtureError) return error.problems;
    throw error;
  }
  throw new Error('the fixture was accepted');
}

describe('the OAuth part of a fixture', () => {
  it('fills in defaults: ProviderID 8, a client id from the name, the OIDC scope, no groups', () => {
    const fixture = parseFixture({
      databases: [{ ...DEFAULT_FIXTURE.databases[0], oauthAccounts: [] }],
      oauth: {
        providers: [{ name: 'Keycloak' }],
        users: [{ username: 'u', password: 'p', email: 'u@x.example' }],
      },
    });
    expect(fixture.oauth.providers[0]).toEqual({
      name: 'Keycloak',
      providerId: 8,
      scope: 'openid email profile',
      enabled: true,
    });
    expect(fixture.oauth.users[0]?.groups).toEqual([]);
    expect(fixture.options.oauth).toMatchObject({ identifierLifetimeMinutes: 5, identifierUse: 'reusable' });
  });

  it('is optional: a fixture without it has no providers and no OAuth accounts', () => {
    const fixture = parseFixture({
      databases: [{ ...DEFAULT_FIXTURE.databases[0], oauthAccounts: undefined }],
    });
    expect(fixture.oauth).toEqual({ providers: [], users: [] });
    expect(fixture.databases[0]?.oauthAccounts).toEqual([]);
  });

  it('names, without values, an account of an unknown provider and duplicate names', () => {
    const found = problems(
      withOAuth((f) => {
        f.databases[0]!.oauthAccounts = [{ provider: 'Okta', kind: 'user', name: 'secret-user' }];
        f.oauth!.users!.push({
          username: 'ALICE@acme.example',
          password: 'Dup-secret-9',
          email: 'a@x.example',
        });
        f.oauth!.providers!.push({ name: 'acme' });
      }),
    );
    expect(found).toContain('databases[0].oauthAccounts[0].provider: not one of oauth.providers');
    expect(found).toContain('oauth.users[3]: duplicate IdP user name (case aside)');
    expect(found).toContain('oauth.providers[2]: duplicate provider name (case aside)');
    expect(found.join('\n')).not.toContain('Dup-secret-9');
    expect(found.join('\n')).not.toContain('secret-user');
  });

  it('refuses an unknown account kind and a ProviderID outside 2–9', () => {
    const found = problems(
      withOAuth((f) => {
        f.databases[0]!.oauthAccounts = [{ provider: 'Acme', kind: 'team' as 'user', name: 'x' }];
        f.oauth!.providers![0]!.providerId = 1;
      }),
    );
    expect(found.some((p) => p.startsWith('databases[0].oauthAccounts[0].kind'))).toBe(true);
    expect(found.some((p) => p.startsWith('oauth.providers[0].providerId'))).toBe(true);
  });
});
