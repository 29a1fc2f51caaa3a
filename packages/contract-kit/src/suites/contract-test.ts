import { it } from 'vitest';
import type { ContractHarness } from '../harness.js';

/** `it`, honouring the suite's `skip` map (a test named there is skipped with its reason in the name). */
export function contractTest(h: ContractHarness, name: string, body: () => Promise<void>): void {
  const reason = h.options.skip?.[name];
  if (reason !== undefined) {
    it.skip(`${name} (skipped: ${reason})`, body);
    return;
  }
  it(name, body);
}
