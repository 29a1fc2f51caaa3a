import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';
import type { ClarisIdDirectory, ClarisIdUser } from '../../shared/claris-id-directory.js';

/** Why Claris Server refused a Claris ID email + password pair. */
export type ExtendedAccountRefusal =
  /** Unknown email, or a password that is neither the extended nor the Claris ID password. */
  | 'invalid'
  /** The user's correct plain Claris ID password, where the extended password belongs. */
  | 'claris-id-password'
  /** The Claris ID is disabled or its sign-up was never confirmed. */
  | 'inactive';

export type ExtendedAccountVerdict =
  | { readonly ok: true; readonly user: ClarisIdUser }
  | { readonly ok: false; readonly refusal: ExtendedAccountRefusal };

/**
 * The one credential rule of Claris Server, shared by its Data API, WebDirect and script schedules:
 * the Claris ID email (any case) with the extended account password the user set in Claris Studio.
 * Both passwords are always compared (in constant time), so a refusal takes the same time whichever
 * password was tried; a user who never set an extended password can only be refused.
 */
export function checkExtendedAccount(
  directory: ClarisIdDirectory,
  email: string,
  password: string,
  options: ClarisServerOptions,
): ExtendedAccountVerdict {
  const viaExtended = directory.checkExtendedPassword(email, password);
  const viaClarisId = directory.checkPassword(email, password);
  const user = viaExtended ?? (options.clarisIdPasswordLogin === 'accept' ? viaClarisId : undefined);
  if (!user) return { ok: false, refusal: viaClarisId ? 'claris-id-password' : 'invalid' };
  if (!user.enabled || !user.confirmed) return { ok: false, refusal: 'inactive' };
  return { ok: true, user };
}

/** Whether a hosted file's Claris ID account access (`clarisIdAccess`) lets this email in. */
export function hasClarisIdAccess(access: '*' | readonly string[], email: string): boolean {
  if (access === '*') return true;
  const wanted = email.trim().toLowerCase();
  return access.some((entry) => entry.trim().toLowerCase() === wanted);
}
