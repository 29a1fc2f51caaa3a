import { memoryTokenStore, type TokenStore } from '@fmauth/core';
import { describe, expect, it } from 'vitest';
import { type FileMakerCloudOptions, fileMakerCloud } from '../src/index.js';

const valid = { clarisId: 'Dev@Example.com', password: 'ClarisID-pass-1' } as const;
const make = (options: unknown) => () =>
  fileMakerCloud({ ...valid, ...(options as object) } as FileMakerCloudOptions);

describe('token-store options are checked when the strategy is created', () => {
  it('declares the lowercased Claris ID as its identity, with or without a store', () => {
    expect(fileMakerCloud(valid).identity).toBe('dev@example.com');
    expect(fileMakerCloud({ ...valid, tokenStore: memoryTokenStore() }).identity).toBe('dev@example.com');
  });

  it('touches no store until the first sign-in', () => {
    const calls: string[] = [];
    const store = memoryTokenStore();
    const recording = Object.fromEntries(
      Object.entries(store).map(([name, value]) => [
        name,
        typeof value === 'function'
          ? (...args: unknown[]) => {
              calls.push(name);
              return (value as (...a: unknown[]) => unknown)(...args);
            }
          : value,
      ]),
    ) as unknown as TokenStore;
    fileMakerCloud({ ...valid, tokenStore: recording, tokenEncryptionKeys: [Buffer.alloc(32, 1)] });
    expect(calls).toEqual([]);
  });

  it.each([
    [
      'a store without methods',
      { tokenStore: { name: 'x' } },
      'ERR_INVALID_ARG_TYPE',
      /"tokenStore" must be a TokenStore/,
    ],
    [
      'a store claiming locks it lacks',
      { tokenStore: { ...memoryTokenStore(), acquireLock: undefined } },
      'ERR_INVALID_ARG_TYPE',
      /supports locks but has no acquireLock/,
    ],
    ['a short key', { tokenEncryptionKeys: [Buffer.alloc(16)] }, 'ERR_INVALID_ARG_VALUE', /exactly 32 bytes/],
    ['an empty key list', { tokenEncryptionKeys: [] }, 'ERR_INVALID_ARG_TYPE', /tokenEncryptionKeys/],
    [
      'the same key twice',
      { tokenEncryptionKeys: [Buffer.alloc(32), Buffer.alloc(32)] },
      'ERR_INVALID_ARG_VALUE',
      /same key twice/,
    ],
    ['a zero store timeout', { storeTimeoutMs: 0 }, 'ERR_INVALID_ARG_VALUE', /"storeTimeoutMs"/],
    ['a negative lock lifetime', { signInLockMs: -5 }, 'ERR_INVALID_ARG_VALUE', /"signInLockMs"/],
    [
      'an infinite refresh-token lifetime',
      { refreshTokenLifetimeMs: Number.POSITIVE_INFINITY },
      'ERR_INVALID_ARG_VALUE',
      /"refreshTokenLifetimeMs"/,
    ],
  ])('rejects %s with a coded TypeError', (_what, options, code, message) => {
    expect(make(options)).toThrow(TypeError);
    expect(make(options)).toThrow(message);
    expect(make(options)).toThrow(expect.objectContaining({ code }));
  });

  it('never quotes an encryption key in its errors', () => {
    const key = 'c2VjcmV0LWtleS10aGF0LWlzLXRvby1zaG9ydA==';
    expect(make({ tokenEncryptionKeys: [key] })).toThrow(/32 bytes/);
    expect(make({ tokenEncryptionKeys: [key] })).not.toThrow(new RegExp(key.slice(0, 12)));
  });
});
