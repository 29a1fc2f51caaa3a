import { UnexpectedResponseError } from '@fmauth/core';
import { boundedGet } from './bounded-fetch.js';
import type { ResolvedOAuthOptions } from './options.js';

/** The kind of identity provider, from FileMaker Server's `ProviderID`. */
export type OAuthProviderKind =
  | 'amazon'
  | 'google'
  | 'microsoft'
  | 'claris-id'
  | 'apple-connect'
  | 'ad-fs'
  | 'custom'
  | 'apple-id'
  | 'unknown';

/** One identity provider the server offers, for a "Sign in with …" button. */
export interface OAuthProvider {
  /** The provider's `Name`: pass it to `begin()`. For a custom OAuth provider, the admin's custom name. */
  readonly name: string;
  /** FileMaker Server's `ProviderID` (3 Google, 4 Microsoft Entra ID, 8 custom OAuth, …), or `undefined`. */
  readonly providerId: number | undefined;
  readonly kind: OAuthProviderKind;
}

const KINDS: Readonly<Record<number, OAuthProviderKind>> = {
  2: 'amazon',
  3: 'google',
  4: 'microsoft',
  5: 'claris-id',
  6: 'apple-connect',
  7: 'ad-fs',
  8: 'custom',
  9: 'apple-id',
};

/**
 * `GET /fmws/oauthproviderinfo`: `{"data":{"Provider":[…]},"result":0}`. A body without `data` means
 * no provider is enabled (an empty list); a 404 means the server offers none (FileMaker Cloud, Claris
 * Server and servers without external authentication answer so).
 */
export async function listProviders(
  baseUrl: string,
  options: ResolvedOAuthOptions,
): Promise<OAuthProvider[]> {
  const endpoint = 'GET /fmws/oauthproviderinfo';
  const res = await boundedGet(new URL(`${baseUrl}/fmws/oauthproviderinfo`), {
    endpoint,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxResponseBytes,
    fetch: options.fetch,
    headers: { accept: 'application/json' },
  });
  if (res.status === 404) return [];
  let body: unknown;
  try {
    body = res.status === 200 ? JSON.parse(res.text) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null) {
    throw new UnexpectedResponseError(
      `${endpoint} answered HTTP ${res.status} without the JSON provider list. Check that the base URL is a FileMaker Server with external authentication (Admin Console > Administration > External Authentication).`,
      { status: res.status, endpoint, strategyId: 'filemaker-oauth', bodyPreview: res.text.slice(0, 200) },
    );
  }
  const data = (body as { data?: { Provider?: unknown } }).data;
  const list = Array.isArray(data?.Provider) ? data.Provider : [];
  const providers: OAuthProvider[] = [];
  for (const entry of list) {
    const name = (entry as { Name?: unknown })?.Name;
    if (typeof name !== 'string' || name.length === 0 || name.length > 200) continue;
    const raw = Number((entry as { ProviderID?: unknown }).ProviderID);
    const providerId = Number.isInteger(raw) ? raw : undefined;
    providers.push(Object.freeze({ name, providerId, kind: (providerId && KINDS[providerId]) || 'unknown' }));
  }
  return providers;
}
