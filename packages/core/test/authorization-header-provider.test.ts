import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type AuthenticateContext,
  type AuthorizationEvent,
  type AuthStrategy,
  basicAuthorization,
  createAuthorizationHeaderProvider,
  type InvalidateContext,
  InvalidCredentialsError,
  type LoginCredentials,
  Secret,
  SessionClosedError,
  UnsupportedError,
} from '../src/index.js';

const BASE = { baseUrl: 'https://fms.example.com', database: 'Contacts' };

/** A strategy that hands out a new FMID-like header per authenticate(), recording what core told it. */
function countingStrategy(options: { lifetimeMs?: number; clock?: () => number; delayMs?: number } = {}) {
  const calls: AuthenticateContext[] = [];
  const invalidations: InvalidateContext[] = [];
  let issued = 0;
  const strategy: AuthStrategy = {
    id: 'test-counting',
    flavors: ['filemaker-cloud'],
    async authenticate(ctx): Promise<LoginCredentials> {
      calls.push(ctx);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      issued++;
      const now = (options.clock ?? Date.now)();
      return {
        authorization: new Secret(`FMID token-number-${issued}-secret`),
        ...(options.lifetimeMs === undefined ? {} : { validUntil: now + options.lifetimeMs }),
      };
    },
    invalidate(ctx) {
      invalidations.push(ctx);
    },
  };
  return { strategy, calls, invalidations };
}

