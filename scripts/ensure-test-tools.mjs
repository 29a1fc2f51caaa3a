#!/usr/bin/env node
// Runs before `pnpm test`: some tests drive real programs from Debian's packages. Installs what is
// missing when we can (root with apt-get, as on a fresh CI machine), otherwise says exactly what to do
// for each, or how to skip the tests that need it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  {
    binary: '/usr/bin/chromium',
    script: 'install-chromium.sh',
    skip: 'FMAUTH_SKIP_BROWSER_TESTS',
    tests: 'The browser tests',
  },
  {
    binary: '/usr/bin/redis-server',
    script: 'install-redis.sh',
    skip: 'FMAUTH_SKIP_REDIS_TESTS',
    tests: 'The Redis token store tests',
  },
  {
    binary: '/usr/bin/tmux',
    script: 'install-tmux.sh',
    skip: 'FMAUTH_SKIP_TERMINAL_TESTS',
    tests: "The CLI's real-terminal tests",
  },
];

const canInstall =
  typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
let missing = 0;
for (const tool of TOOLS) {
  if (process.env[tool.skip] === '1' || existsSync(tool.binary)) continue;
  const script = new URL(tool.script, import.meta.url).pathname;
  if (canInstall) {
    console.error(
      `[test] installing ${tool.binary} for ${tool.tests.toLowerCase()} (scripts/${tool.script})`,
    );
    execFileSync('bash', [script], { stdio: 'inherit' });
    continue;
  }
  missing++;
  console.error(
    `[test] ${tool.tests} need ${tool.binary}. Install it with \`sudo bash scripts/${tool.script}\` (Debian/Ubuntu), or skip those tests with ${tool.skip}=1 pnpm test.`,
  );
}
process.exit(missing === 0 ? 0 : 1);
