import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { CliError } from '../cli-error.js';
import type { ExitCode } from '../exit-codes.js';

/**
 * `fmauth mock …`: runs the `fmauth-mock` command line of @fmauth/mock with the same arguments, so its
 * flags, output and exit codes are exactly that command's (`fmauth mock --help` shows them).
 */
export function mockCommand(args: readonly string[]): Promise<ExitCode> {
  let cli: string;
  try {
    cli = createRequire(import.meta.url).resolve('@fmauth/mock/cli');
  } catch {
    throw new CliError('@fmauth/mock is not installed next to @fmauth/cli; install it to use fmauth mock');
  }
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
  // Ctrl-C reaches the child too (same process group); forward a SIGTERM sent to us alone.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  // The mock stops itself on Ctrl-C and reports its own exit; our interrupt handler must not race it.
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new CliError(`could not start fmauth-mock: ${error.message}`)));
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve((code ?? (signal === 'SIGINT' ? 130 : 1)) as ExitCode);
    });
  });
}
