import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where tmux is looked for; CI installs it there with scripts/install-tmux.sh. */
export const TMUX = '/usr/bin/tmux';

/** Why the terminal tests cannot run here, or undefined when they can. */
export function terminalTestsUnavailable(): string | undefined {
  if (existsSync(TMUX)) return undefined;
  return `${TMUX} is missing: install it with \`sudo bash scripts/install-tmux.sh\`, or skip these tests with FMAUTH_SKIP_TERMINAL_TESTS=1`;
}

/**
 * A tmux server of our own (its own socket, no config file), so the tests never touch a developer's
 * sessions, and one 120×30 window running a shell command, as a person's terminal would.
 */
export class TmuxSession {
  readonly #socket = `fmauth-cli-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  async start(command: string): Promise<void> {
    // remain-on-exit keeps the pane, and so its last screen, after the command ends.
    await this.#tmux(['-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '30', command]);
    await this.#tmux(['set-option', '-g', 'remain-on-exit', 'on']);
    if (process.env.DEBUG_PANE) await this.#tmux(['pipe-pane', '-o', `cat >> ${process.env.DEBUG_PANE}`]);
  }

  /** Types `text` and presses Enter, as a person at the keyboard would. */
  async type(text: string): Promise<void> {
    await this.#tmux(['send-keys', '-l', text]);
    await this.#tmux(['send-keys', 'Enter']);
  }

  async keys(...keys: string[]): Promise<void> {
    await this.#tmux(['send-keys', ...keys]);
  }

  /** The screen and its scrollback (`-S -`), wrapped lines joined back (`-J`), trailing blanks of lines and screen dropped. */
  async screen(options: { readonly escapes?: boolean } = {}): Promise<string> {
    // -e keeps the colour escape sequences, to see whether the program painted its output.
    const { stdout } = await this.#tmux([
      'capture-pane',
      '-p',
      '-J',
      '-S',
      '-',
      ...(options.escapes ? ['-e'] : []),
    ]);
    return stdout
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** Waits until the screen contains `text` (a prompt, an exit marker); throws with the screen if not. */
  async waitFor(text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`the terminal never showed ${String(text)}; it shows:\n${last}`);
  }

  async close(): Promise<void> {
    await this.#tmux(['kill-server']).catch(() => undefined);
  }

  #tmux(args: string[]) {
    return run(TMUX, ['-L', this.#socket, ...args], { timeout: 10_000 });
  }
}
