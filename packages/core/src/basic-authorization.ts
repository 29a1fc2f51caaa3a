import { assertNonEmptyString, InvalidArgumentError } from './invalid-argument.js';
import { isSecret, Secret } from './secret.js';

/**
 * Checks an account name and password for HTTP Basic up front, so a typo fails at construction with a
 * clear `TypeError` instead of as a confusing 401 later. FileMaker asks for no colons in account names
 * (Basic splits `name:password` at the first colon); a colon in the password is fine.
 */
export function assertBasicCredentials(
  username: unknown,
  password: unknown,
  names: { readonly username: string; readonly password: string },
): asserts username is string {
  assertNonEmptyString(username, names.username);
  if (username.includes(':')) {
    throw new InvalidArgumentError(`"${names.username}" must not contain a colon (HTTP Basic splits on it)`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we reject.
  if (/[\u0000-\u001f\u007f]/.test(username)) {
    throw new InvalidArgumentError(`"${names.username}" must not contain control characters`);
  }
  const plain = isSecret(password) ? password.reveal() : password;
  if (typeof plain !== 'string') {
    throw new InvalidArgumentError(
      `"${names.password}" must be a string or a Secret<string>`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  if (plain.length === 0) throw new InvalidArgumentError(`"${names.password}" must be a non-empty string`);
}

/** `Basic base64(utf8(username:password))`, wrapped in a {@link Secret}. */
export function basicAuthorization(username: string, password: string | Secret<string>): Secret<string> {
  const plain = isSecret(password) ? password.reveal() : password;
  return new Secret(`Basic ${Buffer.from(`${username}:${plain}`, 'utf8').toString('base64')}`);
}
