import { randomBytes } from 'node:crypto';

/** 32 upper-case hex characters, the shape of FileMaker Server's request ids and identifiers (§3b). */
export function upperHexId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** An unguessable URL-safe token (OAuth `state`, authorization codes, form nonces). */
export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Entries a store keeps at most: a flood of abandoned sign-ins must not grow the mock without bound. */
export const MAX_PENDING = 10_000;

/** Drops the oldest entries of an insertion-ordered map until it has room for one more. */
export function makeRoom<K, V>(map: Map<K, V>, max = MAX_PENDING): void {
  while (map.size >= max) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
