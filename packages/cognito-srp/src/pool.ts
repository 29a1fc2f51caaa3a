import { invalidArgValue } from './errors.js';

// identity-js's CognitoUserPool check; the 55-character cap is the API's UserPoolId limit.
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

/**
 * The pool name that SRP hashes: the part of a user pool ID after the underscore
 * (`us-east-1_AbC123` → `AbC123`).
 *
 * @throws TypeError with code `ERR_INVALID_ARG_VALUE` if the ID is not shaped like `<region>_<id>`.
 */
export function poolNameOf(userPoolId: string): string {
  if (typeof userPoolId !== 'string' || userPoolId.length > 55 || !USER_POOL_ID.test(userPoolId)) {
    throw invalidArgValue('userPoolId must look like "us-east-1_AbC123"');
  }
  // identity-js, pycognito and the Go client all take split('_')[1]; match them even for an ID
  // with a second underscore (which the regex lets through).
  return userPoolId.split('_')[1] ?? '';
}
