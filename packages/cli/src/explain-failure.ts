import { isFmAuthError, SecretScrubber } from '@fmauth/core';
import { CliError } from './cli-error.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/** A failure as the CLI shows it: one line, no stack, and the exit code it leads to. */
export interface Explained {
  readonly message: string;
  readonly exitCode: ExitCode;
  /** The `FMAUTH_*` code when a typed error caused it. */
  readonly code?: string;
}

/**
 * Every secret this run handled (password, token, MFA code). Core already scrubs its own errors; this
 * is the last line of defence for anything else that reaches the screen.
 */
export const runSecrets = new SecretScrubber();

const UNREACHABLE = new Set(['FMAUTH_NETWORK', 'FMAUTH_TLS', 'FMAUTH_TIMEOUT']);

/**
 * Turns any error into one line. Typed errors keep their own words (they already say what to do);
 * a few get one more sentence about the CLI's own flags, since their advice names library options.
 */
export function explainFailure(error: unknown): Explained {
  const cli = findCliError(error);
  if (cli) return { message: scrub(cli.message), exitCode: cli.exitCode };
  if (isFmAuthError(error)) {
    const exitCode = UNREACHABLE.has(error.code) ? EXIT_CODES.unreachable : EXIT_CODES.failed;
    const challenge = (error as { challengeName?: unknown }).challengeName;
    const advice = challenge === 'NEW_PASSWORD_REQUIRED' ? '' : cliAdvice(error.code);
    return { message: scrub(oneLine(error.message + advice)), exitCode, code: error.code };
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    // Core and the strategies reject bad arguments (a URL that is not http(s), a non-email Claris ID).
    // The library names its own option; say which flag sets it here.
    const flag = error.message.includes('allowInsecureHttp') ? ' With fmauth: --allow-insecure-http.' : '';
    return { message: scrub(oneLine(error.message + flag)), exitCode: EXIT_CODES.usage };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: scrub(oneLine(`unexpected failure: ${message}`)), exitCode: EXIT_CODES.failed };
}

/**
 * What to type, for errors whose library advice names an option (`tls.ca`, `mfa`, `timeouts`). A new
 * password cannot be chosen through fmauth, so that challenge keeps the library's advice alone.
 */
function cliAdvice(code: string): string {
  switch (code) {
    case 'FMAUTH_TLS':
      return " With fmauth: pass the server's CA certificate (PEM) with --ca <file>.";
    case 'FMAUTH_CHALLENGE_REQUIRED':
      return ' With fmauth: run it in a terminal to type the code, or set FMAUTH_TOTP_SECRET to the authenticator secret.';
    case 'FMAUTH_TIMEOUT':
      return ' With fmauth: --timeout <ms> raises the limit.';
    default:
      return '';
  }
}

/** A strategy callback (an MFA prompt) may throw ours; core can wrap it as the cause. */
function findCliError(error: unknown): CliError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof CliError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function scrub(text: string): string {
  return runSecrets.scrub(text) ?? text;
}
