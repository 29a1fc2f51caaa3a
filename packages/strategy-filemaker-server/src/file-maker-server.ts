import {
  type AuthStrategy,
  assertBasicCredentials,
  basicAuthorization,
  InvalidArgumentError,
  type LoginCredentials,
  type Secret,
} from '@fmauth/core';

/** Options of {@link fileMakerServer}. */
export interface FileMakerServerOptions {
  /**
   * The FileMaker account name: an internal account of the hosted file, or an external account
   * authenticated by the server's directory. No colons.
   * @example 'api-user'
   */
  readonly username: string;
  /** The account's password, as a string or a `Secret`. Never printed. */
  readonly password: string | Secret<string>;
}

const HINTS = Object.freeze({
  FMAUTH_INVALID_CREDENTIALS:
    'Check the account name and password of the hosted file (names are not case-sensitive, passwords are), that the account is active, and that its privilege set includes the fmrest extended privilege ("Access via FileMaker Data API"). A FileMaker Cloud server needs @fmauth/strategy-filemaker-cloud (Claris ID) instead, and a Claris Server needs @fmauth/strategy-claris-server (extended account password). Not sure which the server is? detectServerFlavor(baseUrl) from @fmauth/core tells you.',
});

/**
 * Logs in to FileMaker Server's Data API with a FileMaker account name and password (HTTP Basic).
 * Checks both up front and throws a `TypeError` for an empty value or a colon in the account name.
 *
 * @example
 * const session = createDataApiSession({
 *   baseUrl: 'https://fms.example.com',
 *   database: 'Contacts',
 *   strategy: fileMakerServer({ username: 'api-user', password: process.env.FM_PASSWORD! }),
 * });
 */
export function fileMakerServer(options: FileMakerServerOptions): AuthStrategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('fileMakerServer needs { username, password }', 'ERR_INVALID_ARG_TYPE');
  }
  const { username, password } = options;
  assertBasicCredentials(username, password, { username: 'username', password: 'password' });
  // Computed once and closed over: the password is never a property of the strategy object.
  const credentials: LoginCredentials = Object.freeze({
    authorization: basicAuthorization(username, password),
  });
  return Object.freeze({
    id: 'filemaker-server',
    flavors: Object.freeze(['filemaker-server'] as const),
    // Kept exactly as given: FileMaker matches account names case-insensitively, but an external
    // (directory) account may not, and two spellings only cost a second login, never a wrong share.
    identity: username,
    hints: HINTS,
    authenticate: () => credentials,
  });
}
