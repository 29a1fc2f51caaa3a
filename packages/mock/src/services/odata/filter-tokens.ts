/** One lexical token of a `$filter` (or `$orderby` / `$select`) expression. */
export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: number }
  /** A date, time or timestamp literal, unquoted as FileMaker takes them (`2026-03-01T00:00:00Z`). */
  | { readonly kind: 'temporal'; readonly value: string; readonly at: number }
  /** A bare word: a field, a function or a keyword (`eq`, `and`, `null`, …). */
  | { readonly kind: 'word'; readonly value: string; readonly at: number }
  /** A double-quoted field name (`"First Name"`). */
  | { readonly kind: 'name'; readonly value: string; readonly at: number }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | ','; readonly at: number };

/** Where tokenizing stopped and the text there, for `syntax error in URL at: '…'`. */
export class TokenError {
  constructor(
    readonly at: number,
    readonly near: string,
  ) {}
}

// Sticky patterns: each is tried at one position only, so tokenizing is linear in the input length.
const TEMPORAL =
  /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?/y;
const NUMBER = /-?\d{1,30}(?:\.\d{1,30})?(?:[eE][+-]?\d{1,3})?|-?\.\d{1,30}/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]{0,199}/y;
const SPACE = /[ \t\r\n]+/y;

/**
 * Splits an expression into tokens in one pass. Quotes double to escape (`'O''Brien'`,
 * `"say ""hi"""`). Returns a {@link TokenError} at the first character that starts no token.
 */
export function tokenize(text: string, maxTokens: number): Token[] | TokenError {
  const tokens: Token[] = [];
  let at = 0;
  const near = (position: number) => text.slice(position, position + 20);
  while (at < text.length) {
    if (tokens.length > maxTokens) return new TokenError(at, near(at));
    SPACE.lastIndex = at;
    if (SPACE.test(text)) {
      at = SPACE.lastIndex;
      continue;
    }
    const char = text[at] as string;
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: 'punct', value: char, at });
      at++;
      continue;
    }
    if (char === "'" || char === '"') {
      const quoted = readQuoted(text, at, char);
      if (quoted === undefined) return new TokenError(at, near(at));
      tokens.push({ kind: char === "'" ? 'string' : 'name', value: quoted.value, at });
      at = quoted.end;
      continue;
    }
    const matched = matchAt(TEMPORAL, text, at);
    if (matched !== undefined && !/[A-Za-z0-9_]/.test(text[at + matched.length] ?? '')) {
      tokens.push({ kind: 'temporal', value: matched, at });
      at += matched.length;
      continue;
    }
    const number = matchAt(NUMBER, text, at);
    if (number !== undefined && !/[A-Za-z_]/.test(text[at + number.length] ?? '')) {
      tokens.push({ kind: 'number', value: Number(number), text: number, at });
      at += number.length;
      continue;
    }
    const word = matchAt(WORD, text, at);
    if (word !== undefined) {
      tokens.push({ kind: 'word', value: word, at });
      at += word.length;
      continue;
    }
    return new TokenError(at, near(at));
  }
  return tokens;
}

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? match[0] : undefined;
}

/** A quoted run starting at `start`, with doubled quotes inside; `undefined` when it never closes. */
function readQuoted(text: string, start: number, quote: string): { value: string; end: number } | undefined {
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const next = text.indexOf(quote, at);
    if (next === -1) return undefined;
    value += text.slice(at, next);
    if (text[next + 1] === quote) {
      value += quote;
      at = next + 2;
      continue;
    }
    return { value, end: next + 1 };
  }
  return undefined;
}
