import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/fmauth.js', import.meta.url));

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `fmauth` bin as a child process. Asynchronous on purpose: the mock server runs in
 * this test process, and a synchronous spawn would block it from answering. Only the variables given
 * reach the child (plus PATH), so no password of the machine's environment leaks in.
 */
export function runFmauth(
  args: readonly string[],
  options: {
    readonly env?: Record<string, string>;
    readonly input?: string;
    readonly timeoutMs?: number;
  } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fmauth ${args.join(' ')} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Nothing Node prints for an uncaught error: stack frames or the "Node.js vX" trailer. */
export function expectNoStackTrace(result: RunResult): void {
  const all = result.stdout + result.stderr;
  if (/\n\s+at\s/.test(all) || /Node\.js v\d+/.test(all)) {
    throw new Error(`fmauth printed a stack trace:\n${all}`);
  }
}

/** PATCHes the mock's live options through its control API, as a CI script would. */
export async function patchMockOptions(control: string, options: unknown): Promise<void> {
  const res = await fetch(`${control}/options`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!res.ok) throw new Error(`PATCH options: ${res.status} ${await res.text()}`);
}

export async function mockStats(control: string): Promise<Record<string, Record<string, number>>> {
  const res = await fetch(`${control}/stats`);
  return (await res.json()) as Record<string, Record<string, number>>;
}

/** One of the mock's endpoints by its key (`filemakerServer`, `cognito`, `control`, …); throws when absent. */
export function endpoint(server: { readonly endpoints: object }, key: string): string {
  const url = (server.endpoints as Record<string, string | undefined>)[key];
  if (!url) throw new Error(`the mock has no "${key}" endpoint`);
  return url;
}
