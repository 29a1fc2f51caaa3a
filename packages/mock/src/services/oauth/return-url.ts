import { isIP } from 'node:net';

/** The longest `X-FMS-Return-URL` accepted. [guess] FileMaker's limit is unrecorded. */
const MAX_RETURN_URL = 2048;

/** An absolute http(s) return URL, or `undefined` when the header is missing or unusable. */
export function parseReturnUrl(value: string | undefined): URL | undefined {
  if (value === undefined || value.length > MAX_RETURN_URL) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/**
 * Whether FileMaker Server would send the browser to `returnUrl`: a URL on its own host name, or on
 * loopback (the docs' own example is `http://127.0.0.1/`), is honoured; §3b's sources suggest
 * another host is not. Ports are ignored: a host is a host.
 */
export function isSameHostOrLoopback(returnUrl: URL, serverOrigin: string): boolean {
  const host = bareHost(returnUrl.hostname);
  if (isLoopback(host)) return true;
  try {
    return host === bareHost(new URL(serverOrigin).hostname);
  } catch {
    return false;
  }
}

/** `returnUrl` with FileMaker's answer appended to its own query, in the order of Claris's sample. */
export function returnUrlWith(returnUrl: URL, params: Readonly<Record<string, string>>): string {
  const url = new URL(returnUrl.href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
