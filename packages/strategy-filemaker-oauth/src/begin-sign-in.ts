import { randomBytes } from 'node:crypto';
import { UnexpectedResponseError } from '@fmauth/core';
import { boundedGet } from './bounded-fetch.js';
import type { ResolvedOAuthOptions } from './options.js';
import { isHeaderSafeToken } from './server-url.js';

/** What `GET /oauth/getoauthurl` gave: where to send the browser, and the request id to keep. */
export interface StartedSignIn {
  readonly authorizationUrl: string;
  readonly requestId: string;
  readonly trackingId: string;
}

/**
 * `GET /oauth/getoauthurl`: the provider's authorization URL as plain text, and the request id in
 * `X-FMS-Request-ID`. `trackingID` is ours (random, echoed back at the return URL).
 */
export async function startSignIn(
  baseUrl: string,
  provider: string,
  returnUrl: string,
  options: ResolvedOAuthOptions,
): Promise<StartedSignIn> {
  const trackingId = randomBytes(16).toString('hex').toUpperCase();
  const url = new URL(`${baseUrl}/oauth/getoauthurl`);
  url.searchParams.set('trackingID', trackingId);
  url.searchParams.set('provider', provider);
  url.searchParams.set('address', url.hostname);
  url.searchParams.set('X-FMS-OAuth-AuthType', '2');
  const endpoint = 'GET /oauth/getoauthurl';
  const res = await boundedGet(url, {
    endpoint,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxResponseBytes,
    fetch: options.fetch,
    headers: {
      'X-FMS-Application-Type': String(options.applicationType),
      'X-FMS-Application-Version': String(options.applicationVersion),
      'X-FMS-Return-URL': returnUrl,
    },
  });
  const result = res.headers.get('x-fms-result');
  if (res.status !== 200) {
    // 25000 is all a refusal is known to carry: an unknown provider and a refused type look alike.
    const typeHint =
      ' Check that the provider name is one listProviders() returns and that it is enabled in Admin Console.' +
      (options.applicationType === 9
        ? ' Some servers refuse application type 9: if the provider is right, try applicationType: 7.'
        : '');
    throw new UnexpectedResponseError(
      `${endpoint} answered HTTP ${res.status}${result ? ` (X-FMS-Result ${result})` : ''} for provider "${provider}".${typeHint}`,
      { status: res.status, endpoint, strategyId: 'filemaker-oauth', bodyPreview: res.text.slice(0, 200) },
    );
  }
  const requestId = res.headers.get('x-fms-request-id') ?? '';
  let authorizationUrl: URL | undefined;
  try {
    const text = res.text.trim();
    authorizationUrl = /^https?:\/\//i.test(text) ? new URL(text) : undefined;
  } catch {
    authorizationUrl = undefined;
  }
  if (!isHeaderSafeToken(requestId) || !authorizationUrl) {
    throw new UnexpectedResponseError(
      `${endpoint} answered HTTP 200 without ${authorizationUrl ? 'a usable X-FMS-Request-ID header' : 'an authorization URL (plain text starting with http)'}. Check that the base URL is the FileMaker Server itself, not a proxy that rewrites answers.`,
      { status: 200, endpoint, strategyId: 'filemaker-oauth', bodyPreview: res.text.slice(0, 200) },
    );
  }
  return { authorizationUrl: authorizationUrl.href, requestId, trackingId };
}
