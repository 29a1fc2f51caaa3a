#!/usr/bin/env node
// Runs before `pnpm test`: the mock server's browser tests need Debian's Chromium. Installs it when we
// can (root with apt-get, as on a fresh CI machine), otherwise says exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const script = new URL('install-chromium.sh', import.meta.url).pathname;

if (process.env.FMAUTH_SKIP_BROWSER_TESTS === '1' || existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.error('[test] installing Chromium for the browser tests (scripts/install-chromium.sh)');
  execFileSync('bash', [script], { stdio: 'inherit' });
  process.exit(0);
}
console.error(
  `[test] The browser tests need Chromium at ${CHROMIUM}. Install it with \`sudo bash scripts/install-chromium.sh\` (Debian/Ubuntu), or skip those tests with FMAUTH_SKIP_BROWSER_TESTS=1 pnpm test.`,
);
process.exit(1);
