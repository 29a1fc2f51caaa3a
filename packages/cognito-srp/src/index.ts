/**
 * Amazon Cognito USER_SRP_AUTH math, byte-exact with amazon-cognito-identity-js, for both the
 * client and a (mock) server. Modular exponentiation runs in OpenSSL through node:crypto.
 *
 * @packageDocumentation
 */
export {
  type SrpClaim,
  type SrpClaimInput,
  type SrpClient,
  type SrpClientOptions,
  startSrpClient,
} from './client.js';
export { SRP_G, SRP_K, SRP_N } from './constants.js';
export { type ArgumentError, type SrpErrorCode, SrpProtocolError } from './errors.js';
export { hexToBigInt, padHex, SRP_MAX_HEX_LENGTH } from './hex.js';
export { poolNameOf } from './pool.js';
export { type SecretHashInput, secretHash } from './secret-hash.js';
export { type SrpClaimCheck, type SrpServer, type SrpServerOptions, startSrpServer } from './server.js';
export { formatSrpTimestamp } from './timestamp.js';
export { computeVerifier, createSaltHex, type VerifierInput } from './verifier.js';
