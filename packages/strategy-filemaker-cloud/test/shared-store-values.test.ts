import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { memoryTokenStore, TimeoutError, type TokenStore } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent } from '../src/index.js';
import { authContext, DEV, rejectionOf, TestClock, useCloudMock } from './support/cloud-mock.js';
import { clarisIdKey, failingStore, hangingStore, storedData } from './support/token-stores.js';

/** Real refresh tokens are JWEs; the mock's carry this protected header, so any leak shows it. */
const REFRESH_TOKEN_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString(
  'base64url',
);
const ctx = () => ({ signal: AbortSignal.timeout(1000) });

/** Every way a value can end up in a log. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(value) ?? '',
  ];
  if (value instanceof Error) out.push(value.message, value.stack ?? '');
  return out;
}

describe('what the tokenStore holds, and stores that misbehave', () => {
  const mock = useCloudMock();

  it('encrypted: the entry shows no ID token, refresh token or password; the same key shares it', async () => {
    const tokenStore = memoryTokenStore();
    const key = randomBytes(32).toString('base64');
    const first = mock.strategy({ tokenStore, tokenEncryptionKeys: [key] });
    const credentials = await first.authenticate(authContext());
    const idToken = credentials.authorization?.reveal().slice('FMID '.length) ?? '';
    expect(idToken.length).toBeGreaterThan(100);

    const raw = (await tokenStore.get(clarisIdKey(mock.pool, DEV.clarisId), ctx())) ?? '';
    expect(raw).toMatch(/"ct":/);
    for (const secret of [idToken, REFRESH_TOKEN_HEADER, DEV.password]) expect(raw).not.toContain(secret);

    const second = mock.strategy({ tokenStore, tokenEncryptionKeys: [key] });
    await expect(second.authenticate(authContext())).resolves.toMatchObject({
      authorization: credentials.authorization,
    });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
  });

  it('unencrypted, the same entry does hold both tokens (what the check above guards against)', async () => {
    const tokenStore = memoryTokenStore();
    const credentials = await mock.strategy({ tokenStore }).authenticate(authContext());
    const raw = (await tokenStore.get(clarisIdKey(mock.pool, DEV.clarisId), ctx())) ?? '';
    expect(raw).toContain(credentials.authorization?.reveal() ?? 'missing');
    expect(raw).toContain(REFRESH_TOKEN_HEADER);
    expect(raw).not.toContain(DEV.password);
  });

  it('a wrong key: the entry is discarded as undecryptable and the strategy signs in again', async () => {
    const tokenStore = memoryTokenStore();
    await mock.strategy({ tokenStore, tokenEncryptionKeys: [randomBytes(32)] }).authenticate(authContext());
    const events: FileMakerCloudEvent[] = [];
    const other = mock.strategy({
      tokenStore,
      tokenEncryptionKeys: [randomBytes(32)],
      onEvent: (event) => events.push(event),
    });
    await expect(other.authenticate(authContext())).resolves.toHaveProperty('authorization');
    expect(events).toContainEqual({
      type: 'store-value-discarded',
      store: 'memory',
      reason: 'undecryptable',
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'signed-in', method: 'srp' }));
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2 });
  });

  const future = Date.now() + 3_600_000;
  const document = (data: unknown, version = 1) => JSON.stringify({ fmauth: version, exp: future, data });
  const entry = {
    authorization: 'FMID aaa.bbb.ccc',
    refreshToken: 'rrr.sss',
    usableUntil: future,
    lifetimeMs: 3_600_000,
    refreshTokenUntil: future,
  };
  it.each([
    ['not JSON', 'garbage', 'unreadable'],
    ['another format version', document(entry, 2), 'foreign-version'],
    [
      "a Data API session token (another kind's value)",
      document({ token: 'abc', validUntil: null }),
      'unreadable',
    ],
    [
      'a token that is no FMID header',
      document({ ...entry, authorization: 'Bearer aaa.bbb.ccc' }),
      'unreadable',
    ],
    ['an extra field', document({ ...entry, password: 'x' }), 'unreadable'],
    ['a lifetime that is no number', document({ ...entry, lifetimeMs: '3600000' }), 'unreadable'],
  ])('%s in the store: discarded (reported), then a normal sign-in', async (_what, raw, reason) => {
    const tokenStore = memoryTokenStore();
    await tokenStore.set(clarisIdKey(mock.pool, DEV.clarisId), raw, { ttlMs: 60_000 }, ctx());
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({ tokenStore, onEvent: (event) => events.push(event) });
    const credentials = await strategy.authenticate(authContext());
    expect(credentials.authorization?.reveal()).not.toBe(entry.authorization);
    expect(events).toContainEqual({ type: 'store-value-discarded', store: 'memory', reason });
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
    // The strategy's own sign-in replaced the foreign value.
    expect(storedData(await tokenStore.get(clarisIdKey(mock.pool, DEV.clarisId), ctx()))).toMatchObject({
      authorization: credentials.authorization?.reveal(),
    });
  });

  it('a store that fails: every process signs in by itself, and says the store is unavailable', async () => {
    const tokenStore = failingStore();
    const events: FileMakerCloudEvent[] = [];
    const strategies = [1, 2].map(() =>
      mock.strategy({ tokenStore, onEvent: (event) => events.push(event) }),
    );
    const all = await Promise.all(strategies.map((strategy) => strategy.authenticate(authContext())));
    expect(all.every((credentials) => credentials.authorization?.reveal().startsWith('FMID '))).toBe(true);
    expect(tokenStore.calls).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === 'store-unavailable')).toEqual([
      { type: 'store-unavailable', store: 'failing', operation: 'get', error: expect.any(Error) },
      { type: 'store-unavailable', store: 'failing', operation: 'get', error: expect.any(Error) },
    ]);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 2 });
  });

  it('a store that hangs: the sign-in waits one storeTimeoutMs for it, no more', async () => {
    const tokenStore = hangingStore();
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({
      tokenStore,
      storeTimeoutMs: 100,
      onEvent: (event) => events.push(event),
    });
    const started = performance.now();
    await expect(strategy.authenticate(authContext())).resolves.toHaveProperty('authorization');
    expect(performance.now() - started).toBeLessThan(5_000);
    const unavailable = events.find((event) => event.type === 'store-unavailable');
    expect(unavailable).toMatchObject({ store: 'hanging', operation: 'get' });
    expect((unavailable as { error: Error }).error).toBeInstanceOf(TimeoutError);
  });

  it('a store that recovers is used again, and says so', async () => {
    const clock = new TestClock();
    const real = memoryTokenStore();
    let down = true;
    const flaky: TokenStore = {
      ...real,
      name: 'flaky',
      get: (key, c) => (down ? Promise.reject(new Error('down')) : real.get(key, c)),
    };
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({
      tokenStore: flaky,
      clock: clock.now,
      onEvent: (event) => events.push(event),
    });
    await strategy.authenticate(authContext());
    down = false;
    await mock.advance(clock, 56);
    await strategy.authenticate(authContext());
    expect(events.map((event) => event.type)).toEqual([
      'store-unavailable',
      'signed-in',
      'store-recovered',
      'signed-in',
    ]);
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('no token, refresh token or password in the strategy, its events or its errors', async () => {
    const clock = new TestClock();
    const tokenStore = memoryTokenStore();
    const events: FileMakerCloudEvent[] = [];
    const onEvent = (event: FileMakerCloudEvent) => events.push(event);
    const strategy = mock.strategy({ tokenStore, clock: clock.now, onEvent });
    const credentials = await strategy.authenticate(authContext());
    const idToken = credentials.authorization?.reveal().slice('FMID '.length) ?? '';
    const other = mock.strategy({ tokenStore, clock: clock.now, onEvent });
    await other.authenticate(authContext());
    await mock.advance(clock, 56);
    await other.authenticate(authContext());
    // A refresh that fails (throttled) has the stored refresh token on the wire.
    await mock.control.setOptions({ cognito: { throttle: true } });
    await mock.advance(clock, 56);
    const errors = [await rejectionOf(strategy.authenticate(authContext()))];
    await mock.control.setOptions({ cognito: { throttle: false } });
    errors.push(
      await rejectionOf(
        mock
          .strategy({ tokenStore: failingStore(), password: 'Leaky-wrong-pass-9' })
          .authenticate(authContext()),
      ),
    );

    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['signed-in', 'shared-token', 'sign-in-failed']),
    );
    const secrets = [DEV.password, 'Leaky-wrong-pass-9', idToken, REFRESH_TOKEN_HEADER];
    for (const [what, value] of Object.entries({ strategy, other, events })) {
      for (const text of renderings(value)) {
        for (const secret of secrets) expect(text.includes(secret), `${what} shows a secret`).toBe(false);
      }
    }
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) {
        for (const secret of secrets) expect(text.includes(secret), 'an error shows a secret').toBe(false);
      }
    }
  });
});
