import password from '@inquirer/password';
import { CliError, usageError } from './cli-error.js';
import { EXIT_CODES } from './exit-codes.js';
import { withSpinnerPaused } from './terminal.js';

/** Where a secret may come from: an environment variable, else a no-echo prompt on a terminal. */
export interface SecretSource {
  /** The environment variable to read first, e.g. `FMAUTH_PASSWORD`. */
  readonly envName: string;
  /** The prompt's question, e.g. `Password for admin:`. */
  readonly question: string;
  /** Shown when there is neither the variable nor a terminal: what to set instead. */
  readonly what: string;
}

/**
 * Reads a secret. Never from a flag (it would land in shell history and `ps`): from the environment
 * variable, or typed at a prompt that echoes nothing. The prompt writes to stderr so that stdout stays
 * the command's output alone (`TOKEN=$(fmauth token …)`).
 */
export async function readSecret(
  source: SecretSource,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  const fromEnv = env[source.envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY !== true) {
    throw usageError(
      `no ${source.what}: set ${source.envName}, or run fmauth in a terminal to be asked for it (stdin is not a terminal)`,
    );
  }
  try {
    const answer = await withSpinnerPaused(() =>
      password(
        { message: source.question, mask: false, toggleMask: false },
        {
          input: process.stdin,
          output: process.stderr,
          clearPromptOnDone: false,
          ...(signal ? { signal } : {}),
        },
      ),
    );
    if (answer === '') throw usageError(`no ${source.what} given (an empty answer)`);
    return answer;
  } catch (error) {
    if (signal?.aborted) {
      throw new CliError(
        `the ${source.what} prompt ran out of time: the sign-in it was for has ended; run the command again`,
      );
    }
    throw promptFailure(error, source);
  }
}

/** Ctrl-C at a prompt is an interruption (130); a prompt whose input ended is missing input (2). */
function promptFailure(error: unknown, source: SecretSource): unknown {
  if (error instanceof CliError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'ExitPromptError' || name === 'AbortPromptError') {
    // Inquirer raises the same error for Ctrl-C and for an input stream that ended; tell them apart.
    if (process.stdin.readableEnded) {
      return usageError(`stdin closed before the ${source.what} was typed; set ${source.envName} instead`);
    }
    return new CliError('interrupted at the prompt (Ctrl-C); nothing was sent', EXIT_CODES.interrupted);
  }
  return new CliError(`could not read the ${source.what} from the terminal: ${(error as Error).message}`);
}
