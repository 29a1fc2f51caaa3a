// Runs a server in its own process so the load generator in this process never shares its thread:
// the figures then compare servers, not event-loop contention.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Starts `node script ...args`; the script prints one JSON line on stdout when ready. */
export async function startChild(script, args = []) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not become ready`)), 15_000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline !== -1) {
        clearTimeout(timer);
        resolve(JSON.parse(buffer.slice(0, newline)));
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    ready,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** The mock server's CLI, resolved through the workspace dependency. */
export function mockCli() {
  return require.resolve('@fmauth/mock-server/package.json').replace(/package\.json$/, 'bin/fmauth-mock.js');
}
