import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

// Ctrl-C while a check or login runs (outside a prompt, which handles its own): one line, exit 130.
process.once('SIGINT', () => {
  process.stderr.write('\nfmauth: interrupted (Ctrl-C)\n');
  process.exit(EXIT_CODES.interrupted);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli catches everything; this is only for a bug in that catch. Still one line, no stack.
    process.stderr.write(`fmauth: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = EXIT_CODES.failed;
  },
);
