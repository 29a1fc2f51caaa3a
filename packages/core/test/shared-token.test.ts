import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenStore, type SessionEvent, type TokenStore, tokenKey } from '../src/index.js';
import { basicStrategy, useMock } from './helpers.js';
import { recordingStore } from './support/recording-store.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

/** The basic test strategy, declaring which account it logs in as (so its tokens may be shared). */
function accountStrategy(username = 'admin', password = 'admin-pass') {
  return Object.assign(basicStrategy(username, password), { identity: username });
}

const types = (events: readonly SessionEvent[]) => events.map((event) => event.type);

describe('sessions sharing a token store', () => {
  it('many sessions and 500 concurrent callers share exactly one login', async () => {
    const tokenStore = memoryTokenStore();
    const sessions = Array.from({ length: 5 }, () =>
      mock.session({ strategy: accountStrategy(), tokenStore }),
    );
    await Promise.all(sessions.flatMap((session) => Array.from({ length: 100 }, () => session.layouts())));
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, activeSessions: 1 });
    expect(sessions.every((session) => session.sharesToken)).toBe(true);
    const shared = sessions.flatMap((session) => session.events.filter((e) => e.type === 'shared-token'));
    expect(shared).toHaveLength(4);
  });

  it('a session created later uses the stored token without logging in', async () => {
    const tokenStore = memoryTokenStore();
    await mock.session({ strategy: accountStrategy(), tokenStore }).layouts();
    const strategy = accountStrategy();
    const later = mock.session({ strategy, tokenStore });
    await later.layouts();
    expect(strategy.calls).toEqual([]);
    expect(mock.stats().successfulLogins).toBe(1);
    expect(later.events).toEqual([{ type: 'shared-token', store: 'memory', waitedMs: 0 }]);
  });

  it('after a server-side expiry exactly one session logs in again and the others take its token', async () => {
    const tokenStore = memoryTokenStore();
    const sessions = Array.from({ length: 4 }, () =>
      mock.session({ strategy: accountStrategy(), tokenStore }),
    );
    await Promise.all(sessions.map((session) => session.layouts()));
    await fetch(`${mock.server.url}/__control/sessions/expire`, { method: 'POST' });
    await Promise.all(sessions.flatMap((session) => Array.from({ length: 50 }, () => session.layouts())));
    expect(mock.stats().successfulLogins).toBe(2);
  });

  it('two accounts never share a token', async () => {
    const tokenStore = memoryTokenStore();
    const admin = mock.session({ strategy: accountStrategy(), tokenStore });
    const other = mock.session({ strategy: accountStrategy('Admin'), tokenStore });
    await Promise.all([admin.layouts(), other.layouts()]);
    expect(mock.stats().successfulLogins).toBe(2);
  });

  it('a store with a strategy that declares no identity is refused at construction, not ignored', () => {
    const tokenStore = memoryTokenStore();
    expect(() => mock.session({ strategy: basicStrategy(), tokenStore })).toThrow(/identity/);
    const plain = mock.session({ strategy: basicStrategy() });
    expect(plain.sharesToken).toBe(false);
  });

  it('different databases, servers or external data sources get different keys', async () => {
    const base = { kind: 'data-api', server: 'https://a', strategyId: 's', identity: 'u', database: 'D' };
    const keys = new Set([
      tokenKey(base),
      tokenKey({ ...base, database: 'E' }),
      tokenKey({ ...base, server: 'https://b' }),
      tokenKey({ ...base, server: 'https://a/prefix' }),
      tokenKey({ ...base, strategyId: 't' }),
      tokenKey({ ...base, identity: 'v' }),
      tokenKey({ ...base, extra: ['Other\u0000admin'] }),
    ]);
    expect(keys.size).toBe(7);
  });

  it('close() leaves a shared session open for the others; close({ logout: true }) ends it', async () => {
    const tokenStore = memoryTokenStore();
    const a = mock.session({ strategy: accountStrategy(), tokenStore });
    const b = mock.session({ strategy: accountStrategy(), tokenStore });
    await a.layouts();
    await a.close();
    expect(mock.stats().activeSessions).toBe(1);
    await b.layouts();
    expect(mock.stats().successfulLogins).toBe(1);
    await b.close({ logout: true });
    expect(mock.stats().activeSessions).toBe(0);
    expect(types(b.events)).toContain('logout');
  });

  it('logout() ends the shared session for everyone, even from a session that never used it', async () => {
    const tokenStore = memoryTokenStore();
    const a = mock.session({ strategy: accountStrategy(), tokenStore });
    await a.layouts();
    const b = mock.session({ strategy: accountStrategy(), tokenStore });
    await b.logout();
    expect(mock.stats().activeSessions).toBe(0);
    await a.layouts();
    expect(mock.stats().successfulLogins).toBe(2);
  });

  it('keys and values hold no password; the token itself only when not encrypted', async () => {
    const tokenStore = recordingStore(memoryTokenStore());
    const session = mock.session({ strategy: accountStrategy('admin', 'admin-pass'), tokenStore });
    await session.layouts();
    const written = tokenStore.writes.at(-1);
    expect(written?.key).toMatch(/^data-api:[\w-]{43}$/);
    expect(JSON.stringify(tokenStore.writes)).not.toContain('admin-pass');
    expect(JSON.stringify(tokenStore.writes)).not.toContain('admin');
    expect(JSON.parse(written?.value ?? '{}')).toMatchObject({
      fmauth: 1,
      data: { token: expect.any(String) },
    });
  });
});

