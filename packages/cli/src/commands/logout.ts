import { type AuthStrategy, createDataApiSession } from '@fmauth/core';
import { CliError, usageError } from '../cli-error.js';
import { parseCommandLine } from '../command-options.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import { runSecrets } from '../explain-failure.js';
import { LOGOUT_HELP } from '../help-texts.js';
import { readSecret } from '../read-secret.js';
import type { Terminal } from '../terminal.js';
import { handOffStore } from '../token-capture-store.js';

/** Environment variable with the Data API token to end. */
export const TOKEN_ENV = 'FMAUTH_TOKEN';
// A token (or `fmauth token --json` output) is well under a kilobyte; stop reading far past that.
const MAX_STDIN_BYTES = 64 * 1024;
const STDIN_TIMEOUT_MS = 5_000;

/** `fmauth logout <url> -d <db>`, the token from FMAUTH_TOKEN, stdin or a prompt. */
export async function logoutCommand(
  args: readonly string[],
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
): Promise<ExitCode> {
  const { options } = parseCommandLine('logout', args, {}, env);
  if (options.help) {
    terminal.stdout.write(LOGOUT_HELP);
    return EXIT_CODES.ok;
  }
  if (!options.database)
    throw usageError('fmauth logout needs --database <name>: the file the session was opened on');
  const token = await readToken(env);
  runSecrets.add(token);
  const session = createDataApiSession({
    baseUrl: options.url,
    database: options.database,
    strategy: NO_LOGIN,
    ...options.transport,
    allowInsecureHttp: options.allowInsecureHttp,
    tokenStore: handOffStore(token),
  });
  try {
    await terminal.spin(`Ending the session on ${options.database}`, () => session.logout());
  } finally {
    await session.close();
  }
  if (options.json)
    terminal.stdout.write(
      `${JSON.stringify({ loggedOut: true, baseUrl: options.url, database: options.database })}\n`,
    );
  else terminal.stdout.write(`Logged out: the Data API session on ${options.database} is ended.\n`);
  return EXIT_CODES.ok;
}

/** Logout never logs in: the session's only token is the one handed over. */
const NO_LOGIN: AuthStrategy = {
  id: 'fmauth-cli-logout',
  flavors: ['filemaker-server', 'filemaker-cloud', 'claris-server'],
  identity: 'printed-token',
  authenticate() {
    throw new CliError('the printed session token was not accepted, so there is nothing to log out');
  },
};

async function readToken(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv) return extractToken(fromEnv);
  if (process.stdin.isTTY === true) {
    return extractToken(
      await readSecret({ envName: TOKEN_ENV, question: 'Data API token to end:', what: 'token' }, {}),
    );
  }
  return extractToken(await readStdin());
}

/** The token itself, or the `token` field of `fmauth token --json` output. */
function extractToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { token?: unknown; kind?: unknown };
      if (parsed.kind === 'fmid')
        throw usageError('that is a Claris ID (FMID) token; only Data API session tokens can be logged out');
      if (typeof parsed.token === 'string' && parsed.token) return parsed.token;
    } catch (error) {
      if (error instanceof CliError) throw error;
    }
    throw usageError(
      'stdin holds JSON without a "token" field; pipe the output of fmauth token --json, or the token alone',
    );
  }
  if (!/^[\x21-\x7e]{1,4096}$/.test(trimmed)) {
    throw usageError(
      `no token: set ${TOKEN_ENV}, or pipe the token (or fmauth token --json output) into stdin`,
    );
  }
  return trimmed;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(
      () =>
        finish(usageError(`no token on stdin within ${STDIN_TIMEOUT_MS / 1000} s; set ${TOKEN_ENV} instead`)),
      STDIN_TIMEOUT_MS,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      process.stdin.off('data', onData).off('end', onEnd).off('error', onError);
      process.stdin.pause();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_STDIN_BYTES)
        return finish(usageError('stdin holds more than 64 KiB; that is not a token'));
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = () => finish(usageError('stdin could not be read'));
    process.stdin.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
