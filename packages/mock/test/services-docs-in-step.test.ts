import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// docs/services.md quotes test/services-example.ts as "A complete example": the doc's code is the
// file's, so it is type-checked and its behaviour tested. A change to one must show in the other.
describe('docs/services.md and its example file are in step', () => {
  it('quotes the example between its markers, with the import a user writes', async () => {
    const doc = await readFile(new URL('../docs/services.md', import.meta.url), 'utf8');
    const file = await readFile(new URL('./services-example.ts', import.meta.url), 'utf8');
    const quoted = file
      .split('// example:start\n')[1]
      ?.split('// example:end')[0]
      ?.replace("'../src/index.js'", "'@fmauth/mock'");
    expect(quoted).toBeTruthy();
    expect(doc).toContain(`\`\`\`ts\n${quoted}\`\`\``);
  });

  it('lists every member of MockService and every field of ServiceContext it documents', async () => {
    const doc = await readFile(new URL('../docs/services.md', import.meta.url), 'utf8');
    const service = await readFile(new URL('../src/core/mock-service.ts', import.meta.url), 'utf8');
    const context = await readFile(new URL('../src/core/service-context.ts', import.meta.url), 'utf8');
    const members = (source: string, name: string) =>
      [
        ...(source.split(`interface ${name} {`)[1] ?? '')
          .split('\n}')[0]!
          .matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm),
      ].map((m) => m[1]);
    const documented = (member: string) => doc.includes(`| \`${member}`);
    expect(members(service, 'MockService').length).toBeGreaterThan(4);
    for (const member of members(service, 'MockService'))
      expect(documented(member as string), member).toBe(true);
    for (const field of members(context, 'ServiceContext'))
      expect(documented(field as string), field).toBe(true);
  });
});

// The README's plain JavaScript example of "Your own services" runs as written, against the built
// package (`@fmauth/mock` resolves to this package's dist from a file inside it).
describe("the README's JavaScript example of a service", () => {
  it('runs with node and prints what it says', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.split('## Your own services')[1]?.split('\n## ')[0] ?? '';
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeTruthy();
    const expected = /^\/\/ (200 .*)$/m.exec(code as string)?.[1];
    const file = new URL(`./.readme-service-example-${process.pid}.mjs`, import.meta.url);
    await writeFile(file, code as string);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file.pathname], { timeout: 30_000 });
      expect(stdout.trim()).toBe(expected);
    } finally {
      await rm(file, { force: true });
    }
  }, 40_000);
});
