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
      try {
        return await work();
      } finally {
        running.stop();
      }
    },
  };
}
