import { describe, expect, it } from 'vitest';
import { compileWildcards, matchesCriterion, wildcardMatch } from '../src/services/data-api/find-criteria.js';

const whole = (pattern: string, text: string) => wildcardMatch(compileWildcards(pattern), text, 'whole');
const prefix = (pattern: string, text: string) => wildcardMatch(compileWildcards(pattern), text, 'prefix');

/** The same semantics as a regular expression, for small generated inputs only (test code). */
function reference(pattern: string, mode: 'whole' | 'prefix'): RegExp {
  const source = Array.from(pattern, (char) => {
    if (char === '*') return '.*';
    if (char === '@') return '.';
    if (char === '#') return '[0-9]';
    return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(`^${source}${mode === 'whole' ? '$' : ''}`, 'su');
}

describe('wildcardMatch', () => {
  it('matches * (any run), @ (one character) and # (one digit)', () => {
    expect(whole('a*c', 'abbbc')).toBe(true);
    expect(whole('a*c', 'ac')).toBe(true);
    expect(whole('a*c', 'abcd')).toBe(false);
    expect(whole('*', '')).toBe(true);
    expect(whole('', '')).toBe(true);
    expect(whole('', 'a')).toBe(false);
    expect(whole('a@c', 'abc')).toBe(true);
    expect(whole('a@c', 'ac')).toBe(false);
    expect(whole('a@c', 'abbc')).toBe(false);
    expect(whole('#-##', '1-23')).toBe(true);
    expect(whole('#-##', 'a-23')).toBe(false);
    expect(whole('**a**', 'xxaxx')).toBe(true);
    expect(whole('é@', 'éa')).toBe(true);
    expect(whole('@', '😀'), 'one character, not one UTF-16 unit').toBe(true);
  });

  it('treats a character after \\ literally', () => {
    expect(whole('a\\*c', 'a*c')).toBe(true);
    expect(whole('a\\*c', 'abc')).toBe(false);
    expect(whole('x\\@y', 'x@y')).toBe(true);
    expect(whole('x\\@y', 'xzy')).toBe(false);
    expect(whole('\\#1', '#1')).toBe(true);
    expect(whole('a\\', 'a\\')).toBe(true);
  });

  it('in prefix mode matches a start of the text', () => {
    expect(prefix('ada', 'adaline')).toBe(true);
    expect(prefix('a*e', 'adaline')).toBe(true);
    expect(prefix('a@a', 'adaline')).toBe(true);
    expect(prefix('d', 'adaline')).toBe(false);
  });

  it('agrees with a regular-expression reference on every small pattern and text', () => {
    const patternAlphabet = ['a', 'b', '1', '*', '@', '#'];
    const textAlphabet = ['a', 'b', '1'];
    const strings = (alphabet: string[], maxLength: number): string[] => {
      const all = [''];
      let layer = [''];
      for (let length = 1; length <= maxLength; length++) {
        layer = layer.flatMap((s) => alphabet.map((c) => s + c));
        all.push(...layer);
      }
      return all;
    };
    const patterns = strings(patternAlphabet, 4);
    const texts = strings(textAlphabet, 5);
    let checked = 0;
    for (const pattern of patterns) {
      const compiled = compileWildcards(pattern);
      for (const mode of ['whole', 'prefix'] as const) {
        const expected = reference(pattern, mode);
        for (const text of texts) {
          const got = wildcardMatch(compiled, text, mode);
          if (got !== expected.test(text)) {
            expect.fail(`${mode} ${JSON.stringify(pattern)} vs ${JSON.stringify(text)}: got ${got}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000_000);
  });

  it('takes linear-ish time on patterns that make a backtracking regex explode', () => {
    const value = 'a'.repeat(3000);
    const started = performance.now();
    for (const pattern of [
      'a*a*a*a*a*b',
      '*a*a*a*a*a*a*a*a*a*a*b',
      `${'a*'.repeat(400)}b`,
      `*${'a'.repeat(900)}b`,
    ]) {
      expect(whole(pattern, value)).toBe(false);
      expect(prefix(pattern, value)).toBe(false);
    }
    expect(whole('a*a*a*a*a*a', value)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('matchesCriterion (find semantics)', () => {
  it('* alone: not empty; = alone: empty', () => {
    expect(matchesCriterion('x', '*')).toBe(true);
    expect(matchesCriterion('', '*')).toBe(false);
    expect(matchesCriterion(undefined, '*')).toBe(false);
    expect(matchesCriterion('', '=')).toBe(true);
    expect(matchesCriterion(undefined, '=')).toBe(true);
    expect(matchesCriterion('x', '=')).toBe(false);
    expect(matchesCriterion('x', '  *  '), 'criteria are trimmed').toBe(true);
  });

  it('== matches the whole field, case-insensitively and literally', () => {
    expect(matchesCriterion('Alan Turing', '==alan turing')).toBe(true);
    expect(matchesCriterion('Alan Turing', '==alan')).toBe(false);
    expect(matchesCriterion('a*b', '==A*B')).toBe(true);
    expect(matchesCriterion('axxb', '==a*b'), 'no wildcards after ==').toBe(false);
  });

  it('every word of the criterion starts a word of the field, case-insensitively', () => {
    expect(matchesCriterion('New York', 'new')).toBe(true);
    expect(matchesCriterion('New York', 'york')).toBe(true);
    expect(matchesCriterion('New York', 'yo ne')).toBe(true);
    expect(matchesCriterion('New York', 'ork')).toBe(false);
    expect(matchesCriterion('New York', 'new jersey')).toBe(false);
    expect(matchesCriterion('ada@example.com', 'ada@example')).toBe(true);
    expect(matchesCriterion('ada@example.com', 'example'), 'an email is one word').toBe(false);
    expect(matchesCriterion(1815, '18')).toBe(true);
  });

  it('supports *, @ and # inside words, and = for a whole word', () => {
    expect(matchesCriterion('Grace Hopper', 'h*er')).toBe(true);
    expect(matchesCriterion('Grace Hopper', '*race')).toBe(true);
    expect(matchesCriterion('Grace Hopper', 'gr@ce')).toBe(true);
    expect(matchesCriterion('Grace Hopper', 'gr@@ce')).toBe(false);
    expect(matchesCriterion('Room 42b', 'room ##b')).toBe(true);
    expect(matchesCriterion('Room 4xb', '##b')).toBe(false);
    expect(matchesCriterion('Grace Hopper', '=hop')).toBe(false);
    expect(matchesCriterion('Grace Hopper', '=hopper')).toBe(true);
    expect(matchesCriterion('Grace Hopper', '=h*r')).toBe(true);
    expect(matchesCriterion('Grace Hopper', '=h*e')).toBe(false);
  });

  it('compares with > >= < <= and ranges, numerically when both sides are numbers', () => {
    expect(matchesCriterion(10, '>9')).toBe(true);
    expect(matchesCriterion('10', '>9'), 'numeric, not text, order').toBe(true);
    expect(matchesCriterion(9, '>=9')).toBe(true);
    expect(matchesCriterion(9, '<9')).toBe(false);
    expect(matchesCriterion(9, '<=9')).toBe(true);
    expect(matchesCriterion(5, '1...10')).toBe(true);
    expect(matchesCriterion(11, '1...10')).toBe(false);
    expect(matchesCriterion('Boston', 'a...c')).toBe(true);
    expect(matchesCriterion('Manchester', 'a...c')).toBe(false);
    expect(matchesCriterion('x', '>='), 'an operator alone compares with "="').toBe(true);
  });
});
