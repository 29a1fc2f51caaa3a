// The custom strategy from @fmauth/core's README ("A complete custom strategy"), verbatim in spirit:
// a third party's code, built only on core's public API.
import {
  type AuthStrategy,
  assertNonEmptyString,
  basicAuthorization,
  type LoginCredentials,
} from '@fmauth/core';

export interface VaultStrategyOptions {
  readonly secretPath: string;
  readonly readSecret: (path: string, signal: AbortSignal) => Promise<{ username: string; password: string }>;
  readonly cacheMs?: number;
}

export function vaultStrategy(options: VaultStrategyOptions): AuthStrategy {
  assertNonEmptyString(options.secretPath, 'secretPath');
  const cacheMs = options.cacheMs ?? 300_000;
  let cached: { credentials: LoginCredentials; until: number } | undefined;
  const strategy: AuthStrategy = {
    id: 'vault',
    flavors: ['filemaker-server'],
    hints: { FMAUTH_INVALID_CREDENTIALS: `Check the account stored at ${options.secretPath} in the vault.` },
    async authenticate(ctx) {
      if (cached && Date.now() < cached.until) return cached.credentials;
      const { username, password } = await options.readSecret(options.secretPath, ctx.signal);
      const credentials = { authorization: basicAuthorization(username, password) };
      cached = { credentials, until: Date.now() + cacheMs };
      return credentials;
    },
    invalidate() {
      cached = undefined;
    },
  };
  return Object.freeze(strategy);
}
