import {
  type AuthStrategy,
  createAdminApiSession,
  createDataApiSession,
  createODataClient,
  detectServerFlavor,
  isLoopbackHost,
  type ServerFlavor,
  type ServerFlavorReport,
} from '@fmauth/core';
import { buildStrategy, loginMayPrompt, loginTransport } from '../build-strategy.js';
import { CliError } from '../cli-error.js';
import { type ConnectionOptions, parseCommandLine } from '../command-options.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import { explainFailure } from '../explain-failure.js';
import { DOCTOR_HELP } from '../help-texts.js';
import { detectionOptions } from '../resolve-flavor.js';
import type { Terminal } from '../terminal.js';
import type { CheckResult } from './doctor-check.js';
import { printReport } from './doctor-report.js';

/** `fmauth doctor <url> [-d <db> -u <user>] [--odata] [--admin-api] [--json]`. */
export async function doctorCommand(
  args: readonly string[],
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
): Promise<ExitCode> {
  const { options, flags } = parseCommandLine(
    'doctor',
    args,
    { odata: { type: 'boolean', default: false }, 'admin-api': { type: 'boolean', default: false } },
    env,
  );
  if (options.help) {
    terminal.stdout.write(DOCTOR_HELP);
    return EXIT_CODES.ok;
  }
  const checks: CheckResult[] = [];
  const show = (check: CheckResult) => {
    checks.push(check);
    if (!options.json) printReport.line(terminal, check);
  };
  if (!options.json) printReport.header(terminal, options.url);
  const reached = await runChecks(options, flags, terminal, env, show);
  // Exit 0 only when nothing failed; an unreachable server keeps its own code (3).
  const exitCode =
    reached === EXIT_CODES.ok && checks.some((check) => check.status === 'fail')
      ? EXIT_CODES.failed
      : reached;
  if (options.json) {
    terminal.stdout.write(`${JSON.stringify({ url: options.url, ok: exitCode === 0, exitCode, checks })}\n`);
  } else {
    printReport.footer(terminal, checks);
  }
  return exitCode;
}

async function runChecks(
  options: ConnectionOptions,
  flags: Record<string, string | boolean | undefined>,
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
  show: (check: CheckResult) => void,
): Promise<ExitCode> {
  const https = options.url.toLowerCase().startsWith('https:');
  const started = Date.now();
  let report: ServerFlavorReport;
  try {
    report = await terminal.spin(`Reaching ${options.url}`, () =>
      detectServerFlavor(options.url, detectionOptions(options)),
    );
  } catch (error) {
    const explained = explainFailure(error);
    if (explained.exitCode === EXIT_CODES.usage) throw error;
    const tls = explained.code === 'FMAUTH_TLS';
    show({
      name: 'connect',
      status: tls ? 'pass' : 'fail',
      detail: tls ? 'the server answered the TLS handshake' : explained.message,
      ...codeOf(explained),
    });
    if (tls) show({ name: 'tls', status: 'fail', detail: explained.message, ...codeOf(explained) });
    for (const name of ['flavor', 'data-api', 'login']) show({ name, status: 'skip', detail: 'not reached' });
    return explained.exitCode;
  }
  show({
    name: 'connect',
    status: 'pass',
    detail: `answered in ${Date.now() - started} ms`,
    ms: Date.now() - started,
  });
  const tls = tlsCheck(options, https);
  show(tls);

  const flavor: ServerFlavor | undefined =
    options.flavor ?? (report.flavor === 'unknown' ? undefined : report.flavor);
  show(flavorCheck(report, options.flavor));
  show(
    report.productInfo
      ? {
          name: 'data-api',
          status: 'pass',
          detail: `productInfo: ${report.productInfo.name} ${report.productInfo.version ?? '(no version)'}`,
        }
      : dataApiFailure(report),
  );

  if (tls.status === 'fail') {
    // Plain http:// to another host: trying the account would send its password in the clear.
    show({
      name: 'login',
      status: 'skip',
      detail: 'not tried: the password would travel unencrypted (see the tls line)',
    });
  } else if (!options.user || !options.database) {
    show({
      name: 'login',
      status: 'skip',
      detail:
        'give --database and --user (password in FMAUTH_PASSWORD, or typed at the prompt) to try an account',
    });
  } else if (!flavor) {
    show({
      name: 'login',
      status: 'skip',
      detail: 'the flavor is unknown, so the way to log in is too; name it with --flavor',
    });
  } else {
    const strategy = await strategyOrVerdict(options, flavor, env, show);
    if (strategy) {
      try {
        show(await loginCheck(options, strategy, loginMayPrompt(flavor, env) ? undefined : terminal));
        if (flags.odata === true) show(await odataCheck(options, strategy, terminal));
        if (flags['admin-api'] === true) show(await adminApiCheck(options, strategy, terminal));
      } finally {
        await strategy.close?.();
      }
    }
  }
  return EXIT_CODES.ok;
}

