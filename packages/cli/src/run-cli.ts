import { readFileSync } from 'node:fs';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { explainFailure } from './explain-failure.js';
import { MAIN_HELP } from './help-texts.js';
import { createTerminal } from './terminal.js';

/**
 * Runs one `fmauth` command line and resolves its exit code. Never throws and never prints a stack:
 * every failure becomes one line on stderr, `fmauth <command>: <what happened and what to do>`.
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExitCode> {
  const terminal = createTerminal(env);
  const [command, ...args] = argv;
  try {
    // Each command is loaded when run: --help and usage errors answer without loading the strategies
    // (and the AWS SDK behind FileMaker Cloud's), which took most of a second.
    switch (command) {
      case 'doctor':
        return await (await import('./commands/doctor.js')).doctorCommand(args, terminal, env);
      case 'token':
        return await (await import('./commands/token.js')).tokenCommand(args, terminal, env);
      case 'logout':
        return await (await import('./commands/logout.js')).logoutCommand(args, terminal, env);
      case 'mock':
        return await (await import('./commands/mock.js')).mockCommand(args);
      case '--version':
      case '-v':
        terminal.stdout.write(`${packageVersion()}\n`);
        return EXIT_CODES.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        (command === undefined ? terminal.stderr : terminal.stdout).write(MAIN_HELP);
        return command === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
      default:
        terminal.stderr.write(
          `fmauth: unknown command "${command}"; the commands are doctor, token, logout, mock (fmauth --help)\n`,
        );
        return EXIT_CODES.usage;
    }
  } catch (error) {
    const explained = explainFailure(error);
    terminal.stderr.write(`fmauth ${command}: ${explained.message}\n`);
    // A script that asked for JSON gets the failure as JSON too, so it never has to parse stderr.
    if (args.includes('--json')) {
      const failure = {
        ok: false,
        exitCode: explained.exitCode,
        error: { message: explained.message, ...(explained.code ? { code: explained.code } : {}) },
      };
      terminal.stdout.write(`${JSON.stringify(failure)}\n`);
    }
    return explained.exitCode;
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