describe('encryption at rest', () => {
  const keyA = Buffer.alloc(32, 1);
  const keyB = Buffer.alloc(32, 2).toString('base64');

  it('stores AES-256-GCM ciphertext, and a session with the key reads it back', async () => {
    const tokenStore = recordingStore(memoryTokenStore());
    const a = mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyA] });
    await a.layouts();
    const value = tokenStore.writes.at(-1)?.value ?? '';
    expect(Object.keys(JSON.parse(value))).toEqual(['fmauth', 'kid', 'iv', 'ct']);
    const b = mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyA] });
    await b.layouts();
    expect(mock.stats().successfulLogins).toBe(1);
  });

  it('rotation: values written with the old key are read while the new key encrypts', async () => {
    const tokenStore = memoryTokenStore();
    await mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyA] }).layouts();
    const rotated = mock.session({
      strategy: accountStrategy(),
      tokenStore,
      tokenEncryptionKeys: [keyB, keyA],
    });
    await rotated.layouts();
    expect(mock.stats().successfulLogins).toBe(1);
  });

  it('a wrong or rotated-away key is a miss, reported, and the session logs in again', async () => {
    const tokenStore = memoryTokenStore();
    await mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyA] }).layouts();
    const other = mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyB] });
    await other.layouts();
    expect(mock.stats().successfulLogins).toBe(2);
    expect(other.events).toContainEqual({
      type: 'store-value-discarded',
      store: 'memory',
      reason: 'undecryptable',
    });
  });

  it('with keys set, a plain value (planted by anyone who can write to the store) is ignored', async () => {
    const tokenStore = memoryTokenStore();
    await mock.session({ strategy: accountStrategy(), tokenStore }).layouts();
    const strict = mock.session({ strategy: accountStrategy(), tokenStore, tokenEncryptionKeys: [keyA] });
    await strict.layouts();
    expect(strict.events).toContainEqual(expect.objectContaining({ reason: 'unencrypted' }));
  });

  it('rejects keys of the wrong size without showing them', () => {
    const secret = 'c2hvcnQta2V5LXNob3J0LWtleQ==';
    let message = '';
    try {
      mock.session({ strategy: accountStrategy(), tokenEncryptionKeys: [secret] });
    } catch (error) {
      message = String(error) + inspect(error);
    }
    expect(message).toMatch(/32 bytes/);
    expect(message).not.toContain(secret);
  });
});

describe('unusable stored values are misses, never crashes', () => {
  const cases: Array<[string, (value: string) => string, string]> = [
    ['garbage', () => '\u0000not json at all', 'unreadable'],
    ['a foreign format version', (v) => v.replace('"fmauth":1', '"fmauth":99'), 'foreign-version'],
    ['an expired value', (v) => v.replace(/"exp":\d+/, '"exp":1'), 'expired'],
    [
      'a value of the right version but the wrong shape',
      () => '{"fmauth":1,"exp":9e15,"data":{"token":7}}',
      'unreadable',
    ],
    [
      'an encrypted value and no key',
      () => '{"fmauth":1,"kid":"x","iv":"AAAA","ct":"AAAA"}',
      'undecryptable',
    ],
  ];
  for (const [what, corrupt, reason] of cases) {
    it(`${what} → ${reason}`, async () => {
      const tokenStore = recordingStore(memoryTokenStore());
      await mock.session({ strategy: accountStrategy(), tokenStore }).layouts();
      const { key, value } = tokenStore.writes.at(-1) ?? { key: '', value: '' };
      await tokenStore.set(key, corrupt(value), { ttlMs: 60_000 }, { signal: AbortSignal.timeout(1000) });
      const session = mock.session({ strategy: accountStrategy(), tokenStore });
      await expect(session.layouts()).resolves.toBeDefined();
      expect(session.events).toContainEqual({ type: 'store-value-discarded', store: 'memory', reason });
      expect(mock.stats().successfulLogins).toBe(2);
    });
  }
});

describe('a store that fails or hangs never fails a call', () => {
  for (const fault of ['throws', 'hangs'] as const) {
    it(`every call succeeds while the store ${fault}, and sharing resumes when it answers again`, async () => {
      const tokenStore = recordingStore(memoryTokenStore());
      tokenStore.fault = fault;
      let now = Date.now();
      const session = mock.session({
        strategy: accountStrategy(),
        tokenStore,
        timeouts: { storeMs: 100 },
        clock: () => now,
      });
      const started = Date.now();
      await Promise.all(Array.from({ length: 20 }, () => session.layouts()));
      expect(Date.now() - started).toBeLessThan(3_000);
      const unavailable = session.events.filter((e) => e.type === 'store-unavailable');
      expect(unavailable).toHaveLength(1);
      expect(String(unavailable[0]?.type === 'store-unavailable' && unavailable[0].error)).not.toContain(
        'admin-pass',
      );
      tokenStore.fault = undefined;
      // The outage pause (5 s) passes; the next store call (after a server-side expiry) finds it back.
      now += 6_000;
      await fetch(`${mock.server.url}/__control/sessions/expire`, { method: 'POST' });
      await session.layouts();
      expect(types(session.events).slice(-3)).toEqual(['session-rejected', 'store-recovered', 'login']);
      expect(tokenStore.writes).toHaveLength(1);
      const other = mock.session({ strategy: accountStrategy(), tokenStore });
      await other.layouts();
      expect(mock.stats().successfulLogins).toBe(2);
    });
  }

  it('a store object that is not a TokenStore is a TypeError at construction', () => {
    expect(() => mock.session({ tokenStore: {} as TokenStore })).toThrow(/TokenStore/);
  });
});
