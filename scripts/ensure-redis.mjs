#!/usr/bin/env node
// Runs before `pnpm test`: the Redis token store's tests start real redis-server processes. Installs
// Debian's redis-server when we can (root with apt-get, as on a fresh CI machine), otherwise says
// exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const REDIS_SERVER = '/usr/bin/redis-server';
const script = new URL('install-redis.sh', import.meta.url).pathname;

if (process.env.FMAUTH_SKIP_REDIS_TESTS === '1' || existsSync(REDIS_SERVER)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.error('[test] installing redis-server for the Redis token store tests (scripts/install-redis.sh)');
  execFileSync('bash', [script], { stdio: 'inherit' });
  process.exit(0);
}
console.error(
  `[test] The Redis token store tests need redis-server at ${REDIS_SERVER}. Install it with \`sudo bash scripts/install-redis.sh\` (Debian/Ubuntu), or skip those tests with FMAUTH_SKIP_REDIS_TESTS=1 pnpm test.`,
);
process.exit(1);
