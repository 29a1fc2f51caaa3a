import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** One test's outcome in a fixture run: the describe path, its title and its status. */
export interface FixtureResult {
  readonly path: readonly string[];
  readonly title: string;
  readonly status: string;
}

/**
 * Runs the fixture files whose names contain `filter` in a child vitest (their failures must not fail
 * this run) and returns the exit status and every test's outcome from the JSON reporter.
 */
export function runFixture(filter: string): { status: number | null; results: FixtureResult[] } {
  const vitest = require.resolve('vitest/package.json').replace(/package\.json$/, 'vitest.mjs');
  const config = fileURLToPath(new URL('fixtures/vitest.config.ts', import.meta.url));
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', config, '--reporter', 'json', filter], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`the fixture run printed no report:\n${run.stderr}`);
  const report = JSON.parse(run.stdout.slice(start));
  const results = report.testResults.flatMap(
    (file: { assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }) =>
      file.assertionResults.map((r) => ({ path: r.ancestorTitles, title: r.title, status: r.status })),
  );
  return { status: run.status, results };
}
