import { describe, expect, it } from 'vitest';
import { describeStrategyContract } from '../src/index.js';
import { runFixture } from './run-fixture.js';

describe('the contract kit fails strategies that break the contract', () => {
  it('reports a strategy that exposes its password as a property', () => {
    const run = runFixture('leaky-strategy');
    expect(run.status).not.toBe(0);
    const failed = run.results.filter((r) => r.status === 'failed').map((r) => r.title);
    expect(failed).toEqual(
      expect.arrayContaining([
        'no secret in the strategy, its credentials or a logged-in session',
        'no secret in the errors of rejected logins',
      ]),
    );
    // The parts it does get right still pass.
    expect(run.results).toContainEqual(
      expect.objectContaining({
        title: 'logs in on the first call and reads records with the session token',
        status: 'passed',
      }),
    );
  });

  it('reports strategies that break what they declare (identity, invalidate, flavors)', () => {
    const run = runFixture('bad-strategies');
    expect(run.status).not.toBe(0);
    const status = (strategy: string, title: string) =>
      run.results.find((r) => r.path[0] === `fmauth strategy contract: ${strategy}` && r.title === title)
        ?.status;
    const identity = 'identity, when declared, is a non-empty string that contains none of the secrets';
    expect(status('identity holds the password', identity)).toBe('failed');
    const retry =
      'when the server refuses its credentials once, invalidate() and one retry with reason "rejected" log in';
    expect(status('invalidate breaks the strategy', retry)).toBe('failed');
    const flavor = 'the strategy declares the flavor of the server it is tested against';
    expect(status('declares the wrong flavor', flavor)).toBe('failed');
    // Each fails only where it is broken, and the gated tests run only for what is declared.
    const login = 'logs in on the first call and reads records with the session token';
    for (const strategy of [
      'identity holds the password',
      'invalidate breaks the strategy',
      'declares the wrong flavor',
    ]) {
      expect(status(strategy, login), strategy).toBe('passed');
    }
    expect(status('invalidate breaks the strategy', identity)).toBe('skipped');
    expect(status('identity holds the password', retry)).toBe('skipped');
  });

  it('reports a third-party strategy that fails untyped, and with its secret, when its own service fails', () => {
    const run = runFixture('careless-third-party');
    expect(run.status).not.toBe(0);
    const status = (title: string) => run.results.find((r) => r.title === title)?.status;
    const on = 'on your services during the login';
    expect(status(`reset ${on}: the login ends in NetworkError`)).toBe('failed');
    for (const kind of ['server-error', 'bad-gateway', 'html-401', 'truncated-json'])
      expect(status(`${kind} ${on}: the login ends in a typed FmAuthError`), kind).toBe('failed');
    // What it gets right still passes: a slow IdP, the login itself.
    expect(status(`delay ${on}: the login succeeds after waiting`)).toBe('passed');
    expect(status('logs in on the first call and reads records with the session token')).toBe('passed');
  });

  it('refuses a contract without rejected strategies or secrets', () => {
    const base = { name: 'x', server: 'filemakerServer', validStrategy: () => ({}) as never };
    expect(() => describeStrategyContract({ ...base, rejectedStrategies: {}, secrets: ['a'] })).toThrow(
      /rejectedStrategies/,
    );
    expect(() =>
      describeStrategyContract({ ...base, rejectedStrategies: { a: () => ({}) as never }, secrets: [] }),
    ).toThrow(/secrets/);
  });
});
