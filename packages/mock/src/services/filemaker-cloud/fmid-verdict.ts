import type { ClarisIdDirectory, ClarisIdUser } from '../../shared/claris-id-directory.js';
import type { TokenCheck } from '../cognito/token-signer.js';

/** Checks ID tokens of the simulated Cognito pool (the Cognito service). */
export interface FmidVerifier {
  verifyIdToken(token: string): Promise<TokenCheck>;
}

/** An `Authorization: FMID <token>` header, checked ahead of the synchronous login decision. */
export type FmidVerdict =
  | { readonly ok: true; readonly user: ClarisIdUser | undefined; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

const FMID = /^fmid\s+(\S+)\s*$/i;
// An RS256 ID token is about 1 KB; anything far larger is refused unparsed.
const MAX_TOKEN_LENGTH = 8 * 1024;

/** The token of an `FMID` Authorization header, or `undefined` for any other header. */
export function fmidToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : FMID.exec(authorization)?.[1];
}

export async function checkFmid(
  token: string,
  verifier: FmidVerifier,
  users: ClarisIdDirectory,
): Promise<FmidVerdict> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  const check = await verifier.verifyIdToken(token);
  if (!check.ok) return check;
  const sub = check.claims.sub;
  const user = users.all().find((candidate) => candidate.sub === sub);
  return { ok: true, user, expiresAt: (check.claims.exp as number) * 1000 };
}
