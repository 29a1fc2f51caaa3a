import type { Terminal } from '../terminal.js';
import type { CheckResult, CheckStatus } from './doctor-check.js';

const LABELS: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };
const STYLES = { pass: 'green', fail: 'red', warn: 'yellow', skip: 'gray' } as const;
// Wide enough for the longest check name (`admin-api`), so the findings line up.
const NAME_WIDTH = 10;

/** The human form of the doctor's report: a header, a line per check as it finishes, a tally. */
export const printReport = {
  header(terminal: Terminal, url: string): void {
    terminal.stdout.write(`${terminal.paint('bold', `fmauth doctor ${url}`)}\n`);
  },
  line(terminal: Terminal, check: CheckResult): void {
    const label = terminal.paint(STYLES[check.status], LABELS[check.status]);
    const code = check.code ? ` [${check.code}]` : '';
    terminal.stdout.write(`${label}  ${check.name.padEnd(NAME_WIDTH)}${check.detail}${code}\n`);
  },
  footer(terminal: Terminal, checks: readonly CheckResult[]): void {
    const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
    const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
    if (count('warn') > 0) parts.push(`${count('warn')} warned`);
    if (count('skip') > 0) parts.push(`${count('skip')} skipped`);
    terminal.stdout.write(`${parts.join(', ')}\n`);
  },
};
