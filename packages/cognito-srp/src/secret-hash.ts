import { hmacSha256 } from './hash.js';

/** Inputs of {@link secretHash}. */
export interface SecretHashInput {
  /**
   * The typed USERNAME in InitiateAuth, but the internal username (USER_ID_FOR_SRP) when answering
   * a challenge or refreshing: Cognito rejects the alias there.
   */
  username: string;
  clientId: string;
  clientSecret: string;
}

/**
 * SECRET_HASH for app clients that have a secret: base64(HMAC-SHA256(clientSecret, username + clientId)).
 */
export function secretHash({ username, clientId, clientSecret }: SecretHashInput): string {
  const mac = hmacSha256(Buffer.from(clientSecret, 'utf8'), Buffer.from(username + clientId, 'utf8'));
  return mac.toString('base64');
}
