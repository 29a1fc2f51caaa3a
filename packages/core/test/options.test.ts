import { describe, expect, it } from 'vitest';
import { createDataApiSession, type DataApiSessionOptions } from '../src/index.js';
import { basicStrategy } from './helpers.js';

const valid: DataApiSessionOptions = {
  baseUrl: 'https://fms.example.com',
  database: 'Contacts',
  strategy: basicStrategy(),
};

function typeErrorOf(options: unknown): TypeError & { code?: string } {
  try {
    createDataApiSession(options as DataApiSessionOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError & { code?: string };
  }
  throw new Error('expected a TypeError');
}

describe('session options are checked up front, with coded TypeErrors', () => {
  it('accepts a valid configuration without any I/O', () => {
    expect(() => createDataApiSession(valid)).not.toThrow();
  });

  it.each([
    ['no options', undefined, /options object/],
    ['no database', { ...valid, database: '' }, /"database" must be a non-empty string/],
    ['no strategy', { ...valid, strategy: undefined }, /"strategy" must be an AuthStrategy/],
    ['a strategy without id', { ...valid, strategy: { authenticate: () => ({}) } }, /"strategy.id"/],
    ['a bad version', { ...valid, version: 'v3' }, /"version" must be one of v1, v2, vLatest/],
    [
      'a bad timeout',
      { ...valid, timeouts: { requestMs: -1 } },
      /"timeouts.requestMs" must be a positive number/,
    ],
    ['a bad idle timeout', { ...valid, idleTimeoutMs: 0 }, /"idleTimeoutMs"/],
    ['a non-URL', { ...valid, baseUrl: 'fms example' }, /"baseUrl" is not a valid URL/],
    ['ftp', { ...valid, baseUrl: 'ftp://fms.example.com' }, /must use https/],
    ['plain http to a remote host', { ...valid, baseUrl: 'http://fms.example.com' }, /unencrypted/],
    [
      'the API path in the base URL',
      { ...valid, baseUrl: 'https://fms.example.com/fmi/data/vLatest' },
      /without the API path/,
    ],
    [
      'credentials in the URL',
      { ...valid, baseUrl: 'https://admin:pw@fms.example.com' },
      /must not contain credentials/,
    ],
    ['a query string', { ...valid, baseUrl: 'https://fms.example.com/?x=1' }, /query string/],
    ['a bad proxy', { ...valid, proxy: 'socks5://proxy' }, /"proxy" must be an http/],
    ['a bad fmDataSource', { ...valid, fmDataSource: [{ database: 'Other' }] }, /fmDataSource\[0\] needs/],
  ])('refuses %s', (_name, options, message) => {
    const error = typeErrorOf(options);
    expect(error.message).toMatch(message);
    expect(error.code).toMatch(/^ERR_INVALID_ARG_(TYPE|VALUE)$/);
  });

  it('allows plain http to loopback, and elsewhere only with allowInsecureHttp', () => {
    expect(() => createDataApiSession({ ...valid, baseUrl: 'http://127.0.0.1:8080' })).not.toThrow();
    expect(() => createDataApiSession({ ...valid, baseUrl: 'http://localhost' })).not.toThrow();
    expect(() =>
      createDataApiSession({ ...valid, baseUrl: 'http://fms.lan', allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it('keeps a path prefix of the base URL (servers behind a reverse proxy path)', () => {
    const session = createDataApiSession({ ...valid, baseUrl: 'https://gateway.example.com/filemaker/' });
    expect(session.baseUrl.pathname).toBe('/filemaker/');
  });
});
