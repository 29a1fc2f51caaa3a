import { type AuthStrategy, basicAuthorization, type LoginCredentials } from '@fmauth/core';
import { assertClarisServerOptions, type ClarisServerOptions } from './assert-options.js';
import { CLARIS_SERVER_HINTS } from './hints.js';

/**
 * Logs in to a Claris Server's Data API with a Claris ID email and that user's **extended account
 * password** (HTTP Basic). Claris Server refuses the plain Claris ID password; when a login is refused,
 * the `InvalidCredentialsError` says so and where the user sets the extended password (Claris Studio:
 * Account > Extended Account).
 *
 * Checks its options up front and throws a `TypeError` (`ERR_INVALID_ARG_*`) for a missing or malformed
 * email, an empty password, or a `password` option (the Claris ID password has no place here). Does
 * no I/O.
 *
 * @example
 * import { createDataApiSession } from '@fmauth/core';
 * import { clarisServer } from '@fmauth/strategy-claris-server';
 *
 * const session = createDataApiSession({
 *   baseUrl: 'https://claris.example.com',
 *   database: 'Contacts',
 *   strategy: clarisServer({
 *     clarisId: 'dev@example.com',
 *     extendedPassword: process.env.CLARIS_EXTENDED_PASSWORD!,
 *   }),
 * });
 */
export function clarisServer(options: ClarisServerOptions): AuthStrategy {
  assertClarisServerOptions(options);
  const { clarisId, extendedPassword } = options;
  // Computed once and closed over: neither password nor header is a property of the strategy object.
  const credentials: LoginCredentials = Object.freeze({
    authorization: basicAuthorization(clarisId, extendedPassword),
  });
  return Object.freeze({
    id: 'claris-server',
    flavors: Object.freeze(['claris-server'] as const),
    // Claris IDs are email addresses, which are case-insensitive: one account, one shared token.
    identity: clarisId.toLowerCase(),
    hints: CLARIS_SERVER_HINTS,
    authenticate: () => credentials,
  });
}
