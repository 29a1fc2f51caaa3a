#!/usr/bin/env node
// Keeps README code that claims to be a file of this repository identical to it. A fenced block whose
// first line is a path comment, such as `// examples/serverless/src/fmauth.ts` or
// `// packages/core/src/index.ts`, must equal that file byte for byte (the file's trailing newline
// aside), so documentation cannot drift from the code the tests run. Every README.md in the repository
// is read (node_modules, dist and dot-directories excepted).
//
//   node scripts/check-readme-examples.mjs [root]     exit 0: all copies match; 1: a difference or a missing file
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'coverage']);
/** A block's first line naming the repository file the block copies; group 1 is the path. */
export const PATH_COMMENT = /^\/\/ ((?:examples|packages)\/[^\s]+)$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CONTEXT_LINES = 2;

/** Every README.md under `root`, as paths relative to it, sorted. */
export function findReadmes(root, dir = root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
      found.push(...findReadmes(root, join(dir, entry.name)));
    } else if (entry.name === 'README.md') {
      found.push(relative(root, join(dir, entry.name)));
    }
  }
  return found.sort();
}

/**
 * The fenced code blocks of a Markdown text: `{ line, info, text }`, `line` being the first content line
 * (1-based) and `info` the fence's info string, trimmed (`ts`, `sh`, `''`…).
 */
export function codeBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    // A backtick fence's info string cannot contain a backtick (CommonMark); that line is inline code.
    if (!open || (open[2][0] === '`' && open[3].includes('`'))) continue;
    const indent = open[1].length;
    const fence = open[2];
    const content = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      // Content of an indented fence loses up to that much indentation, as Markdown renders it.
      content.push(line.replace(new RegExp(`^ {0,${indent}}`), ''));
    }
    blocks.push({ line: i + 2, info: open[3].trim(), text: content.join('\n') });
    i = j;
  }
  return blocks;
}

/** Where two texts first differ, as a few numbered lines of each. */
function describeDifference(readmeText, fileText) {
  const ours = readmeText.split('\n');
  const theirs = fileText.split('\n');
  let at = 0;
  while (at < ours.length && at < theirs.length && ours[at] === theirs[at]) at++;
  const from = Math.max(0, at - CONTEXT_LINES);
  const show = (lines, mark) =>
    lines
      .slice(from, at + CONTEXT_LINES + 1)
      .map((line, k) => `    ${from + k === at ? mark : ' '} ${String(from + k + 1).padStart(4)} | ${line}`)
      .join('\n');
  const sizes =
    ours.length === theirs.length
      ? `both ${ours.length} lines`
      : `README block ${ours.length} lines, file ${theirs.length} lines`;
  return [
    `  first difference at line ${at + 1} of the file (${sizes}):`,
    '  README block:',
    show(ours, '-') || '    (ends here)',
    '  file:',
    show(theirs, '+') || '    (ends here)',
  ].join('\n');
}

/**
 * Checks every README under `root`. Returns how many blocks were compared and one message per problem.
 */
export function checkReadmeExamples(root) {
  const failures = [];
  let checked = 0;
  for (const readme of findReadmes(root)) {
    const markdown = readFileSync(join(root, readme), 'utf8');
    for (const block of codeBlocks(markdown)) {
      const firstLine = block.text.split('\n', 1)[0] ?? '';
      const match = PATH_COMMENT.exec(firstLine.trimEnd());
      if (!match) continue;
      checked++;
      const where = `${readme}:${block.line}`;
      const target = resolve(root, match[1]);
      if (!target.startsWith(resolve(root) + sep)) {
        failures.push(`${where}: ${match[1]} points outside the repository`);
        continue;
      }
      let fileText;
      try {
        if (!statSync(target).isFile()) throw new Error('not a file');
        fileText = readFileSync(target, 'utf8');
      } catch {
        failures.push(`${where}: the block copies ${match[1]}, which does not exist (moved or renamed?)`);
        continue;
      }
      const expected = fileText.replace(/\r?\n$/, '');
      if (block.text === expected) continue;
      failures.push(
        `${where}: the block differs from ${match[1]}; paste the file's content into the block (or fix the file)\n${describeDifference(block.text, expected)}`,
      );
    }
  }
  return { checked, failures };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { checked, failures } = checkReadmeExamples(root);
  if (failures.length > 0) {
    console.error(`check-readme-examples: ${failures.length} README block(s) out of date\n`);
    console.error(failures.join('\n\n'));
    process.exit(1);
  }
  console.log(`check-readme-examples: ${checked} README block(s) match their files`);
}
