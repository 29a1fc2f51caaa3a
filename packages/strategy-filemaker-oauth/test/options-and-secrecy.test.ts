import { inspect } from 'node:util';
import { InvalidArgumentError } from '@fmauth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileMakerOAuth, OAuthCredentials, OAuthSignInError, SignInRequiredError } from '../src/index.js';
import { ALICE, flow, RETURN_URL, renderings, STATE_KEY, signIn, useMock } from './helpers.js';

describe('options', () => {
  it('checks every option synchronously, without I/O', () => {
    const ok = { stateKey: STATE_KEY, returnUrls: [RETURN_URL] };
    expect(() => fileMakerOAuth(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => fileMakerOAuth({ ...ok, stateKey: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => fileMakerOAuth({ ...ok, returnUrls: [] })).toThrow(/returnUrls/);
    expect(() => fileMakerOAuth({ ...ok, returnUrls: ['/relative'] })).toThrow(/absolute/);
    expect(() => fileMakerOAuth({ ...ok, returnUrls: [`${RETURN_URL}?a=1`] })).toThrow(/no query/);
    expect(() => fileMakerOAuth({ ...ok, returnUrls: ['javascript:alert(1)'] })).toThrow(/http/);
    expect(() => fileMakerOAuth({ ...ok, timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => fileMakerOAuth({ ...ok, applicationType: 3 as never })).toThrow(/applicationType/);
    expect(() => fileMakerOAuth({ ...ok, stateKey: new Uint8Array(32) })).not.toThrow();
  });

  it('the flow object holds no key, and strategy() wants completed credentials and a string identity', () => {
    const oauth = flow();
    expect(renderings(oauth)).not.toContain(STATE_KEY);
    expect(() => oauth.strategy({} as never)).toThrow(InvalidArgumentError);
  });

  it('typed errors match only their own class', () => {
    const signIn = new OAuthSignInError('x', { failure: 'state-invalid' });
    const again = new SignInRequiredError('y', {
      reason: 'expired-or-revoked',
      baseUrl: 'https://fms',
      provider: 'Acme',
    });
    expect(signIn).toBeInstanceOf(OAuthSignInError);
    expect(signIn).not.toBeInstanceOf(SignInRequiredError);
    expect(again).not.toBeInstanceOf(OAuthSignInError);
    expect(JSON.parse(JSON.stringify(again))).toMatchObject({
      reason: 'expired-or-revoked',
      provider: 'Acme',
    });
  });
});

describe('secrecy', () => {
  let mock: Awaited<ReturnType<typeof useMock>>;
  beforeAll(async () => {
    mock = await useMock();
  });
  afterAll(() => mock.server.close());

  it('no request id or identifier in credentials, strategies, login credentials or errors', async () => {
    const oauth = flow();
    const done = await signIn(oauth, mock.baseUrl, ALICE);
    const identifier = done.returnedUrl.searchParams.get('identifier') as string;
    const credentials = await oauth.complete(done.state, done.returnedUrl);
    const requestId = credentials.requestId.reveal();
    expect(requestId).toMatch(/^[0-9A-F]{32}$/);
    const strategy = oauth.strategy(credentials, { identity: 'user-7', fmDataSource: ['Contacts'] });
    const login = await strategy.authenticate({
      reason: 'initial',
      api: 'data-api',
      baseUrl: new URL(mock.baseUrl),
      signal: AbortSignal.timeout(1000),
      dispatcher: undefined as never,
    });
    for (const value of [credentials, strategy, login, inspect(credentials), done.state]) {
      const text = renderings(value);
      expect(text).not.toContain(identifier);
      expect(text).not.toContain(requestId);
    }
    expect(credentials).toBeInstanceOf(OAuthCredentials);
    expect(JSON.stringify(credentials)).toContain('[redacted]');
    expect(strategy.identity).toBe('user-7');
  });
});
