#!/usr/bin/env node
// Quick start for a fresh machine with only Node.js and npm:
// installs the pinned pnpm if needed, installs the workspace, builds, then starts the mock server.
// Extra arguments go to the mock server: `npm start -- --port 8080 --json`.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pnpmVersion = packageManager.split('@')[1];
const isWindows = process.platform === 'win32';

function installedPnpmVersion() {
  try {
    return execFileSync(isWindows ? 'pnpm.cmd' : 'pnpm', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// Setup chatter goes to stderr, so stdout carries only the mock's own output (e.g. its --json line).
function run(cmd, args) {
  execFileSync(isWindows ? `${cmd}.cmd` : cmd, args, {
    stdio: ['inherit', process.stderr, 'inherit'],
    cwd: root,
  });
}

if (installedPnpmVersion() !== pnpmVersion) {
  console.error(`[setup] installing pnpm@${pnpmVersion} with npm`);
  run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]);
}
console.error('[setup] installing the workspace');
run('pnpm', ['install', '--frozen-lockfile']);
console.error('[setup] building');
run('pnpm', ['build']);
console.error('[setup] starting the mock server (Ctrl-C stops it; next time just run `pnpm mock`)');
const mock = spawn(process.execPath, ['apps/mock-server/dist/cli.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => mock.kill(signal));
mock.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
