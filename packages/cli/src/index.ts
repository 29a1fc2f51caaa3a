// Public API of @fmauth/cli: the `fmauth` command, also callable from code (e.g. a project's own CLI).

export type { CheckResult, CheckStatus } from './commands/doctor-check.js';
export type { TokenOutput } from './commands/token.js';
export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export { runCli } from './run-cli.js';
