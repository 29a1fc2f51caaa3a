import { InvalidArgumentError, isLoopbackHost } from '@fmauth/core';

/** The server's base URL without a trailing slash; HTTPS unless on loopback or explicitly allowed. */
export function serverBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new InvalidArgumentError('baseUrl must be an absolute URL such as https://fms.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidArgumentError('baseUrl must be http(s)');
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new InvalidArgumentError(
      'baseUrl uses plain http to a host that is not loopback: the sign-in would travel unencrypted. Use https (or allowInsecureHttp: true on a network you trust).',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InvalidArgumentError('baseUrl must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

/** A value FileMaker Server sent that goes back into a header: printable ASCII, bounded. */
export function isHeaderSafeToken(value: unknown, maxLength = 512): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= maxLength && /^[\x21-\x7e]+$/.test(value)
  );
}
