import { createDataApiSession, DEFAULT_IDLE_TIMEOUT_MS } from '@fmauth/core';
import { buildStrategy, loginMayPrompt, loginTransport } from '../build-strategy.js';
import { CliError, usageError } from '../cli-error.js';
import { parseCommandLine } from '../command-options.js';
import { captureCredentials } from '../credential-capture.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import { runSecrets } from '../explain-failure.js';
import { TOKEN_HELP } from '../help-texts.js';
import { resolveFlavor } from '../resolve-flavor.js';
import type { Terminal } from '../terminal.js';
import { TokenCaptureStore } from '../token-capture-store.js';

/** What `fmauth token --json` prints. */
export interface TokenOutput {
  /** `data-api`: a Data API session token (`Authorization: Bearer …`); `fmid`: a Claris ID token (`Authorization: FMID …`). */
  readonly kind: 'data-api' | 'fmid';
  readonly token: string;
  /** The header to send it in, ready to paste. */
  readonly authorization: string;
  readonly baseUrl: string;
  readonly database: string;
  readonly flavor: string;
  /**
   * ISO time after which the token stops working at the latest: the ID token's expiry for `fmid` (and
   * for Data API tokens on FileMaker Cloud); for other Data API tokens, 15 minutes of idleness from now
   * (each call pushes it back).
   */
  readonly expiresAt: string;
  /** True when the expiry slides with use (Data API tokens): 15 idle minutes. */
  readonly slidingExpiry: boolean;
}

/** `fmauth token <url> -d <db> -u <user> [--claris-id] [--json]`. */
export async function tokenCommand(
  args: readonly string[],
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
): Promise<ExitCode> {
  const { options, flags } = parseCommandLine(
    'token',
    args,
    { 'claris-id': { type: 'boolean', default: false } },
    env,
  );
  if (options.help) {
    terminal.stdout.write(TOKEN_HELP);
    return EXIT_CODES.ok;
  }
  if (!options.database)
    throw usageError('fmauth token needs --database <name> (the hosted file, without .fmp12)');
  if (!options.user) throw usageError('fmauth token needs --user <account or Claris ID>');
  const wantsFmid = flags['claris-id'] === true;

  // No spinner here: the password prompt follows at once, and in tmux a spinner stopped right before a
  // prompt was seen to leave its first frame on screen above the prompt (flaky, cause not found).
  const flavor = await resolveFlavor(options);
  if (wantsFmid && flavor !== 'filemaker-cloud') {
    throw usageError(
      `--claris-id prints a FileMaker Cloud ID token, but this server is ${flavor}; leave --claris-id out for a Data API token`,
    );
  }
  const inner = await buildStrategy(
    {
      flavor,
      user: options.user,
      cognitoEndpoint: options.cognitoEndpoint,
      cognitoTimeoutMs: options.timeoutMs,
      proxy: options.transport.proxy === undefined ? undefined : String(options.transport.proxy),
    },
    env,
  );
  const { strategy, fmid } = captureCredentials(inner);
  const mayPrompt = loginMayPrompt(flavor, env);
  const store = new TokenCaptureStore();
  const session = createDataApiSession({
    baseUrl: options.url,
    database: options.database,
    strategy,
    ...loginTransport(options.transport, mayPrompt),
    allowInsecureHttp: options.allowInsecureHttp,
    tokenStore: store,
  });
  let output: TokenOutput;
  try {
    if (mayPrompt) await session.login();
    else await terminal.spin(`Logging in to ${options.database} as ${options.user}`, () => session.login());
    output = wantsFmid
      ? fmidOutput(fmid(), options.url, options.database)
      : dataApiOutput(store, options.url, options.database, flavor);
    runSecrets.add(output.token);
  } finally {
    // With --claris-id the Data API session only proved the ID token works: end it. Otherwise the
    // session is the user's: the capture store makes close() leave it open.
    await session.close({ logout: wantsFmid });
    await inner.close?.();
  }
  if (options.json) {
    terminal.stdout.write(`${JSON.stringify(output)}\n`);
  } else {
    terminal.stdout.write(`${output.token}\n`);
    terminal.stderr.write(`${describe(output)}\n`);
  }
  return EXIT_CODES.ok;
}

function dataApiOutput(
  store: TokenCaptureStore,
  baseUrl: string,
  database: string,
  flavor: string,
): TokenOutput {
  const captured = store.captured;
  if (!captured)
    throw new CliError(
      'the login succeeded but no session token came back (a proxy may strip the X-FM-Data-Access-Token header)',
    );
  const idleEnd = Date.now() + DEFAULT_IDLE_TIMEOUT_MS + 60_000;
  const end = captured.validUntil === null ? idleEnd : Math.min(idleEnd, captured.validUntil);
  return {
    kind: 'data-api',
    token: captured.token,
    authorization: `Bearer ${captured.token}`,
    baseUrl,
    database,
    flavor,
    expiresAt: new Date(end).toISOString(),
    slidingExpiry: true,
  };
}

function fmidOutput(
  captured: ReturnType<ReturnType<typeof captureCredentials>['fmid']>,
  baseUrl: string,
  database: string,
): TokenOutput {
  if (!captured)
    throw new CliError(
      'the FileMaker Cloud strategy produced no FMID header; cannot print a Claris ID token',
    );
  // The token's own `exp`: the strategy's validUntil stops a few minutes early on purpose (refresh skew).
  const expiry = decodeJwtExpiry(captured.idToken) ?? captured.validUntil;
  return {
    kind: 'fmid',
    token: captured.idToken,
    authorization: `FMID ${captured.idToken}`,
    baseUrl,
    database,
    flavor: 'filemaker-cloud',
    expiresAt: expiry === undefined ? '' : new Date(expiry).toISOString(),
    slidingExpiry: false,
  };
}

/** The `exp` claim of a JWT, in epoch ms. The token is not verified: we only report when it ends. */
function decodeJwtExpiry(jwt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function describe(output: TokenOutput): string {
  if (output.kind === 'fmid') {
    return `Claris ID token (send as "Authorization: FMID <token>"), valid until ${output.expiresAt}.`;
  }
  return `Data API session token for ${output.database} (send as "Authorization: Bearer <token>"); it ends after 15 idle minutes, or with: fmauth logout ${output.baseUrl} -d ${output.database}`;
}
