import { assertBasicCredentials, InvalidArgumentError, type Secret } from '@fmauth/core';

/** Options of {@link clarisServer}. */
export interface ClarisServerOptions {
  /**
   * The Claris ID: the email address the user signs in to Claris with. Claris Server compares it
   * without regard to case.
   * @example 'dev@example.com'
   */
  readonly clarisId: string;
  /**
   * The user's **extended account password**, which they set by hand in Claris Studio (Account >
   * Extended Account). Not the Claris ID password: Claris Server refuses that. The same extended
   * password serves Claris Server WebDirect and server script schedules. A string or a `Secret`; never
   * printed.
   * @example process.env.CLARIS_EXTENDED_PASSWORD
   */
  readonly extendedPassword: string | Secret<string>;
}

const PLAIN_PASSWORD_KEYS = ['password', 'clarisIdPassword', 'clarisPassword'] as const;
const USER_NAME_KEYS = ['username', 'email', 'user', 'account'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks {@link ClarisServerOptions} synchronously. Options named like the usual mistakes (`password`,
 * `username`) are refused with an explanation rather than ignored. Messages never echo a value: a
 * password passed in the wrong field must not end up in a log.
 */
export function assertClarisServerOptions(options: unknown): asserts options is ClarisServerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'clarisServer needs { clarisId, extendedPassword }: the Claris ID email and the extended account password set in Claris Studio',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const given = options as Record<string, unknown>;
  const plain = PLAIN_PASSWORD_KEYS.find((key) => key in given);
  if (plain !== undefined) {
    throw new InvalidArgumentError(
      `clarisServer takes no "${plain}" option: Claris Server refuses the Claris ID password on the Data API. Pass the user's extended account password as "extendedPassword". It is a separate password the user sets in Claris Studio (Account > Extended Account), also used for WebDirect and server script schedules.`,
    );
  }
  const userKey = USER_NAME_KEYS.find((key) => key in given);
  if (userKey !== undefined) {
    throw new InvalidArgumentError(
      `clarisServer takes no "${userKey}" option: pass the Claris ID email as "clarisId".`,
    );
  }
  const { clarisId, extendedPassword } = given;
  if (extendedPassword === undefined) {
    throw new InvalidArgumentError(
      '"extendedPassword" is required: the extended account password the user set in Claris Studio (Account > Extended Account), not the Claris ID password',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  assertBasicCredentials(clarisId, extendedPassword, { username: 'clarisId', password: 'extendedPassword' });
  if (!EMAIL.test(clarisId)) {
    throw new InvalidArgumentError(
      '"clarisId" must be the Claris ID email address, like dev@example.com, without spaces: Claris Server logs in Claris IDs by email, not by a FileMaker account name',
    );
  }
}
