import { inspect } from 'node:util';
import { Secret } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { clarisServer } from '../src/index.js';

/** The TypeError a factory call throws (fails the test when it does not throw). */
function thrown(options: unknown): TypeError & { code: string } {
  try {
    clarisServer(options as Parameters<typeof clarisServer>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError & { code: string };
  }
  throw new Error('clarisServer() accepted options it should refuse');
}

describe('clarisServer options', () => {
  it('accepts a Claris ID email and an extended password, as a string or a Secret', async () => {
    for (const extendedPassword of ['Extended-pass-1', new Secret('Extended-pass-1')]) {
      const strategy = clarisServer({ clarisId: 'Dev@Example.com', extendedPassword });
      expect(strategy.id).toBe('claris-server');
      expect(strategy.flavors).toEqual(['claris-server']);
      const credentials = await strategy.authenticate({} as never);
      const expected = `Basic ${Buffer.from('Dev@Example.com:Extended-pass-1').toString('base64')}`;
      expect(credentials.authorization?.reveal()).toBe(expected);
      expect(Object.isFrozen(strategy)).toBe(true);
    }
  });

  it('refuses a "password" option and explains the extended account password', () => {
    const error = thrown({ clarisId: 'dev@example.com', password: 'ClarisID-pass-1' });
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(error.message).toContain('"password"');
    expect(error.message).toContain('refuses the Claris ID password');
    expect(error.message).toContain('"extendedPassword"');
    expect(error.message).toContain('Claris Studio (Account > Extended Account)');
    expect(error.message).toContain('WebDirect and server script schedules');
    expect(error.message).not.toContain('ClarisID-pass-1');
  });

  it('refuses "password" even next to extendedPassword, and other names of the Claris ID password', () => {
    for (const key of ['password', 'clarisIdPassword', 'clarisPassword']) {
      const error = thrown({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1', [key]: 'x' });
      expect(error.message).toContain(`"${key}"`);
    }
  });

  it.each(['username', 'email', 'user', 'account'])('refuses "%s" and points at clarisId', (key) => {
    const error = thrown({ [key]: 'dev@example.com', extendedPassword: 'Extended-pass-1' });
    expect(error.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(error.message).toContain('"clarisId"');
  });

  it('explains a missing extendedPassword', () => {
    const error = thrown({ clarisId: 'dev@example.com' });
    expect(error.code).toBe('ERR_INVALID_ARG_TYPE');
    expect(error.message).toContain('"extendedPassword" is required');
    expect(error.message).toContain('not the Claris ID password');
  });

  it.each([
    [undefined, 'ERR_INVALID_ARG_TYPE', 'clarisServer needs'],
    ['dev@example.com', 'ERR_INVALID_ARG_TYPE', 'clarisServer needs'],
    [{ extendedPassword: 'Extended-pass-1' }, 'ERR_INVALID_ARG_TYPE', '"clarisId" must be a string'],
    [{ clarisId: '', extendedPassword: 'Extended-pass-1' }, 'ERR_INVALID_ARG_VALUE', 'non-empty'],
    [{ clarisId: 'dev@example.com', extendedPassword: '' }, 'ERR_INVALID_ARG_VALUE', 'non-empty'],
    [{ clarisId: 'dev@example.com', extendedPassword: 42 }, 'ERR_INVALID_ARG_TYPE', 'Secret<string>'],
    [{ clarisId: 'dev@example.com', extendedPassword: new Secret('') }, 'ERR_INVALID_ARG_VALUE', 'non-empty'],
    [{ clarisId: 'dev:ops@example.com', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'colon'],
    [{ clarisId: 'Dev User', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'email address'],
    [{ clarisId: 'dev', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'email address'],
    [{ clarisId: 'dev@example', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'email address'],
    [{ clarisId: ' dev@example.com', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'without spaces'],
    [{ clarisId: 'dev@example.com\n', extendedPassword: 'x' }, 'ERR_INVALID_ARG_VALUE', 'control characters'],
  ])('refuses %j with %s', (options, code, text) => {
    const error = thrown(options);
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });

  it('never echoes a value, so a password typed into clarisId does not reach a log', () => {
    const error = thrown({ clarisId: 'My-Secret-Pass-7', extendedPassword: 'x' });
    expect(error.message).not.toContain('My-Secret-Pass-7');
  });

  it('keeps the password out of the strategy object', () => {
    const strategy = clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' });
    for (const text of [
      inspect(strategy, { depth: 8, showHidden: true }),
      JSON.stringify(strategy),
      String(strategy),
    ]) {
      expect(text).not.toContain('Extended-pass-1');
      expect(text).not.toContain(Buffer.from('dev@example.com:Extended-pass-1').toString('base64'));
    }
  });
});
