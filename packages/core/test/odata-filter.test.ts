import { describe, expect, it } from 'vitest';
import { ODataFilter, odataFilter, odataLiteral } from '../src/index.js';
import { keySegment } from '../src/odata/odata-key.js';
import { queryString } from '../src/odata/odata-query.js';

describe('odataFilter escapes every value by its type', () => {
  it('quotes strings and doubles the quotes inside them', () => {
    const name = "O'Brien";
    expect(String(odataFilter`name eq ${name}`)).toBe("name eq 'O''Brien'");
  });

  it('cannot be escaped out of by a value that tries to inject conditions', () => {
    const hostile = "x' or 1 eq 1 or name eq '";
    const filter = odataFilter`name eq ${hostile}`;
    expect(filter.expression).toBe("name eq 'x'' or 1 eq 1 or name eq '''");
  });

  it('writes numbers, bigints, booleans and null bare', () => {
    expect(
      odataFilter`a eq ${42} and b lt ${-0.5} and c eq ${10n} and d eq ${true} and e eq ${null}`.expression,
    ).toBe('a eq 42 and b lt -0.5 and c eq 10 and d eq true and e eq null');
  });

  it('writes Dates as a UTC DateTimeOffset, milliseconds only when set', () => {
    expect(odataLiteral(new Date(Date.UTC(2025, 0, 2, 13, 27, 24)))).toBe('2025-01-02T13:27:24Z');
    expect(odataLiteral(new Date(Date.UTC(2025, 0, 2, 13, 27, 24, 5)))).toBe('2025-01-02T13:27:24.005Z');
  });

  it('nests another filter in parentheses', () => {
    const inner = odataFilter`city eq ${'London'} or city eq ${'Paris'}`;
    expect(odataFilter`age gt ${30} and ${inner}`.expression).toBe(
      "age gt 30 and (city eq 'London' or city eq 'Paris')",
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an object', { a: 1 }],
    ['an array', [1]],
    ['undefined', undefined],
    ['an invalid Date', new Date('nope')],
  ])('refuses %s with a TypeError', (_name, value) => {
    expect(() => odataFilter`a eq ${value as never}`).toThrow(TypeError);
  });

  it('refuses an unbalanced quote in the template text itself', () => {
    expect(() => odataFilter`name eq 'x and b eq ${1}`).toThrow(/unbalanced single quote/);
  });

  it('is recognised across copies by its brand', () => {
    expect(odataFilter`a eq ${1}`).toBeInstanceOf(ODataFilter);
    expect({ expression: 'a eq 1' }).not.toBeInstanceOf(ODataFilter);
  });
});

describe('raw filter strings in the typed API', () => {
  it('are accepted when every quote is closed (doubled quotes inside a literal are fine)', () => {
    expect(queryString({ filter: "name eq 'O''Brien'" })).toBe(
      `?$filter=${encodeURIComponent("name eq 'O''Brien'")}`,
    );
  });

  it('are refused with advice when a value was pasted in unescaped', () => {
    const name = "O'Brien";
    expect(() => queryString({ filter: `name eq '${name}'` })).toThrow(/odataFilter/);
    expect(() => queryString({ filter: `name eq '${name}'` })).toThrow(TypeError);
  });

  it('are refused when empty', () => {
    expect(() => queryString({ filter: '  ' })).toThrow(/must not be empty/);
  });
});

describe('query options', () => {
  it('become encoded system query options', () => {
    expect(
      queryString({
        filter: odataFilter`city eq ${'New York'}`,
        select: ['name', 'city'],
        orderby: ['name desc'],
        top: 5,
        skip: 10,
        count: true,
      }),
    ).toBe(
      `?$filter=city%20eq%20'New%20York'&$select=name%2Ccity&$orderby=name%20desc&$top=5&$skip=10&$count=true`,
    );
  });

  it.each([
    [{ top: -1 }, /top/],
    [{ top: 1.5 }, /top/],
    [{ top: 2 ** 60 }, /top/],
    [{ skip: Number.NaN }, /skip/],
    [{ select: [] }, /select/],
    [{ orderby: "name'; drop" }, /orderby/],
    [{ count: 'yes' }, /count/],
  ])('refuses %o', (options, message) => {
    expect(() => queryString(options as never)).toThrow(message);
  });
});

describe('record keys', () => {
  it('are bare for numbers and quoted (doubled quotes) for strings, then URL-encoded', () => {
    expect(keySegment(42)).toBe('(42)');
    expect(keySegment('ALFKI')).toBe("('ALFKI')");
    expect(keySegment("O'Brien")).toBe("('O''Brien')");
    expect(keySegment('a/b c?')).toBe("('a%2Fb%20c%3F')");
  });

  it.each([[{}], [null], [undefined], [true], [''], [Number.NaN]])('refuses %o with a TypeError', (key) => {
    expect(() => keySegment(key)).toThrow(TypeError);
  });
});
