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
