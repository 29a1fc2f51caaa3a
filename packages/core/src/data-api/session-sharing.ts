import type { ServerAddress } from '../base-url.js';
import type { ResolvedTimeouts } from '../http/transport-options.js';
import type { LifecycleSharing } from '../login/login-lifecycle.js';
import { tokenSharing } from '../login/token-sharing.js';
import type { FmDataSourceCredential } from '../strategy.js';
import type { DataApiSessionOptions } from './session-options.js';

/**
 * Where a Data API session shares its token, or `undefined` to keep it to itself (no `tokenStore`).
 * The key names the database and the external files opened with the session (a wrapped strategy that
 * lost its `identity` is the usual cause of the refusal, hence the advice).
 */
export function dataApiSharing(
  options: DataApiSessionOptions,
  address: ServerAddress,
  fmDataSource: readonly FmDataSourceCredential[],
  timeouts: ResolvedTimeouts,
): LifecycleSharing | undefined {
  return tokenSharing(options, address, timeouts, {
    kind: 'data-api',
    database: options.database,
    // External files opened with the session change what it can do; their account names are not secret.
    extra: fmDataSource.map((source) =>
      'username' in source ? `${source.database}\u0000${source.username}` : `${source.database}\u0000oauth`,
    ),
    missingIdentity: (strategyId) =>
      `"tokenStore" needs a strategy that declares its account as \`identity\` (a non-secret name such as the account name or Claris ID), so that two accounts never share a token; the "${strategyId}" strategy declares none. If you wrap a strategy, copy its \`identity\` onto the wrapper.`,
  });
}
