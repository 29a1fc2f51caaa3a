import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeStrategyContract } from '../src/index.js';

const require = createRequire(import.meta.url);

describe('the contract kit fails strategies that break the contract', () => {
  it('reports a strategy that exposes its password as a property', () => {
    const vitest = require.resolve('vitest/package.json').replace(/package\.json$/, 'vitest.mjs');
    const config = fileURLToPath(new URL('fixtures/vitest.config.ts', import.meta.url));
    const run = spawnSync(process.execPath, [vitest, 'run', '--config', config, '--reporter', 'json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    const results = report.testResults.flatMap(
      (file: { assertionResults: Array<{ title: string; status: string }> }) =>
        file.assertionResults.map((r) => [r.title, r.status]),
    );
    const failed = results
      .filter(([, status]: string[]) => status === 'failed')
      .map(([title]: string[]) => title);
    expect(failed).toEqual(
      expect.arrayContaining([
        'no secret in the strategy, its credentials or a logged-in session',
        'no secret in the errors of rejected logins',
      ]),
    );
    // The parts it does get right still pass.
    expect(results).toContainEqual([
      'logs in on the first call and reads records with the session token',
      'passed',
    ]);
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
