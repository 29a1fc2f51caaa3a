/** The two halves of an HTTP Basic header, or why it could not be read. */
export type BasicCredentials =
  | { readonly ok: true; readonly username: string; readonly password: string }
  | { readonly ok: false; readonly problem: 'missing' | 'not-basic' | 'malformed' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads `Authorization: Basic base64(user:password)` strictly: bad base64 or no colon is malformed. */
export function readBasicCredentials(authorization: string | undefined): BasicCredentials {
  if (authorization === undefined || authorization.trim() === '') return { ok: false, problem: 'missing' };
  const match = /^basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, problem: 'not-basic' };
  const encoded = match[1] as string;
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return { ok: false, problem: 'malformed' };
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return { ok: false, problem: 'malformed' };
  return { ok: true, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
