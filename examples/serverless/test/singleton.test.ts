import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Fmauth from '../src/fmauth.js';
import { encryptionKeysFromEnv } from '../src/settings.js';
import { examplePath, type Variant } from './support/backends.js';

// What Next.js dev does on every edit: evaluate the module again, as a new module instance.
let copies = 0;
async function freshCopy(path: string): Promise<typeof Fmauth> {
  copies++;
  return import(`${path}?copy=${copies}`);
}

// Port 1: nothing listens there, and nothing connects anyway: creating the store, the strategy and the
// session does no I/O.
function stubSettings() {
  vi.stubEnv('REDIS_URL', 'redis://127.0.0.1:1');
  vi.stubEnv('FM_SERVER_URL', 'http://127.0.0.1:1');
  vi.stubEnv('FM_DATABASE', 'Contacts');
  vi.stubEnv('FM_USERNAME', 'admin');
  vi.stubEnv('FM_PASSWORD', 'admin-pass');
}

const sources: Record<Variant | 'src', string> = {
  src: new URL('../src/fmauth.ts', import.meta.url).pathname,
  ts: examplePath('ts', 'fmauth'),
  js: examplePath('js', 'fmauth'),
};

describe.each(Object.keys(sources) as Array<keyof typeof sources>)('the fmauth singleton (%s)', (variant) => {
  afterEach(() => vi.unstubAllEnvs());

  it('survives re-evaluation: two copies of the module, one session; after shutdown, a new one', async () => {
    stubSettings();
    const first = await freshCopy(sources[variant]);
    const second = await freshCopy(sources[variant]);
    expect(second).not.toBe(first); // really two evaluations, or this test proves nothing
    const fmauth = first.getFmauth();
    expect(second.getFmauth()).toBe(fmauth);
    expect(second.getFmauth().session).toBe(fmauth.session);
    expect(fmauth.session.sharesToken).toBe(true);

    await second.shutdownFmauth();
    expect(fmauth.session.closed).toBe(true);
    const next = first.getFmauth();
    expect(next).not.toBe(fmauth);
    expect(next.session.closed).toBe(false);
    await first.shutdownFmauth();
  });

  it('reads its settings at first use, not at import, and names what is missing', async () => {
    stubSettings();
    vi.stubEnv('FM_SERVER_URL', undefined);
    const copy = await freshCopy(sources[variant]);
    expect(() => copy.getFmauth()).toThrow('Set FM_SERVER_URL in the environment');
  });
});

describe('FMAUTH_TOKEN_KEYS', () => {
  it('splits comma-separated keys, newest first, and means "no encryption" when empty', () => {
    expect(encryptionKeysFromEnv({ FMAUTH_TOKEN_KEYS: 'new,old' })).toEqual(['new', 'old']);
    expect(encryptionKeysFromEnv({ FMAUTH_TOKEN_KEYS: ' new , ,old ' })).toEqual([' new ', 'old ']);
    expect(encryptionKeysFromEnv({ FMAUTH_TOKEN_KEYS: '' })).toBeUndefined();
    expect(encryptionKeysFromEnv({})).toBeUndefined();
  });
});
