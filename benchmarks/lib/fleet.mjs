// A fleet of worker processes (lib/session-worker.mjs), each driven over stdin/stdout lines. The
// benchmarks' own copy of packages/token-store-redis/test/support/fleet.ts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./session-worker.mjs', import.meta.url));

/** One worker process and its line protocol. */
export class Worker {
  #waiting = [];
  #unread = [];
  #exited;

  /** @param {Record<string, unknown>} config the worker's WORKER_CONFIG */
  constructor(config) {
    this.child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, WORKER_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.#exited = new Promise((resolve) => this.child.once('exit', resolve));
    // A killed worker's stdin may error (EPIPE) on a later write; that is expected here.
    this.child.stdin.on('error', () => {});
    createInterface({ input: this.child.stdout }).on('line', (text) => {
      const message = JSON.parse(text);
      const waiter = this.#waiting.shift();
      if (waiter) waiter(message);
      else this.#unread.push(message);
    });
  }

  /** The next line the worker prints (rejects after `timeoutMs`). */
  next(timeoutMs = 60_000) {
    const unread = this.#unread.shift();
    if (unread) return Promise.resolve(unread);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.#waiting.indexOf(done);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(new Error(`worker ${this.child.pid} printed nothing for ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
      this.#waiting.push(done);
    });
  }

  /** Resolves once the worker has loaded and built its session. */
  async ready() {
    while (!('ready' in (await this.next()))) {}
  }

  /** Starts a round of `callers` concurrent calls without waiting for its report. */
  send(callers) {
    this.child.stdin.write(`${JSON.stringify({ callers })}\n`);
  }

  /** Lines a {@link report} skipped on its way to the report (e.g. `authenticating`), oldest first. */
  skipped = [];

  /** The report of the round in flight; other lines go to {@link skipped}. */
  async report() {
    for (;;) {
      const line = await this.next();
      if ('ok' in line) return line;
      this.skipped.push(line);
    }
  }

  /** Runs a round of `callers` concurrent calls; resolves with the worker's report. */
  round(callers) {
    this.send(callers);
    return this.report();
  }

  kill() {
    this.child.kill('SIGKILL');
    return this.#exited;
  }

  /** Asks the worker to close and exit; kills it if it has not within 5 s. */
  async exit() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end(`${JSON.stringify({ exit: true })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** Starts `count` workers with `config` and waits until every one is ready. */
export async function startFleet(count, config) {
  const fleet = Array.from({ length: count }, () => new Worker(config));
  try {
    await Promise.all(fleet.map((worker) => worker.ready()));
  } catch (error) {
    await Promise.all(fleet.map((worker) => worker.kill()));
    throw error;
  }
  return fleet;
}

/** Sums the reports of one round over the fleet. */
export function totals(reports) {
  return {
    ok: reports.reduce((sum, r) => sum + r.ok, 0),
    failed: reports.reduce((sum, r) => sum + r.failed, 0),
    errors: reports.flatMap((r) => r.errors).slice(0, 3),
    events: reports.flatMap((r) => r.events),
    wallMs: Math.max(...reports.map((r) => r.doneAt)) - Math.min(...reports.map((r) => r.startedAt)),
  };
}
