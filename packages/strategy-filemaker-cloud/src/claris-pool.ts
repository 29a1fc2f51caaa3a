/** The Cognito user pool a Claris ID signs in to, and the app client that signs in. */
export interface ClarisUserPool {
  /** `<region>_<id>`, e.g. `us-west-2_NqkuZcXQY`. SRP hashes the part after the underscore. */
  readonly userPoolId: string;
  /** The pool's app client id. Claris's client has no secret. */
  readonly clientId: string;
  /** AWS region of the pool, e.g. `us-west-2`. */
  readonly region: string;
}

/**
 * Claris's published Claris ID pool, as its user-pool JSON endpoint returns it and as other FileMaker
 * clients hard-code it. Used unless overridden with the `pool` option or found by discovery.
 */
export const CLARIS_USER_POOL: ClarisUserPool = Object.freeze({
  userPoolId: 'us-west-2_NqkuZcXQY',
  clientId: '4l9rvl4mv5es1eep1qe97cautn',
  region: 'us-west-2',
});

/** Claris's user-pool discovery endpoint (FileMaker Cloud help, "Create an FMID token"). */
export const CLARIS_USER_POOL_DISCOVERY_URL =
  'https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json';

// The shapes Cognito accepts: UserPoolId `^[\w-]+_[0-9a-zA-Z]+$` (55 chars max), ClientId `[\w+]+`.
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isUserPoolId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 55 && USER_POOL_ID.test(value);
}

export function isClientId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 128 && CLIENT_ID.test(value);
}

export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && REGION.test(value);
}

/** The region a pool lives in is the part of its id before the underscore. */
export function regionOfPool(userPoolId: string): string {
  return userPoolId.slice(0, userPoolId.indexOf('_'));
}
