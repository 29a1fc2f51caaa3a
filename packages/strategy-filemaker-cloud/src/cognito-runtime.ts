// The part of the strategy that talks to Cognito: the AWS SDK v3 client, the SRP math
// (@fmauth/cognito-srp) and the JWT decoding (jose). Together they cost most of a cold start's CPU, so
// nothing imports this module statically: cognito-client.ts loads it with import() at the first
// sign-in or refresh. A process that finds a valid token elsewhere never loads it. Everything the
// token lifecycle needs from these modules goes through here, so the boundary stays in one place.

export { CognitoTransport } from './cognito-transport.js';
export { readIssuedTokens } from './id-token.js';
export { TokenRefresher } from './refresh.js';
export { signInWithSrp } from './srp-sign-in.js';
