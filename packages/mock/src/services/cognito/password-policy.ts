/**
 * Cognito's default password policy (8 characters, upper and lower case, a digit, a symbol), with
 * the service's messages. `undefined` when the password conforms.
 */
export function passwordPolicyProblem(password: string): string | undefined {
  const prefix = 'Password does not conform to policy: ';
  if (password.length < 8) return `${prefix}Password not long enough`;
  if (password.length > 256) return `${prefix}Password too long`;
  if (!/[A-Z]/.test(password)) return `${prefix}Password must have uppercase characters`;
  if (!/[a-z]/.test(password)) return `${prefix}Password must have lowercase characters`;
  if (!/\d/.test(password)) return `${prefix}Password must have numeric characters`;
  if (!/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password))
    return `${prefix}Password must have symbol characters`;
  return undefined;
}
