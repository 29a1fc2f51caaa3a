import type { CognitoOptions } from '../../fixture/sections/cloud.js';
import type { ClarisIdDirectory, ClarisIdUser } from '../../shared/claris-id-directory.js';
import { COGNITO_MESSAGES, CognitoError, notAuthorized } from './cognito-errors.js';

/** The user a USERNAME names: by email (case-insensitive, as Claris IDs are) or by `sub`. */
export function findUser(users: ClarisIdDirectory, username: string): ClarisIdUser | undefined {
  const byEmail = users.find(username);
  if (byEmail) return byEmail;
  const id = username.trim().toLowerCase();
  return users.all().find((user) => user.sub === id);
}

/** The user's Cognito username: USER_ID_FOR_SRP, `cognito:username`, the access token's `username`. */
export function usernameOf(user: ClarisIdUser, options: CognitoOptions): string {
  return options.userIdForSrp === 'email' ? user.email : user.sub;
}

/** Account states that stop a sign-in once the user is known: disabled, reset, unconfirmed. */
export function assertCanSignIn(user: ClarisIdUser): void {
  if (!user.enabled) throw notAuthorized(COGNITO_MESSAGES.userDisabled);
  if (user.passwordResetRequired) {
    throw new CognitoError('PasswordResetRequiredException', COGNITO_MESSAGES.passwordResetRequired);
  }
  if (!user.confirmed) throw new CognitoError('UserNotConfirmedException', COGNITO_MESSAGES.userNotConfirmed);
}

/** The standard attributes the pool reports (ID token claims, GetUser, NEW_PASSWORD_REQUIRED). */
export function userAttributes(user: ClarisIdUser): Record<string, string> {
  const attributes: Record<string, string> = { sub: user.sub, email_verified: 'true', email: user.email };
  if (user.name !== undefined) attributes.name = user.name;
  return attributes;
}
