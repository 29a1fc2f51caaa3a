// Public API of @fmauth/strategy-filemaker-cloud. Anything not exported here is internal.

export {
  CLARIS_USER_POOL,
  CLARIS_USER_POOL_DISCOVERY_URL,
  type ClarisUserPool,
} from './claris-pool.js';
export type { FileMakerCloudEvent, SignInMethod } from './events.js';
export { type FileMakerCloudStrategy, fileMakerCloud } from './file-maker-cloud.js';
export type {
  CognitoOptions,
  DiscoveryOptions,
  FileMakerCloudOptions,
  MfaCallbacks,
  NewPasswordAnswer,
  NewPasswordCallback,
  NewPasswordChallenge,
  OneTimeCode,
  PoolOptions,
  SmsChallenge,
  TotpChallenge,
} from './options.js';
