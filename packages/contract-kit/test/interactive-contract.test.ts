import { describe, expect, it } from 'vitest';
import { describeInteractiveStrategyContract } from '../src/index.js';
import { runFixture } from './run-fixture.js';

describe('the interactive contract', () => {
  it('fails a strategy that completes any return URL and replays', () => {
    const run = runFixture('interactive-careless');
    expect(run.status).not.toBe(0);
    const status = (title: string) => run.results.find((r) => r.title === title)?.status;
    // Its happy path works: the kit's browser leg really signs in.
    expect(status('the browser leg ends at the return URL and its strategy logs in')).toBe('passed');
    expect(status('two sign-ins get two sessions, and ending one leaves the other')).toBe('passed');
    // What it gets wrong is reported.
    expect(status("one sign-in's return does not complete another")).toBe('failed');
    expect(status('a replayed return URL is refused')).toBe('failed');
    // A denied sign-in it does refuse with a typed error (no identifier to take).
    expect(status('a denied sign-in is a typed error and opens no session')).toBe('passed');
    // No unmappedUser given: skipped, not passed.
    expect(status('a user without an account gets a typed error, at most one retry per call, no loop')).toBe(
      'skipped',
    );
  }, 180_000);

  it('refuses options it cannot run with, at declaration time', () => {
    expect(() =>
      describeInteractiveStrategyContract({ name: 'x', server: 'filemakerServer' } as never),
    ).toThrow(/interactive.begin/);
    expect(() =>
      describeInteractiveStrategyContract({
        name: 'x',
        server: 'filemakerServer',
        interactive: { begin: async () => ({}) as never, user: { username: '', password: '' } },
      }),
    ).toThrow(/interactive.user/);
  });
});
