import { createServer } from 'node:http';
import { Secret } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { type FileMakerCloudOptions, fileMakerCloud } from '../src/index.js';

const valid = { clarisId: 'dev@example.com', password: 'ClarisID-pass-1' } as const;
const make = (options: unknown) => () => fileMakerCloud(options as FileMakerCloudOptions);

describe('fileMakerCloud() checks its options synchronously and does no I/O', () => {
  it('builds a frozen strategy with the Cloud id, flavor and hints', () => {
    const strategy = fileMakerCloud(valid);
    expect(strategy).toMatchObject({ id: 'filemaker-cloud', flavors: ['filemaker-cloud'] });
    expect(Object.isFrozen(strategy)).toBe(true);
    expect(strategy.hints?.FMAUTH_INVALID_CREDENTIALS).toMatch(
      /only Claris IDs.*external identity provider/s,
    );
    expect(fileMakerCloud({ username: 'dev@example.com', password: new Secret('x') }).id).toBe(
      'filemaker-cloud',
    );
  });

  it('opens no connection when constructed', async () => {
    let connections = 0;
    const server = createServer((_req, res) => res.end()).on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    fileMakerCloud({
      ...valid,
      discovery: { url: `http://127.0.0.1:${port}/pool.json` },
      cognito: { endpoint: `http://127.0.0.1:${port}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => server.close(resolve));
    expect(connections).toBe(0);
  });

  it.each([
    ['no options', undefined, 'ERR_INVALID_ARG_TYPE', /options object/],
    ['no Claris ID', { password: 'x' }, 'ERR_INVALID_ARG_TYPE', /"clarisId" is required/],
    [
      'a FileMaker account name',
      { clarisId: 'admin', password: 'x' },
      'ERR_INVALID_ARG_VALUE',
      /email address/,
    ],
    [
      'two different ids',
      { clarisId: 'a@x.com', username: 'b@x.com', password: 'x' },
      'ERR_INVALID_ARG_VALUE',
      /not two/,
    ],
    ['an empty password', { ...valid, password: '' }, 'ERR_INVALID_ARG_VALUE', /"password"/],
    ['a numeric password', { ...valid, password: 1234 }, 'ERR_INVALID_ARG_TYPE', /"password"/],
    [
      'an unknown mfa key',
      { ...valid, mfa: { email: () => '1' } },
      'ERR_INVALID_ARG_VALUE',
      /only "totp" and "sms"/,
    ],
    ['a non-function totp', { ...valid, mfa: { totp: '123456' } }, 'ERR_INVALID_ARG_TYPE', /mfa\.totp/],
    [
      'a malformed pool id',
      { ...valid, pool: { userPoolId: 'NqkuZcXQY' } },
      'ERR_INVALID_ARG_VALUE',
      /pool\.userPoolId/,
    ],
    [
      'a malformed client id',
      { ...valid, pool: { clientId: 'a b' } },
      'ERR_INVALID_ARG_VALUE',
      /pool\.clientId/,
    ],
    ['a bad region', { ...valid, cognito: { region: 'west' } }, 'ERR_INVALID_ARG_VALUE', /cognito\.region/],
    [
      'a non-http endpoint',
      { ...valid, cognito: { endpoint: 'ftp://x' } },
      'ERR_INVALID_ARG_VALUE',
      /cognito\.endpoint/,
    ],
    [
      'a zero timeout',
      { ...valid, cognito: { timeoutMs: 0 } },
      'ERR_INVALID_ARG_VALUE',
      /cognito\.timeoutMs/,
    ],
    [
      'maxAttempts 0',
      { ...valid, cognito: { maxAttempts: 0 } },
      'ERR_INVALID_ARG_VALUE',
      /cognito\.maxAttempts/,
    ],
    [
      'maxAttempts 1.5',
      { ...valid, cognito: { maxAttempts: 1.5 } },
      'ERR_INVALID_ARG_VALUE',
      /cognito\.maxAttempts/,
    ],
    ['a discovery string', { ...valid, discovery: 'yes' }, 'ERR_INVALID_ARG_TYPE', /"discovery"/],
    ['a negative skew', { ...valid, expirySkewMs: -1 }, 'ERR_INVALID_ARG_VALUE', /expirySkewMs/],
    ['a non-function clock', { ...valid, clock: 5 }, 'ERR_INVALID_ARG_TYPE', /"clock"/],
  ])('rejects %s with a coded TypeError', (_what, options, code, message) => {
    expect(make(options)).toThrow(TypeError);
    expect(make(options)).toThrow(message);
    try {
      make(options)();
    } catch (error) {
      expect((error as { code?: string }).code).toBe(code);
    }
  });

  it('never quotes the password or a proxy URL (which may hold credentials) in its errors', () => {
    const bad = 'not a url :: with-Secret-9';
    expect(make({ ...valid, cognito: { proxy: bad } })).toThrow(/"cognito\.proxy" must be an http/);
    try {
      make({ ...valid, cognito: { proxy: bad } })();
    } catch (error) {
      expect((error as Error).message).not.toContain('Secret-9');
    }
  });
});
