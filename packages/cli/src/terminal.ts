import { styleText } from 'node:util';
import yoctoSpinner from 'yocto-spinner';

type Style = Parameters<typeof styleText>[0];

/** Where output goes and what it may look like. Tests and `--json` runs get plain text. */
export interface Terminal {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Paints `text` when stdout is a terminal and `NO_COLOR` is unset; plain text otherwise. */
  paint(style: Style, text: string): string;
  /**
   * Runs `work` with a spinner on stderr when stderr is a terminal (never in pipes or CI logs, where
   * its control characters would be noise) and removes it afterwards, whatever happened.
   */
  spin<T>(text: string, work: () => Promise<T>): Promise<T>;
}

// At most one spinner runs at a time; a prompt that opens during its work (an MFA code asked for in the
// middle of a login) must take the line from it.
let activeSpinner: ReturnType<typeof yoctoSpinner> | undefined;

/**
 * Runs `ask` (a prompt) with the running spinner, if any, stopped for good (a prompt and a spinner
 * cannot share the line; steps that may prompt run without one, see loginMayPrompt).
 */
export async function withSpinnerPaused<T>(ask: () => Promise<T>): Promise<T> {
  activeSpinner?.stop();
  activeSpinner = undefined;
  return ask();
}

export function createTerminal(env: NodeJS.ProcessEnv = process.env): Terminal {
  const { stdout, stderr } = process;
  // https://no-color.org: any non-empty NO_COLOR turns colours off; a dumb terminal has none.
  const colour = stdout.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  const spinner = stderr.isTTY === true && env.TERM !== 'dumb';
  return {
    stdout,
    stderr,
    paint: (style, text) => (colour ? styleText(style, text) : text),
    async spin(text, work) {
      if (!spinner) return work();
      // handleSignals off: our own SIGINT handling decides the exit code and message.
      const running = yoctoSpinner({ text, stream: stderr, handleSignals: false }).start();
      activeSpinner = running;
      try {
        return await work();
      } finally {
        if (activeSpinner === running) running.stop();
        activeSpinner = undefined;
      }
    },
  };
}
