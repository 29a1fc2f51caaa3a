import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('../fixtures/session-worker.mjs', import.meta.url));

export interface WorkerConfig {
  readonly baseUrl: string;
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly loginDelayMs?: number;
  readonly loginLockMs?: number;
  readonly storeMs?: number;
  /** Log in with the FileMaker Cloud strategy (sharing the same store) instead of a FileMaker account. */
  readonly cloud?: { readonly pool: unknown; readonly cognitoEndpoint: string };
}

export interface RoundResult {
  readonly ok: number;
  readonly failed: number;
  readonly errors: string[];
  readonly events: string[];
}

/** A worker process (see fixtures/session-worker.mjs) and its line protocol. */
export class Worker {
  readonly child: ChildProcess;
  readonly #waiting: Array<(line: Record<string, unknown>) => void> = [];
  readonly #unread: Array<Record<string, unknown>> = [];

  constructor(config: WorkerConfig) {
    this.child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, WORKER_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      const message = JSON.parse(text) as Record<string, unknown>;
      const waiter = this.#waiting.shift();
      if (waiter) waiter(message);
      else this.#unread.push(message);
    });
  }

  /** The next line the worker prints. */
  next(): Promise<Record<string, unknown>> {
    const unread = this.#unread.shift();
    if (unread) return Promise.resolve(unread);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Resolves once the worker has loaded and built its session. */
  async ready(): Promise<void> {
    while (!('ready' in (await this.next()))) {}
  }

  /** Starts a round of `callers` concurrent calls without waiting for its report. */
  send(callers: number): void {
    this.child.stdin?.write(`${JSON.stringify({ callers })}\n`);
  }

  /** Runs a round of `callers` concurrent calls; resolves with the worker's report. */
  async round(callers: number): Promise<RoundResult> {
    this.send(callers);
    for (;;) {
      const line = await this.next();
      if ('ok' in line) return line as unknown as RoundResult;
    }
  }

  /** Asks the worker to close and exit; kills it if it has not within 5 s. */
  async exit(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end(`${JSON.stringify({ exit: true })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