describe('createAuthorizationHeaderProvider', () => {
  it('asks the strategy once for any number of concurrent cold callers, then serves the cached header', async () => {
    const { strategy, calls } = countingStrategy({ delayMs: 20 });
    const provider = createAuthorizationHeaderProvider(strategy, BASE);
    const headers = await Promise.all(Array.from({ length: 1000 }, () => provider.getAuthorizationHeader()));
    expect(new Set(headers)).toEqual(new Set(['FMID token-number-1-secret']));
    await provider.getAuthorizationHeader();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ reason: 'initial', api: 'odata', database: 'Contacts' });
    expect(calls[0]?.baseUrl.href).toBe('https://fms.example.com/');
  });

  it('passes the api option on to the strategy', async () => {
    const { strategy, calls } = countingStrategy();
    const provider = createAuthorizationHeaderProvider(strategy, { ...BASE, api: 'admin-api' });
    await provider.getAuthorizationHeader();
    expect(calls[0]?.api).toBe('admin-api');
  });

  it('replaces the header before the strategy says it expires, less the margin', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const { strategy, calls } = countingStrategy({ lifetimeMs: 60 * 60_000, clock });
    const provider = createAuthorizationHeaderProvider(strategy, { ...BASE, clock, refreshMarginMs: 60_000 });
    const first = await provider.getAuthorizationHeader();
    now += 58 * 60_000 + 59_000; // one second before expiry less the margin
    expect(await provider.getAuthorizationHeader()).toBe(first);
    now += 1_000;
    const second = await provider.getAuthorizationHeader();
    expect(second).not.toBe(first);
    expect(calls.map((call) => call.reason)).toEqual(['initial', 'expired']);
  });

  it('uses a token with little time left for half of it instead of fetching one per call', async () => {
    let now = 0;
    const clock = () => now;
    const { strategy, calls } = countingStrategy({ lifetimeMs: 10_000, clock });
    const provider = createAuthorizationHeaderProvider(strategy, { ...BASE, clock, refreshMarginMs: 60_000 });
    await provider.getAuthorizationHeader();
    now = 4_999;
    await provider.getAuthorizationHeader();
    expect(calls).toHaveLength(1);
    now = 5_000;
    await provider.getAuthorizationHeader();
    expect(calls).toHaveLength(2);
  });

  it('on invalidate(), tells the strategy once however many requests report the same header, then fetches with reason "rejected"', async () => {
    const { strategy, calls, invalidations } = countingStrategy();
    const provider = createAuthorizationHeaderProvider(strategy, BASE);
    const refused = await provider.getAuthorizationHeader();
    await Promise.all(Array.from({ length: 50 }, () => provider.invalidate(refused)));
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]?.api).toBe('odata');
    expect(invalidations[0]?.error).toBeInstanceOf(InvalidCredentialsError);
    const fresh = await provider.getAuthorizationHeader();
    expect(fresh).not.toBe(refused);
    expect(calls.map((call) => call.reason)).toEqual(['initial', 'rejected']);
    // A late report of the old header changes nothing.
    await provider.invalidate(refused);
    expect(await provider.getAuthorizationHeader()).toBe(fresh);
    expect(invalidations).toHaveLength(1);
    // Without a header, whatever is cached is dropped.
    await provider.invalidate();
    expect(await provider.getAuthorizationHeader()).not.toBe(fresh);
    expect(invalidations).toHaveLength(2);
  });

  it('waits for an asynchronous invalidate() before asking for new credentials', async () => {
    const order: string[] = [];
    let issued = 0;
    const strategy: AuthStrategy = {
      id: 'test-slow-invalidate',
      flavors: ['filemaker-cloud'],
      authenticate() {
        order.push('authenticate');
        return { authorization: new Secret(`FMID t${++issued}`) };
      },
      async invalidate() {
        order.push('invalidate start');
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('invalidate end');
      },
    };
    const provider = createAuthorizationHeaderProvider(strategy, BASE);
    await provider.getAuthorizationHeader();
    void provider.invalidate();
    expect(await provider.getAuthorizationHeader()).toBe('FMID t2');
    expect(order).toEqual(['authenticate', 'invalidate start', 'invalidate end', 'authenticate']);
  });

  it('passes the strategy’s typed error on to every waiting caller, and tries again on the next call', async () => {
    let fail = true;
    const strategy: AuthStrategy = {
      id: 'test-failing',
      flavors: ['filemaker-cloud'],
      hints: { FMAUTH_INVALID_CREDENTIALS: 'use the right password' },
      authenticate() {
        if (fail)
          throw new InvalidCredentialsError('Claris ID refused the password.', {
            strategyId: 'test-failing',
          });
        return { authorization: basicAuthorization('admin', 'admin-pass') };
      },
    };
    const events: AuthorizationEvent[] = [];
    const provider = createAuthorizationHeaderProvider(strategy, {
      ...BASE,
      onEvent: (event) => events.push(event),
    });
    const results = await Promise.allSettled([
      provider.getAuthorizationHeader(),
      provider.getAuthorizationHeader(),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(InvalidCredentialsError);
    }
    fail = false;
    expect(await provider.getAuthorizationHeader()).toMatch(/^Basic /);
    expect(events.map((event) => event.type)).toEqual(['login-failed', 'login']);
  });

  it('rejects with UnsupportedError when the strategy sends no Authorization header', async () => {
    const strategy: AuthStrategy = {
      id: 'test-oauth-only',
      flavors: ['filemaker-server'],
      authenticate: () => ({
        headers: { 'X-FM-Data-OAuth-Identifier': new Secret('oauth-identifier-secret') },
      }),
    };
    const provider = createAuthorizationHeaderProvider(strategy, BASE);
    const error = await provider.getAuthorizationHeader().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(String(error)).not.toContain('oauth-identifier-secret');
  });

  it('keeps the header out of util.inspect, JSON.stringify and String()', async () => {
    const { strategy } = countingStrategy();
    const provider = createAuthorizationHeaderProvider(strategy, BASE);
    const header = await provider.getAuthorizationHeader();
    const secretPart = header.slice('FMID '.length);
    for (const text of [
      inspect(provider, { depth: 10, showHidden: true }),
      JSON.stringify(provider),
      String(provider),
    ]) {
      expect(text).not.toContain(secretPart);
    }
    expect(JSON.parse(JSON.stringify(provider))).toMatchObject({ strategy: 'test-counting', api: 'odata' });
  });

  it('never writes Basic credentials anywhere but the header it returns', async () => {
    const provider = createAuthorizationHeaderProvider(
      {
        id: 'basic',
        flavors: ['filemaker-server'],
        authenticate: () => ({ authorization: basicAuthorization('admin', 'admin-pass') }),
      },
      BASE,
    );
    expect(await provider.getAuthorizationHeader()).toBe(
      `Basic ${Buffer.from('admin:admin-pass').toString('base64')}`,
    );
    expect(inspect(provider, { showHidden: true, depth: 10 })).not.toContain('YWRtaW46YWRtaW4tcGFzcw');
  });

  it('rejects with SessionClosedError after close(), and close() is idempotent', async () => {
    const { strategy } = countingStrategy();
    await using provider = createAuthorizationHeaderProvider(strategy, BASE);
    await provider.getAuthorizationHeader();
    await provider.close();
    await provider.close();
    expect(provider.closed).toBe(true);
    await expect(provider.getAuthorizationHeader()).rejects.toBeInstanceOf(SessionClosedError);
  });

  it.each([
    ['no strategy', () => createAuthorizationHeaderProvider(undefined as never, BASE), /strategy/],
    [
      'no options',
      () => createAuthorizationHeaderProvider(countingStrategy().strategy, undefined as never),
      /baseUrl/,
    ],
    [
      'a bad api',
      () => createAuthorizationHeaderProvider(countingStrategy().strategy, { ...BASE, api: 'soap' as never }),
      /api/,
    ],
    [
      'a negative margin',
      () => createAuthorizationHeaderProvider(countingStrategy().strategy, { ...BASE, refreshMarginMs: -1 }),
      /refreshMarginMs/,
    ],
    [
      'plain http to a remote host',
      () =>
        createAuthorizationHeaderProvider(countingStrategy().strategy, { baseUrl: 'http://fms.example.com' }),
      /http/,
    ],
  ])('refuses %s with a TypeError', (_name, create, message) => {
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });
});