/** The detected flavor; with --flavor, a warning when the evidence is missing or says otherwise. */
function flavorCheck(report: ServerFlavorReport, forced: ServerFlavor | undefined): CheckResult {
  if (!forced)
    return { name: 'flavor', status: report.flavor === 'unknown' ? 'fail' : 'pass', detail: report.summary };
  if (report.flavor === forced) return { name: 'flavor', status: 'pass', detail: report.summary };
  const seen =
    report.flavor === 'unknown' ? 'the server did not say' : `the server looks like ${report.flavor}`;
  return {
    name: 'flavor',
    status: 'warn',
    detail: `--flavor ${forced} is used, but ${seen}: ${report.summary}`,
  };
}

function tlsCheck(options: ConnectionOptions, https: boolean): CheckResult {
  if (https) {
    const how = options.transport.tls?.ca ? 'the CA given with --ca' : "the system's CAs";
    return { name: 'tls', status: 'pass', detail: `certificate trusted through ${how}` };
  }
  const host = new URL(options.url).hostname;
  if (isLoopbackHost(host))
    return {
      name: 'tls',
      status: 'skip',
      detail: 'plain HTTP on a loopback address (fine for the mock and local tests)',
    };
  return {
    name: 'tls',
    status: options.allowInsecureHttp ? 'warn' : 'fail',
    detail:
      'plain http:// to another host would send the password unencrypted; use https:// (or --allow-insecure-http on a network you trust)',
  };
}

function dataApiFailure(report: ServerFlavorReport): CheckResult {
  const error = report.productInfoError;
  if (!error) return { name: 'data-api', status: 'fail', detail: 'productInfo could not be read' };
  const explained = explainFailure(error);
  return { name: 'data-api', status: 'fail', detail: explained.message, ...codeOf(explained) };
}

/** The strategy, or a failed `login` line when the account cannot even be used with this flavor. */
async function strategyOrVerdict(
  options: ConnectionOptions,
  flavor: ServerFlavor,
  env: NodeJS.ProcessEnv,
  show: (check: CheckResult) => void,
): Promise<AuthStrategy | undefined> {
  try {
    return await buildStrategy(
      {
        flavor,
        user: options.user ?? '',
        cognitoEndpoint: options.cognitoEndpoint,
        cognitoTimeoutMs: options.timeoutMs,
        proxy: options.transport.proxy === undefined ? undefined : String(options.transport.proxy),
      },
      env,
    );
  } catch (error) {
    // No password and no terminal, or Ctrl-C: not a verdict about the server; stop with its exit code.
    if (error instanceof CliError && error.exitCode !== EXIT_CODES.failed) throw error;
    show({ name: 'login', status: 'fail', detail: explainFailure(error).message });
    return undefined;
  }
}

/** `terminal` is left out when the login may prompt for an MFA code: no spinner then. */
async function loginCheck(
  options: ConnectionOptions,
  strategy: AuthStrategy,
  terminal: Terminal | undefined,
): Promise<CheckResult> {
  const database = options.database ?? '';
  const session = createDataApiSession({
    baseUrl: options.url,
    database,
    strategy,
    ...loginTransport(options.transport, terminal === undefined),
    allowInsecureHttp: options.allowInsecureHttp,
  });
  const started = Date.now();
  try {
    const login = () => session.login();
    await (terminal ? terminal.spin(`Logging in to ${database} as ${options.user}`, login) : login());
    const ms = Date.now() - started;
    return {
      name: 'login',
      status: 'pass',
      detail: `${options.user} logged in to ${database} in ${ms} ms (and out again)`,
      ms,
    };
  } catch (error) {
    return failedCheck('login', `${options.user} on ${database}: `, error);
  } finally {
    await session.close(); // logs out: a doctor run must not leave a session counted against the limit
  }
}

async function odataCheck(
  options: ConnectionOptions,
  strategy: AuthStrategy,
  terminal: Terminal,
): Promise<CheckResult> {
  const client = createODataClient({
    baseUrl: options.url,
    database: options.database ?? '',
    strategy,
    ...options.transport,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  try {
    const tables = await terminal.spin('Asking OData for the tables', () => client.tables());
    return {
      name: 'odata',
      status: 'pass',
      detail: `OData answered with ${tables.length} table(s) of ${options.database}`,
    };
  } catch (error) {
    return failedCheck('odata', '', error);
  } finally {
    await client.close();
  }
}

async function adminApiCheck(
  options: ConnectionOptions,
  strategy: AuthStrategy,
  terminal: Terminal,
): Promise<CheckResult> {
  const session = createAdminApiSession({
    baseUrl: options.url,
    strategy,
    ...options.transport,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  try {
    const databases = await terminal.spin('Asking the Admin API for the databases', () =>
      session.databases(),
    );
    return {
      name: 'admin-api',
      status: 'pass',
      detail: `the Admin API lists ${databases.length} database(s)`,
    };
  } catch (error) {
    return failedCheck('admin-api', '', error);
  } finally {
    await session.close();
  }
}

function failedCheck(name: string, prefix: string, error: unknown): CheckResult {
  const explained = explainFailure(error);
  // Ctrl-C at an MFA prompt ends the run; it says nothing about the server.
  if (explained.exitCode === EXIT_CODES.interrupted || explained.exitCode === EXIT_CODES.usage) throw error;
  return { name, status: 'fail', detail: `${prefix}${explained.message}`, ...codeOf(explained) };
}

function codeOf(explained: { readonly code?: string }): { code?: string } {
  return explained.code ? { code: explained.code } : {};
}
