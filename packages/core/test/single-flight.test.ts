import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStrategy } from '../src/index.js';
import { basicStrategy, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

describe('single-flight login', () => {
  it('1000 concurrent callers on a cold session share exactly one login', async () => {
    const strategy = basicStrategy();
    const session = mock.session({ strategy });
    const results = await Promise.all(Array.from({ length: 1000 }, () => session.layouts()));
    expect(results).toHaveLength(1000);
    expect(strategy.calls).toEqual(['initial']);
    expect(mock.stats()).toMatchObject({ successfulLogins: 1, activeSessions: 1 });
  });

  it('callers that all see the same expired token share one re-login', async () => {
    const strategy = basicStrategy();
    const session = mock.session({ strategy });
    await session.layouts();
    mock.server.mock.clock.advance(16 * 60_000);
    await Promise.all(Array.from({ length: 200 }, () => session.layouts()));
    expect(strategy.calls).toEqual(['initial', 'expired']);
    expect(mock.stats().successfulLogins).toBe(2);
  });

  it('shares a slow strategy sign-in between callers', async () => {
    let signIns = 0;
    const inner = basicStrategy();
    const slow: AuthStrategy = {
      ...inner,
      async authenticate(ctx) {
        signIns++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return inner.authenticate(ctx);
      },
    };
    const session = mock.session({ strategy: slow });
    await Promise.all(Array.from({ length: 100 }, () => session.layouts()));
    expect(signIns).toBe(1);
  });

  it('a failed login is shared by its waiters and the next call tries again', async () => {
    const strategy = basicStrategy('admin', 'wrong');
    const session = mock.session({ strategy });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => session.layouts()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(mock.stats().failedLogins).toBe(1);
    await session.layouts().catch(() => undefined);
    expect(mock.stats().failedLogins).toBe(2);
  });

  it('two sessions sharing one strategy each log in once', async () => {
    const strategy = basicStrategy();
    const a = mock.session({ strategy });
    const b = mock.session({ strategy });
    await Promise.all([
      ...Array.from({ length: 20 }, () => a.layouts()),
      ...Array.from({ length: 20 }, () => b.layouts()),
    ]);
    expect(strategy.calls).toEqual(['initial', 'initial']);
  });
});
