import type { ClarisStudioOptions } from '../../fixture/sections/claris-server.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';

/** Longest extended password the page takes (a sanity cap, not a Claris rule). */
export const MAX_EXTENDED_PASSWORD_LENGTH = 128;

// FileMaker's advice for Data API credentials: printable ASCII, and no colon (it splits Basic).
const PRINTABLE_ASCII_NO_COLON = /^[\x20-\x39\x3b-\x7e]+$/;

/**
 * Checks a new extended account password as the Claris Studio page does; returns the message to
 * show, or `undefined` when the password is acceptable. Messages never repeat what was typed.
 * [guess] Claris does not publish its rules; these are ours, switchable in `options.clarisStudio`.
 */
export function extendedPasswordProblem(
  email: string,
  newPassword: string,
  confirmPassword: string,
  directory: ClarisIdDirectory,
  options: ClarisStudioOptions,
): string | undefined {
  if (newPassword === '' || confirmPassword === '')
    return 'Enter the new password twice: in New Password and in Confirm Password.';
  if (newPassword !== confirmPassword)
    return 'The two passwords do not match. Type the same password in both fields.';
  if (newPassword.length < options.minExtendedPasswordLength)
    return `The password is too short. Use at least ${options.minExtendedPasswordLength} characters.`;
  if (newPassword.length > MAX_EXTENDED_PASSWORD_LENGTH)
    return `The password is too long. Use at most ${MAX_EXTENDED_PASSWORD_LENGTH} characters.`;
  if (options.requirePrintableAscii && !PRINTABLE_ASCII_NO_COLON.test(newPassword))
    return 'Use only printable ASCII characters (letters, digits, punctuation, space) and no colon (:).';
  if (options.rejectClarisIdPasswordReuse && directory.checkPassword(email, newPassword))
    return 'Choose a password that is different from your Claris ID password.';
  return undefined;
}
