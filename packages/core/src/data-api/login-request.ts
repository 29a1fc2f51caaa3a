import { assertNonEmptyString, InvalidArgumentError } from '../invalid-argument.js';
import { toSecret } from '../secret.js';
import type { FmDataSourceCredential, LoginCredentials } from '../strategy.js';
import type { FmDataSourceOption } from './session-options.js';

/** Headers of a login request: JSON content type, the strategy's Authorization and extra headers. */
export function loginHeaders(credentials: LoginCredentials): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(credentials.headers ?? {})) {
    headers[name.toLowerCase()] = typeof value === 'string' ? value : value.reveal();
  }
  if (credentials.authorization) headers.authorization = credentials.authorization.reveal();
  return headers;
}

/** Body of a login request: `{}`, or the strategy's and the session's `fmDataSource` entries. */
export function loginBody(
  credentials: LoginCredentials,
  sessionSources: readonly FmDataSourceCredential[],
): object {
  const sources = [...(credentials.fmDataSource ?? []), ...sessionSources];
  if (sources.length === 0) return {};
  return {
    fmDataSource: sources.map((source) =>
      'username' in source
        ? { database: source.database, username: source.username, password: source.password.reveal() }
        : {
            database: source.database,
            oAuthRequestId: source.oAuthRequestId.reveal(),
            oAuthIdentifier: source.oAuthIdentifier.reveal(),
          },
    ),
  };
}

/** Checks one `fmDataSource` option and wraps its secrets. */
export function toFmDataSourceCredential(source: FmDataSourceOption, index: number): FmDataSourceCredential {
  const name = `fmDataSource[${index}]`;
  assertNonEmptyString(source?.database, `${name}.database`);
  if ('username' in source) {
    assertNonEmptyString(source.username, `${name}.username`);
    return { database: source.database, username: source.username, password: toSecret(source.password) };
  }
  if ('oAuthRequestId' in source) {
    return {
      database: source.database,
      oAuthRequestId: toSecret(source.oAuthRequestId),
      oAuthIdentifier: toSecret(source.oAuthIdentifier),
    };
  }
  throw new InvalidArgumentError(
    `${name} needs username and password, or oAuthRequestId and oAuthIdentifier`,
  );
}
