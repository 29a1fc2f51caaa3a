import { describe, expect, it } from 'vitest';
import { examplesOf, moduleName, moduleText } from '../src/doc-examples.mjs';

const doc = [
  '# Title', // 1
  '', // 2
  "<!-- example-context: declare const strategy: import('@fmauth/core').AuthStrategy; -->", // 3
  '```ts', // 4
  'strategy.id;', // 5
  '```', // 6
  '<!-- example-skip: output, not code -->', // 7
  '```js', // 8
  'not code', // 9
  '```', // 10
  '```ts', // 11
  '// examples/serverless/src/fmauth.ts', // 12
  '```', // 13
  '```sh', // 14
  'pnpm test', // 15
  '```', // 16
  '<!-- example-file: helper.ts -->', // 17
  '```typescript', // 18
  'export const x = 1;', // 19
  '```', // 20
].join('\n');

describe('examplesOf', () => {
  const examples = examplesOf('docs/x.md', doc);

  it('keeps ts/js blocks, leaves path-comment copies and other languages out', () => {
    expect(examples.map((e) => [e.line, e.language])).toEqual([
      [5, 'ts'],
      [9, 'js'],
      [19, 'typescript'],
    ]);
  });

  it('reads context, skip reasons and file names from the comments above the fence', () => {
    expect(examples[0]?.context).toEqual([
      { line: 3, text: "declare const strategy: import('@fmauth/core').AuthStrategy;" },
    ]);
    expect(examples[1]?.skip).toBe('output, not code');
    expect(examples[2]?.file).toBe('helper.ts');
  });

  it("keeps the doc's line numbers in the generated module", () => {
    const [first] = examples;
    if (!first) throw new Error('no example');
    const lines = moduleText('docs/x.md', first).split('\n');
    expect(lines[2]).toContain('declare const strategy');
    expect(lines[4]).toBe('strategy.id;');
    expect(moduleName('docs/x.md', first)).toBe('docs-x-md/5.ts');
    expect(moduleName('docs/x.md', examples[1] ?? first)).toBe('docs-x-md/9.mjs');
    expect(moduleName('docs/x.md', examples[2] ?? first)).toBe('docs-x-md/helper.ts');
  });

  it('stops on a misspelt directive or a skip without a reason, naming the line', () => {
    expect(() => examplesOf('a.md', '<!-- example-contxt: x -->\n```ts\nx\n```')).toThrow(
      /a\.md:1: unknown directive example-contxt/,
    );
    expect(() => examplesOf('a.md', '\n<!-- example-skip: -->\n```ts\nx\n```')).toThrow(
      /a\.md:2: example-skip needs a reason/,
    );
    expect(() => examplesOf('a.md', '<!-- example-file: ../x.ts -->\n```ts\nx\n```')).toThrow(
      /needs a file name/,
    );
  });

  it('ignores ordinary HTML comments', () => {
    expect(examplesOf('a.md', '<!-- just a note -->\n```ts\nx\n```')[0]?.context).toEqual([]);
  });
});
