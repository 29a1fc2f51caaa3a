// A strategy as a third party would publish it: FileMaker account credentials resolved from a
// function the app provides (a secrets manager, a vault, a config service), on every login, so a
// rotated password is picked up at the next login without a restart.
import { type AuthStrategy, basicAuthorization, type LoginCredentials } from '@fmauth/core';

export interface ResolvedAccountOptions {
  /** The account name; also the strategy's identity for shared token stores. */
  readonly username: string;
  /** Returns the current password (called once per login, never cached here). */
  readonly password: () => string | Promise<string>;
}

export function resolvedAccount(options: ResolvedAccountOptions): AuthStrategy {
  return {
    id: 'acme-resolved-account',
    flavors: ['filemaker-server'],
    identity: options.username,
    async authenticate(): Promise<LoginCredentials> {
      return { authorization: basicAuthorization(options.username, await options.password()) };
    },
  };
}
