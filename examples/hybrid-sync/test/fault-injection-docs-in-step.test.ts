import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const DOC = new URL('../../../packages/mock/docs/fault-injection.md', import.meta.url);
const EXAMPLE = new URL('./fault-injection-docs-example.test.ts', import.meta.url);

it('the fault-injection docs show exactly the example this package runs', () => {
  const doc = readFileSync(DOC, 'utf8');
  const shown =
    /<!-- fault-injection-example:start -->\n```ts\n([\s\S]*?)```\n<!-- fault-injection-example:end -->/.exec(
      doc,
    )?.[1];
  // The file's first line only says where the example is shown.
  const ran = readFileSync(EXAMPLE, 'utf8').split('\n').slice(1).join('\n');
  expect(shown).toBe(ran);
});
