import type { OAuthAccountFixture, OAuthProviderFixture } from '../../fixture/sections/oauth.js';
import type { IdpProfile } from './idp-state.js';

/**
 * The file account an IdP user signs in as: a **user** account of the provider with the user's name
 * first, else a **group** account of the provider for one of the user's groups (in the file's order).
 * Names compare case-insensitively. `undefined`: the user has no account in this file.
 */
export function matchOAuthAccount(
  accounts: readonly OAuthAccountFixture[],
  provider: OAuthProviderFixture,
  profile: IdpProfile,
): OAuthAccountFixture | undefined {
  const providerName = provider.name.toLowerCase();
  const ofProvider = accounts.filter((account) => account.provider.toLowerCase() === providerName);
  const username = profile.username.toLowerCase();
  const byName = ofProvider.find((a) => a.kind === 'user' && a.name.toLowerCase() === username);
  if (byName) return byName;
  const groups = new Set(profile.groups.map((group) => group.toLowerCase()));
  return ofProvider.find((a) => a.kind === 'group' && groups.has(a.name.toLowerCase()));
}
