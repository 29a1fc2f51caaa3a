// A throwaway redis-server for tests and benchmarks: a real server on a free loopback port, never the
// system service on 6379, with no persistence, killed when this process exits.
// Types: redis-server.d.mts (TypeScript tests import this file by relative path).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's binary; FMAUTH_REDIS_SERVER points elsewhere (e.g. /usr/bin/valkey-server) to test another server. */
export const REDIS_SERVER_PATH = process.env.FMAUTH_REDIS_SERVER || '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Why the Redis tests cannot run here, or `undefined` when they can. Tests pass it to `describe.skipIf`
 * so a machine without Redis says why instead of failing every test.
 */
export function redisSkipReason() {
  if (process.env.FMAUTH_SKIP_REDIS_TESTS === '1') return 'FMAUTH_SKIP_REDIS_TESTS=1';
  if (!existsSync(REDIS_SERVER_PATH)) {
    return `${REDIS_SERVER_PATH} is missing: run \`sudo bash scripts/install-redis.sh\` or set FMAUTH_SKIP_REDIS_TESTS=1`;
  }
  return undefined;
}

// Every server still running, so a parent that exits (or crashes) does not leave them behind.
const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a SIGKILL is the only thing that surely lands in time.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Starts redis-server on a free 127.0.0.1 port and resolves once it answers.
 * @param {{ password?: string, extraArgs?: readonly string[] }} [options]
 */
export async function startRedisServer(options = {}) {
  const { password, extraArgs = [] } = options;
  const reason = redisSkipReason();
  if (reason) throw new Error(`cannot start redis-server: ${reason}`);
  installExitHook();
  const port = await freePort();
  // Its own empty working directory: with `--save ''` nothing is written, but a stray dump never lands in the repo.
  const dir = mkdtempSync(join(tmpdir(), 'fmauth-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--logfile',
    '',
    '--daemonize',
    'no',
    ...(password === undefined ? [] : ['--requirepass', password]),
    ...extraArgs,
  ];

  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let log = '';

  async function launch() {
    log = '';
    // stop() removes the directory; a restart() after it needs it back.
    mkdirSync(dir, { recursive: true });
    const proc = spawn(REDIS_SERVER_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    running.add(proc);
    // Keep only the tail: enough to explain a failed start, never an unbounded buffer.
    const keep = (chunk) => {
      log = (log + chunk.toString('utf8')).slice(-4000);
    };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    proc.once('exit', () => running.delete(proc));
    proc.once('error', () => running.delete(proc));
    await waitUntilAnswering(proc, port, () => log);
  }

  async function signalAndWait(signal) {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  await launch();
  const auth = password === undefined ? '' : `:${encodeURIComponent(password)}@`;
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    password,
    get pid() {
      return child?.pid;
    },
    /** Graceful shutdown (SIGTERM), then the working directory is removed. */
    async stop() {
      await signalAndWait('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    /** Dies at once (SIGKILL), like a crashed or OOM-killed server: clients see a reset connection. */
    async kill() {
      await signalAndWait('SIGKILL');
    },
    /** Stops the server if it runs, then starts it again on the same port (with an empty dataset). */
    async restart() {
      await signalAndWait('SIGTERM');
      await launch();
    },
    /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server. */
    pause() {
      child?.kill('SIGSTOP');
    },
    /** Thaws a paused server (SIGCONT). */
    resume() {
      child?.kill('SIGCONT');
    },
  };
}

/** A port the kernel just handed out on 127.0.0.1; redis-server binds it right after. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls with an inline PING until the server answers (+PONG, or -NOAUTH when it has a password). */
async function waitUntilAnswering(proc, port, readLog) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`redis-server exited before answering on port ${port}:\n${readLog()}`);
    }
    if (await pingOnce(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  proc.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within ${READY_TIMEOUT_MS} ms:\n${readLog()}`);
}

function pingOnce(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}
