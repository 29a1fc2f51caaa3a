#!/usr/bin/env node
// Writes every TypeScript/JavaScript example of the docs to generated/ as a module, for
// `tsc -p tsconfig.json --noEmit` to check against the built workspace packages (see README.md).
//
//   node extract.mjs [root]     root defaults to the repository
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsToCheck, examplesOf, moduleName, moduleText } from './src/doc-examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', '..'));
const out = join(here, 'generated');

// Start empty: a block removed from a doc must not leave a stale module behind.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let written = 0;
const skipped = [];
try {
  for (const doc of docsToCheck(root)) {
    for (const example of examplesOf(doc, readFileSync(join(root, doc), 'utf8'))) {
      if (example.skip !== undefined) {
        skipped.push(`  ${doc}:${example.line}: ${example.skip}`);
        continue;
      }
      const path = join(out, moduleName(doc, example));
      if (existsSync(path))
        throw new Error(`${doc}:${example.line}: a second block named ${moduleName(doc, example)}`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, moduleText(doc, example));
      written++;
    }
  }
} catch (error) {
  console.error(`readme-check: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(
  `readme-check: ${written} example(s) written to generated/ for tsc${skipped.length ? `; ${skipped.length} skipped:` : ''}`,
);
if (skipped.length) console.log(skipped.join('\n'));
