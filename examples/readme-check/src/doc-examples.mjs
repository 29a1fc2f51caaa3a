// Turns the code examples of the repository's Markdown docs into modules that tsc can check. Markdown
// parsing is scripts/check-readme-examples.mjs's, so both checks agree on what a code block is.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, findReadmes, PATH_COMMENT } from '../../../scripts/check-readme-examples.mjs';

/** Info strings whose blocks are checked, and the extension of the module each becomes. */
export const CHECKED_LANGUAGES = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'mjs'],
  ['javascript', 'mjs'],
  ['mjs', 'mjs'],
]);

// The docs whose examples users copy. Other READMEs (apps/, scripts/) describe tooling, not the API.
const README_PATTERN = /^(?:README\.md|(?:packages|examples)\/[^/]+\/README\.md)$/;
const EXTRA_DOC_DIRECTORIES = ['packages/mock/docs'];
const SKIPPED_NAMES = /^(?:CHANGELOG|decisions)/i;

/** Every Markdown doc whose examples are checked, relative to `root`, sorted. */
export function docsToCheck(root) {
  const docs = findReadmes(root).filter((path) => README_PATTERN.test(path));
  for (const directory of EXTRA_DOC_DIRECTORIES) {
    for (const entry of readdirSync(join(root, directory), { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.md') && !SKIPPED_NAMES.test(entry.name)) {
        docs.push(`${directory}/${entry.name}`);
      }
    }
  }
  return docs.sort();
}

const DIRECTIVE = /^<!--\s*example-([a-z-]+):?([\s\S]*?)-->$/;

/**
 * The HTML comments directly above the fence whose first content line is `contentLine` (blank lines
 * between them allowed), nearest last: `{ startLine, endLine, text }`, lines 1-based.
 */
function commentsAbove(lines, contentLine) {
  const comments = [];
  let end = contentLine - 3; // the line above the fence, 0-based
  for (;;) {
    while (end >= 0 && lines[end].trim() === '') end--;
    if (end < 0 || !lines[end].trimEnd().endsWith('-->')) break;
    let start = end;
    while (start >= 0 && !lines[start].trimStart().startsWith('<!--')) start--;
    if (start < 0) break;
    comments.unshift({
      startLine: start + 1,
      endLine: end + 1,
      text: lines
        .slice(start, end + 1)
        .join('\n')
        .trim(),
    });
    end = start - 1;
  }
  return comments;
}

/**
 * The examples of one doc. Each is `{ line, language, extension, skip?, file?, context[], text }`: `skip`
 * is the reason of an `example-skip` comment, `file` the name an `example-file` comment gives the module
 * (so that later blocks of the same doc can import it, as the doc's reader would), `context` the
 * `example-context` comments (with their lines) to prepend. Blocks whose first line is a repository path are copies of that file, checked by
 * scripts/check-readme-examples.mjs, and are left out. Throws on a malformed directive, so a typo
 * cannot silently drop a check.
 */
export function examplesOf(doc, markdown) {
  const lines = markdown.split(/\r?\n/);
  const examples = [];
  for (const block of codeBlocks(markdown)) {
    const language = block.info.split(/\s+/, 1)[0].toLowerCase();
    const extension = CHECKED_LANGUAGES.get(language);
    if (!extension) continue;
    const firstLine = block.text.split('\n', 1)[0] ?? '';
    if (PATH_COMMENT.test(firstLine.trimEnd())) continue;
    const example = { line: block.line, language, extension, context: [], text: block.text };
    for (const comment of commentsAbove(lines, block.line)) {
      const directive = DIRECTIVE.exec(comment.text);
      if (!directive) continue; // an ordinary comment, not ours
      const [, name, argument] = directive;
      const where = `${doc}:${comment.startLine}`;
      if (name === 'skip') {
        if (argument.trim() === '')
          throw new Error(`${where}: example-skip needs a reason, e.g. <!-- example-skip: pseudo-code -->`);
        example.skip = argument.trim();
      } else if (name === 'file') {
        const file = argument.trim();
        if (!/^[a-z0-9][a-z0-9.-]*\.(?:ts|mts|js|mjs)$/.test(file)) {
          throw new Error(
            `${where}: example-file needs a file name such as vault-strategy.ts, got "${file}"`,
          );
        }
        example.file = file;
      } else if (name === 'context') {
        if (argument.trim() === '') throw new Error(`${where}: example-context is empty`);
        example.context.push({ line: comment.startLine, text: argument.replace(/^[ \t]+/, '').trimEnd() });
      } else {
        throw new Error(
          `${where}: unknown directive example-${name} (example-context, example-file or example-skip)`,
        );
      }
    }
    examples.push(example);
  }
  return examples;
}

/**
 * The generated module's path under generated/: a directory per doc (its path as a slug), in which the
 * module is named by its `example-file` or by the block's first line (`README-md/45.ts`).
 */
export function moduleName(doc, example) {
  return `${doc.replace(/[^A-Za-z0-9]+/g, '-')}/${example.file ?? `${example.line}.${example.extension}`}`;
}

/**
 * The generated module's text, laid out so that its line N is line N of the doc: tsc's
 * `generated/README-md/45.ts(47,3)` is README.md line 47. Context sits where its comment is.
 */
export function moduleText(doc, example) {
  const lines = new Array(example.line - 1).fill('');
  for (const context of example.context) {
    context.text.split('\n').forEach((text, k) => {
      lines[context.line - 1 + k] = text;
    });
  }
  if (lines[0] === '')
    lines[0] = `// Generated from ${doc}:${example.line} by examples/readme-check/extract.mjs; edit the doc, not this.`;
  lines.push(...example.text.split('\n'));
  return `${lines.join('\n')}\n`;
}
