import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MockServer } from '@fmauth/mock';
import type { RedisServerHandle } from '../../../../scripts/redis-server.mjs';

export { redisSkipReason, startRedisServer } from '../../../../scripts/redis-server.mjs';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The two builds users run: the TypeScript output and the plain JavaScript twins. */
export const VARIANTS = {
  ts: { label: 'TypeScript build (dist/)', path: (name: string) => `${PACKAGE_DIR}dist/${name}.js` },
  js: { label: 'JavaScript twin (js/)', path: (name: string) => `${PACKAGE_DIR}js/${name}.mjs` },
} as const;
export type Variant = keyof typeof VARIANTS;

/** The path of an example module in a variant; fails with advice when the build is missing. */
export function examplePath(variant: Variant, name: string): string {
  const path = VARIANTS[variant].path(name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build first (pnpm --filter @fmauth/example-serverless build)`);
  }
  return path;
}

/** The environment a user sets for the examples, pointed at the mock and a Redis. */
export function fileMakerServerEnv(
  mock: MockServer,
  redis: RedisServerHandle | undefined,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    FM_SERVER_URL: mock.url,
    FM_DATABASE: 'Contacts',
    FM_USERNAME: 'admin',
    FM_PASSWORD: 'admin-pass',
    REDIS_URL: redis?.url,
    ...overrides,
  };
}

/** The same for FileMaker Cloud with a Claris ID, whose Cognito is the mock's. */
export function fileMakerCloudEnv(
  mock: MockServer,
  redis: RedisServerHandle,
): Record<string, string | undefined> {
  return {
    FM_SERVER_URL: mock.endpoints.filemakerCloud,
    FM_DATABASE: 'Contacts',
    CLARIS_ID: 'dev@example.com',
    CLARIS_PASSWORD: 'ClarisID-pass-1',
    CLARIS_COGNITO_ENDPOINT: mock.endpoints.cognito,
    REDIS_URL: redis.url,
  };
}

export type Counters = Record<string, number>;

/** The mock's counters for one simulated server (`filemakerServer`, `filemakerCloud`, `cognito`). */
export function stats(mock: MockServer, server: string): Counters {
  return (mock.mock.stats() as Record<string, Counters>)[server] ?? {};
}

/**
 * Only what a child needs: PATH, and the variables under test. Nothing leaks in from the test
 * runner's environment (a developer's own REDIS_URL or FMAUTH_TOKEN_KEYS, say).
 */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return clean;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` to its end, as a user or a cron daemon would; kills it after `timeoutMs`. */
export function runNode(
  args: readonly string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A long-running child process read line by line (a server, or a fixture speaking JSON lines). */
export class LineProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<RunResult>;
  stderr = '';
  readonly #lines: string[] = [];
  readonly #waiting: Array<(line: string | undefined) => void> = [];
  #stdout = '';
  #ended = false;

  constructor(args: readonly string[], env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, args, { env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk) => {
      this.stderr += chunk;
    });
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      this.#stdout += `${line}\n`;
      const waiter = this.#waiting.shift();
      if (waiter) waiter(line);
      else this.#lines.push(line);
    });
    lines.on('close', () => {
      this.#ended = true;
      for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code, signal) =>
        resolve({ code, signal, stdout: this.#stdout, stderr: this.stderr }),
      );
    });
  }

  /** The next line printed, or an error carrying stderr when the process ends first. */
  async nextLine(): Promise<string> {
    const line =
      this.#lines.shift() ??
      (this.#ended ? undefined : await new Promise<string | undefined>((r) => this.#waiting.push(r)));
    if (line === undefined)
      throw new Error(`the process ended without printing more; stderr:\n${this.stderr}`);
    return line;
  }

  /** The next line parsed as JSON. */
  async nextJson<T = Record<string, unknown>>(): Promise<T> {
    return JSON.parse(await this.nextLine()) as T;
  }

  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** SIGKILL unless it already ended; for clean-up after a failed test. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** A loopback port nobody listens on: a Redis that is down. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
