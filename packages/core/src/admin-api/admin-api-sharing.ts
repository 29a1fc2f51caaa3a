import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import type { LifecycleSharing } from '../login/login-lifecycle.js';
import { tokenSharing } from '../login/token-sharing.js';
import type { AdminApiSessionOptions } from './admin-api-options.js';

/**
 * Where an Admin API session shares its token, or `undefined` without a `tokenStore`. The key has the
 * kind `admin-api` and no database, so it never meets a Data API token of the same account. A strategy
 * without an `identity` is refused: two accounts must never share a token.
 */
export function adminApiSharing(
  options: AdminApiSessionOptions,
  address: ServerAddress,
  timeouts: ResolvedTimeouts,
): LifecycleSharing | undefined {
  return tokenSharing(options, address, timeouts, {
    kind: 'admin-api',
    missingIdentity: (strategyId) =>
      `"tokenStore" needs a strategy that declares its account as \`identity\`, so that two accounts never share an Admin API token; the "${strategyId}" strategy declares none.`,
  });
}
