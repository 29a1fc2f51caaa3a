import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * A failure the CLI explains in one line and exits on. Its message is shown as it is, so it must
 * never hold a secret (build it from scrubbed text only).
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT_CODES.failed) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Bad or missing input: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_CODES.usage);
}
