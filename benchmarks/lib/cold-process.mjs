// Fresh Node processes for the cold-start benchmarks: each child prints one JSON line (its report) on
// stdout when done. CPU figures come from the child itself: process.cpuUsage() (user + system, every
// thread of the process) read right after the measured work, which counts from the process's start and
// so includes Node's own bootstrap; the child's teardown (closing connections, exit) is not counted.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spread } from './figures.mjs';

/** The path of a child script in lib/cold/. */
export function coldScript(name) {
  return fileURLToPath(new URL(`./cold/${name}`, import.meta.url));
}

/**
 * Runs `node [...nodeArgs] script ...args` with `COLD_CONFIG` = JSON of `config`; resolves with the
 * report (the last stdout line), and rejects with the child's stderr when it fails.
 */
export function runCold(script, { config = {}, args = [], nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, script, ...args],
      { env: { ...process.env, COLD_CONFIG: JSON.stringify(config) }, timeout: 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
          return;
        }
        const lines = stdout.trim().split('\n');
        resolve(JSON.parse(lines.at(-1)));
      },
    );
  });
}

/** CPU milliseconds this process has used since it started (user + system, all threads). */
export function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** One line per checkpoint of the children's reports: the CPU each stage took, over the rounds. */
export function stageLines(reports, indent = '      ') {
  return reports[0].checkpoints
    .map(([label], i) => {
      const deltas = reports.map((r) => r.checkpoints[i][1] - (i === 0 ? 0 : r.checkpoints[i - 1][1]));
      return `${indent}${label}: ${spread(deltas, 1, ' ms')}`;
    })
    .join('\n');
}
