import {
  type CryptoKey,
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

/** Why a token was refused: `expired` is told apart because FileMaker and Cognito answer it apart. */
export type TokenCheck =
  | { readonly ok: true; readonly claims: JWTPayload }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export interface VerifyTokenOptions {
  /** Whether an `iss` is acceptable. */
  readonly issuer: (iss: unknown) => boolean;
  /** Required `aud` (ID tokens); access tokens carry `client_id` instead. */
  readonly audience?: string;
  /** Required `token_use`. */
  readonly tokenUse: 'id' | 'access';
  /** The mock clock's now, in ms. */
  readonly now: number;
}

/**
 * The pool's RS256 signing key (generated on first use, kept for the mock's life so tokens survive
 * `POST /reset`), its JWKS and JWT signing and verification, all through `jose`.
 */
export class TokenSigner {
  #key: Promise<SigningKey> | undefined;

  async jwks(): Promise<{ keys: JWK[] }> {
    const { jwk } = await this.#signingKey();
    return { keys: [jwk] };
  }

  /** Signs `claims` (which must carry `iat` and `exp`, from the mock clock). */
  async sign(claims: JWTPayload): Promise<string> {
    const { privateKey, jwk } = await this.#signingKey();
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid as string }).sign(privateKey);
  }

  /** Signature, issuer, audience, `token_use` and `exp` (against the mock clock, no leeway). */
  async verify(token: string, options: VerifyTokenOptions): Promise<TokenCheck> {
    const { publicKey } = await this.#signingKey();
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: ['RS256'],
        ...(options.audience === undefined ? {} : { audience: options.audience }),
        currentDate: new Date(options.now),
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
      });
      if (payload.token_use !== options.tokenUse || !options.issuer(payload.iss)) {
        return { ok: false, reason: 'invalid' };
      }
      return { ok: true, claims: payload };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      throw error;
    }
  }

  #signingKey(): Promise<SigningKey> {
    this.#key ??= createSigningKey();
    return this.#key;
  }
}

async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  return {
    privateKey,
    publicKey,
    jwk: { kid, alg: 'RS256', kty: 'RSA', e: exported.e, n: exported.n, use: 'sig' },
  };
}
