import type { DiscardReason } from './token-codec.js';

/**
 * What a shared token cache reports. Never carries a secret: no token, no value, no store URL.
 * - `store-unavailable`: a store call failed or timed out; work goes on per process until the store
 *   answers again (retried after a short pause);
 * - `store-recovered`: the store answers again and tokens are shared once more;
 * - `store-value-discarded`: a stored value could not be used and counts as a miss (`reason`);
 * - `shared-token`: a token was taken from the store instead of logging in; `waitedMs` is how long
 *   this process waited for another one's login (0 when the token was already there).
 */
export type TokenStoreEvent =
  | {
      readonly type: 'store-unavailable';
      readonly store: string;
      readonly operation: string;
      readonly error: Error;
    }
  | { readonly type: 'store-recovered'; readonly store: string }
  | { readonly type: 'store-value-discarded'; readonly store: string; readonly reason: DiscardReason }
  | { readonly type: 'shared-token'; readonly store: string; readonly waitedMs: number };
