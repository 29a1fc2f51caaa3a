import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDataApiSession, type DataApiSession, type FieldData } from '@fmauth/core';
import type { MockServer } from '@fmauth/mock';
import { clarisServer } from '@fmauth/strategy-claris-server';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { runHybridSync } from '../src/hybrid-sync.js';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The environment a user would set to run the program against this mock. */
export function mockEnv(server: MockServer, overrides: Record<string, string | undefined> = {}) {
  return {
    FMS_URL: server.endpoints.filemakerServer,
    FMS_USERNAME: 'admin',
    FMS_PASSWORD: 'admin-pass',
    CLARIS_URL: server.endpoints.clarisServer,
    CLARIS_ID: 'dev@example.com',
    CLARIS_EXTENDED_PASSWORD: 'Extended-pass-1',
    ...overrides,
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the program's main function in this process. */
export async function runInProcess(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHybridSync(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs the built program as a user would: `node dist/cli.js`, in a child process. */
export function runCli(argv: string[], env: Record<string, string | undefined>): Promise<RunResult> {
  if (!existsSync(CLI))
    throw new Error(
      `${CLI} is missing: build first (pnpm turbo run build --filter @fmauth/example-hybrid-sync...)`,
    );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Data API sessions of our own, to arrange and check records on each simulated server. */
export function dataApi(server: MockServer) {
  const fms = createDataApiSession({
    baseUrl: server.endpoints.filemakerServer as string,
    database: 'Contacts',
    strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  });
  const claris = createDataApiSession({
    baseUrl: server.endpoints.clarisServer as string,
    database: 'Contacts',
    strategy: clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' }),
  });
  return {
    fms,
    claris,
    close: () => Promise.all([fms.close(), claris.close()]),
  };
}

/** The Contacts records of a server, by lower-case email. */
export async function contactsByEmail(session: DataApiSession): Promise<Map<string, FieldData>> {
  const { data } = await session.getRecords('Contacts', { limit: 1000 });
  return new Map(data.map((record) => [String(record.fieldData.email).toLowerCase(), record.fieldData]));
}
