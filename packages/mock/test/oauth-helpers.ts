import { expect } from 'vitest';
import { type RawResponse, rawCall } from './helpers.js';

/** What a web app sends to `getoauthurl`, per the Data API guide. */
export interface BeginOptions {
  provider?: string;
  returnUrl?: string;
  trackingId?: string;
  applicationType?: string;
  authType?: string;
}

/** `GET /oauth/getoauthurl` as a client does it. */
export function getOAuthUrl(base: string, options: BeginOptions = {}): Promise<RawResponse> {
  const query = new URLSearchParams({
    trackingID: options.trackingId ?? 'track-1',
    provider: options.provider ?? 'Acme',
    address: '127.0.0.1',
    'X-FMS-OAuth-AuthType': options.authType ?? '2',
  });
  return rawCall(`${base}/oauth/getoauthurl?${query}`, 'GET', {
    headers: {
      'X-FMS-Application-Type': options.applicationType ?? '9',
      'X-FMS-Application-Version': '15',
      'X-FMS-Return-URL': options.returnUrl ?? 'http://127.0.0.1:9999/callback',
    },
  });
}

/** The request id and authorization URL of a successful `getoauthurl`. */
export async function begin(base: string, options: BeginOptions = {}) {
  const res = await getOAuthUrl(base, options);
  expect(res.status).toBe(200);
  return { requestId: res.headers['x-fms-request-id'] as string, authUrl: res.text.trim() };
}

/** The hidden fields of the IdP page's form. */
export function formFields(html: string): { attempt: string; nonce: string } {
  const attempt = /name="attempt" value="([^"]*)"/.exec(html)?.[1];
  const nonce = /name="nonce" value="([^"]*)"/.exec(html)?.[1];
  if (!attempt || !nonce) throw new Error('no sign-in form on the page');
  return { attempt, nonce };
}

/** Posts a form as a browser does. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return rawCall(url, 'POST', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The IdP's sign-in page for an authorization URL, and the URL its form posts to. */
export async function openSignInPage(authUrl: string) {
  const page = await rawCall(authUrl, 'GET');
  expect(page.status).toBe(200);
  return { page, fields: formFields(page.text), action: new URL('authorize', authUrl).href };
}

/** Query of a redirect's Location. */
export function locationOf(res: RawResponse): URL {
  expect(res.status).toBe(302);
  return new URL(res.headers.location as string);
}

/**
 * The whole browser leg without a browser: getoauthurl → IdP page → form → FileMaker Server's
 * `/oauth/redirect` → the return URL. Returns the request id and where the browser ends up.
 */
export async function signInThrough(
  base: string,
  username: string,
  password: string,
  options: BeginOptions = {},
) {
  const { requestId, authUrl } = await begin(base, options);
  const { fields, action } = await openSignInPage(authUrl);
  const posted = await postForm(action, { ...fields, action: 'sign-in', username, password });
  const toFms = locationOf(posted);
  const back = await rawCall(toFms.href, 'GET');
  return { requestId, authUrl, back };
}

/** `POST …/sessions` with the OAuth header pair. */
export function oauthLogin(base: string, requestId: string, identifier: string, database = 'Contacts') {
  return rawCall(`${base}/fmi/data/vLatest/databases/${database}/sessions`, 'POST', {
    headers: {
      'content-type': 'application/json',
      'X-FM-Data-OAuth-Request-Id': requestId,
      'X-FM-Data-OAuth-Identifier': identifier,
    },
    body: '{}',
  });
}
