import { inspect } from 'node:util';
import { Secret } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { type FileMakerServerOptions, fileMakerServer } from '../src/index.js';

function typeError(options: unknown): TypeError & { code?: string } {
  try {
    fileMakerServer(options as FileMakerServerOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError & { code?: string };
  }
  throw new Error('expected a TypeError');
}

describe('fileMakerServer() checks its options up front', () => {
  it.each([
    ['no options', undefined, /needs \{ username, password \}/, 'ERR_INVALID_ARG_TYPE'],
    [
      'an empty account name',
      { username: '', password: 'x' },
      /"username" must be a non-empty string/,
      'ERR_INVALID_ARG_VALUE',
    ],
    [
      'a colon in the account name',
      { username: 'a:b', password: 'x' },
      /must not contain a colon/,
      'ERR_INVALID_ARG_VALUE',
    ],
    [
      'a control character',
      { username: 'a\nb', password: 'x' },
      /control characters/,
      'ERR_INVALID_ARG_VALUE',
    ],
    [
      'an empty password',
      { username: 'admin', password: '' },
      /"password" must be a non-empty string/,
      'ERR_INVALID_ARG_VALUE',
    ],
    [
      'a numeric password',
      { username: 'admin', password: 1234 },
      /"password" must be a string or a Secret/,
      'ERR_INVALID_ARG_TYPE',
    ],
  ])('refuses %s', (_name, options, message, code) => {
    const error = typeError(options);
    expect(error.message).toMatch(message);
    expect(error.code).toBe(code);
  });

  it('accepts a colon in the password and a Secret password, and never exposes it', async () => {
    const strategy = fileMakerServer({ username: 'admin', password: new Secret('pa:ss-word') });
    expect(inspect(strategy, { depth: 5, showHidden: true })).not.toContain('pa:ss-word');
    expect(JSON.stringify(strategy)).not.toContain('pa:ss-word');
    const credentials = await strategy.authenticate({} as never);
    expect(credentials.authorization?.reveal()).toBe(
      `Basic ${Buffer.from('admin:pa:ss-word').toString('base64')}`,
    );
    expect(Object.isFrozen(strategy)).toBe(true);
  });
});
