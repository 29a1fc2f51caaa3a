/**
 * FileMaker find criteria, as the mock simplifies them. No regular expression is ever built from a
 * criterion: wildcards go through {@link wildcardMatch}, a greedy two-pointer matcher whose worst case
 * is O(pattern × text), so a criterion like `a*a*a*a*a*b` against a long value cannot stall the mock.
 */

/** Longest criterion (one field's text in one find request), in characters. [guess] */
export const MAX_CRITERION_LENGTH = 1000;
/** Most find requests (entries of `query`) in one `_find`. [guess] */
export const MAX_FIND_REQUESTS = 100;
/** Most criteria (field / text pairs, `omit` aside) in all the requests of one `_find`. [guess] */
export const MAX_FIND_CRITERIA = 1000;

const STAR = -1;
const ANY_CHAR = -2;
const DIGIT = -3;

/**
 * A compiled wildcard pattern: code points, or {@link STAR} (`*`, any run of characters),
 * {@link ANY_CHAR} (`@`, one character), {@link DIGIT} (`#`, one digit 0–9). `\` makes the next
 * character literal.
 */
export type WildcardPattern = readonly number[];

export function compileWildcards(pattern: string): WildcardPattern {
  const tokens: number[] = [];
  let escaped = false;
  for (const char of pattern) {
    const code = char.codePointAt(0) as number;
    if (escaped) {
      tokens.push(code);
      escaped = false;
    } else if (char === '\\') {
      escaped = true;
    } else if (char === '*') {
      // Consecutive stars mean the same as one.
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (char === '@') {
      tokens.push(ANY_CHAR);
    } else if (char === '#') {
      tokens.push(DIGIT);
    } else {
      tokens.push(code);
    }
  }
  if (escaped) tokens.push(0x5c);
  return tokens;
}

function tokenMatches(token: number, code: number): boolean {
  if (token === ANY_CHAR) return true;
  if (token === DIGIT) return code >= 0x30 && code <= 0x39;
  return token === code;
}

/**
 * Whether `pattern` matches the whole of `text` (`mode: 'whole'`) or a start of it (`'prefix'`).
 *
 * Greedy with one saved star: on a mismatch, the last `*` seen takes one more character and matching
 * resumes after it. Every token but `*` matches exactly one character, so the leftmost placement of
 * each run between stars is always the right one, and earlier stars never need revisiting: at most
 * `text.length` restarts of at most `pattern.length` steps each.
 */
export function wildcardMatch(pattern: WildcardPattern, text: string, mode: 'whole' | 'prefix'): boolean {
  const chars = Array.from(text, (char) => char.codePointAt(0) as number);
  const tokens = mode === 'prefix' && pattern[pattern.length - 1] !== STAR ? [...pattern, STAR] : pattern;
  let p = 0;
  let t = 0;
  let star = -1;
  let resumeAt = 0;
  while (t < chars.length) {
    const token = tokens[p];
    if (token === STAR) {
      star = p;
      resumeAt = t;
      p++;
    } else if (token !== undefined && tokenMatches(token, chars[t] as number)) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      resumeAt++;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (tokens[p] === STAR) p++;
  return p === tokens.length;
}

/** Characters that separate words in a field, for word matching (everything else but `@ . * _ -`). */
const WORD_SEPARATORS = /[^\p{L}\p{N}@.*_-]+/u;

/**
 * One field's criterion against one field value, case-insensitively:
 *
 * - `*` alone: the field is not empty; `=` alone: it is empty;
 * - `==text`: the whole field is exactly `text` (no wildcards);
 * - `>x`, `>=x`, `<x`, `<=x`, `x...y`: comparisons, numeric when both sides are numbers;
 * - `=word`: some word of the field is exactly `word`;
 * - otherwise every word of the criterion starts some word of the field.
 *
 * In the last two, `*` stands for any characters, `@` for one character, `#` for one digit, and `\`
 * makes the next character literal.
 */
export function matchesCriterion(raw: string | number | undefined, criterion: string): boolean {
  const value = raw === undefined ? '' : String(raw);
  const text = criterion.trim();
  if (text === '*') return value !== '';
  if (text === '=') return value === '';
  if (text.startsWith('==')) return value.toLowerCase() === text.slice(2).toLowerCase();
  for (const operator of ['>=', '<=', '>', '<'] as const) {
    if (text.startsWith(operator) && text.length > operator.length) {
      return compare(value, text.slice(operator.length), operator);
    }
  }
  const ellipsis = text.indexOf('...', 1);
  if (ellipsis > 0 && ellipsis + 3 < text.length) {
    return compare(value, text.slice(0, ellipsis), '>=') && compare(value, text.slice(ellipsis + 3), '<=');
  }
  const exactWord = text.startsWith('=');
  const words = value.toLowerCase().split(WORD_SEPARATORS).filter(Boolean);
  const wanted = (exactWord ? text.slice(1) : text).toLowerCase().split(/\s+/).filter(Boolean);
  const mode = exactWord ? 'whole' : 'prefix';
  return wanted.every((word) => {
    const pattern = compileWildcards(word);
    return words.some((candidate) => wildcardMatch(pattern, candidate, mode));
  });
}

function compare(value: string, bound: string, operator: '>' | '<' | '>=' | '<='): boolean {
  const numeric = value !== '' && !Number.isNaN(Number(value)) && !Number.isNaN(Number(bound));
  const order = numeric ? Number(value) - Number(bound) : value.localeCompare(bound.trim());
  switch (operator) {
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '>=':
      return order >= 0;
    default:
      return order <= 0;
  }
}
