import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ServerFlavor, TransportOptions } from '@fmauth/core';
import { usageError } from './cli-error.js';

/** The options every command that talks to a server understands. */
export interface ConnectionOptions {
  /** The server's base URL, as typed. */
  readonly url: string;
  readonly database: string | undefined;
  readonly user: string | undefined;
  /** Forced flavor; otherwise detected. */
  readonly flavor: ServerFlavor | undefined;
  readonly transport: TransportOptions;
  /** Cognito endpoint for FileMaker Cloud (the mock's, or an emulator). */
  readonly cognitoEndpoint: string | undefined;
  readonly allowInsecureHttp: boolean;
  readonly timeoutMs: number;
  readonly json: boolean;
  readonly help: boolean;
}

/** Flags shared by `doctor`, `token` and `logout` (node:util parseArgs format). */
const CONNECTION_FLAGS = {
  database: { type: 'string', short: 'd' },
  user: { type: 'string', short: 'u' },
  flavor: { type: 'string' },
  ca: { type: 'string' },
  proxy: { type: 'string' },
  timeout: { type: 'string' },
  'cognito-endpoint': { type: 'string' },
  'allow-insecure-http': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Default of `--timeout`: 15 seconds for each network step. */
export const DEFAULT_TIMEOUT_MS = 15_000;
// A CA bundle is a few kilobytes; a larger file is not one, and reading it all would waste memory.
const MAX_CA_FILE_BYTES = 1024 * 1024;
const FLAVORS: readonly ServerFlavor[] = ['filemaker-server', 'filemaker-cloud', 'claris-server'];

type ExtraFlags = Record<string, { type: 'string' | 'boolean'; short?: string; default?: boolean }>;

/** Parses a command's arguments; any mistake is a usage error (exit 2) that names the flag. */
export function parseCommandLine<E extends ExtraFlags>(
  command: string,
  args: readonly string[],
  extra: E,
  env: NodeJS.ProcessEnv,
): { readonly options: ConnectionOptions; readonly flags: Record<string, string | boolean | undefined> } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...CONNECTION_FLAGS, ...extra },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(`${firstLine((error as Error).message)} (see fmauth ${command} --help)`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  const [url, ...rest] = parsed.positionals;
  if (!help && url === undefined)
    throw usageError(`fmauth ${command} needs the server's URL (see fmauth ${command} --help)`);
  if (rest.length > 0) throw usageError(`unexpected argument "${rest[0]}" (see fmauth ${command} --help)`);
  if (url !== undefined) assertServerUrl(url, command);
  const timeoutMs = parseTimeout(values.timeout as string | undefined);
  const ca = values.ca === undefined ? undefined : readCaFile(values.ca as string);
  const proxy = values.proxy as string | undefined;
  const flavor = parseFlavor(values.flavor as string | undefined);
  const transport: TransportOptions = {
    timeouts: { connectMs: timeoutMs, requestMs: timeoutMs, loginMs: timeoutMs * 2, logoutMs: timeoutMs },
    ...(ca ? { tls: { ca } } : {}),
    ...(proxy ? { proxy } : {}),
  };
  return {
    options: {
      url: url ?? '',
      database: nonEmpty(values.database as string | undefined, '--database'),
      user: nonEmpty(values.user as string | undefined, '--user'),
      flavor,
      transport,
      cognitoEndpoint: (values['cognito-endpoint'] as string | undefined) ?? env.FMAUTH_COGNITO_ENDPOINT,
      allowInsecureHttp: values['allow-insecure-http'] === true,
      timeoutMs,
      json: values.json === true,
      help,
    },
    flags: values,
  };
}

function assertServerUrl(text: string, command: string): void {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw usageError(
      `"${text}" is not a URL; give the server's address, e.g. https://fms.example.com (see fmauth ${command} --help)`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw usageError(
      `"${text}" is not an http(s) URL; give the server's address, e.g. https://fms.example.com`,
    );
  }
  if (parsed.username || parsed.password) {
    throw usageError(
      'put no account or password in the URL (it would land in shell history); use --user and FMAUTH_PASSWORD',
    );
  }
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0 || ms > 600_000) {
    throw usageError(`--timeout must be a whole number of milliseconds between 1 and 600000, got "${text}"`);
  }
  return ms;
}

function parseFlavor(text: string | undefined): ServerFlavor | undefined {
  if (text === undefined) return undefined;
  if (!(FLAVORS as readonly string[]).includes(text)) {
    throw usageError(`--flavor must be one of ${FLAVORS.join(', ')}, got "${text}"`);
  }
  return text as ServerFlavor;
}

function nonEmpty(text: string | undefined, flag: string): string | undefined {
  if (text !== undefined && text.trim() === '') throw usageError(`${flag} must not be empty`);
  return text;
}

function readCaFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw usageError(`--ca: cannot read "${path}" (no such file, or no permission)`);
  }
  if (size > MAX_CA_FILE_BYTES)
    throw usageError(`--ca: "${path}" is larger than 1 MiB; it is not a CA certificate file`);
  const pem = readFileSync(path, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw usageError(`--ca: "${path}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
