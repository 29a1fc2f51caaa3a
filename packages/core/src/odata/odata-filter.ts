import { InvalidArgumentError } from '../invalid-argument.js';
import { type ODataValue, odataLiteral } from './odata-literal.js';

// A Symbol.for brand, so a filter built with another copy of @fmauth/core is still recognised.
const FILTER_BRAND = Symbol.for('fmauth.odata-filter');

/**
 * A `$filter` expression whose values were escaped by {@link odataFilter}. Pass it as `filter` to the
 * OData client; `String(filter)` is the expression.
 */
export class ODataFilter {
  readonly expression: string;

  constructor(expression: string) {
    this.expression = expression;
    Object.defineProperty(this, FILTER_BRAND, { value: true });
  }

  toString(): string {
    return this.expression;
  }

  toJSON(): string {
    return this.expression;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FILTER_BRAND] === true
    );
  }
}

/** What may be placed in an {@link odataFilter} template: a value, or another filter (parenthesised). */
export type ODataFilterPart = ODataValue | ODataFilter;

/**
 * Builds a `$filter` expression with every interpolated value escaped by its JavaScript type (see
 * `odataLiteral`): never paste a value into a filter string yourself. The template text is the
 * expression's own syntax (field names, operators); only `${…}` parts are values. Another
 * `ODataFilter` may be interpolated too, and is put in parentheses.
 *
 * @example
 * const name = "O'Brien";
 * odataFilter`name eq ${name} and age gt ${40}`; // name eq 'O''Brien' and age gt 40
 * odataFilter`created ge ${new Date(Date.UTC(2025, 0, 2))}`; // created ge 2025-01-02T00:00:00Z
 */
export function odataFilter(
  strings: TemplateStringsArray,
  ...values: readonly ODataFilterPart[]
): ODataFilter {
  if (!Array.isArray(strings) || !Array.isArray((strings as { raw?: unknown }).raw)) {
    throw new InvalidArgumentError(
      'odataFilter is a tagged template: put it right before a template literal whose placeholders hold the values, instead of calling it with a string',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  let expression = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    expression += value instanceof ODataFilter ? `(${value.expression})` : odataLiteral(value);
    expression += strings[i + 1] ?? '';
  }
  // The template's own text is the caller's code, but a stray quote there would swallow the values after it.
  assertBalancedQuotes(expression, 'odataFilter');
  return new ODataFilter(expression);
}

/**
 * Checks a raw `$filter` string before it is sent: a quote left open means a value was pasted in
 * unescaped (`name eq 'O'Brien'`), which changes what the filter matches or lets a value inject
 * conditions. Inside a quoted literal, `''` is an escaped quote.
 */
export function assertBalancedQuotes(expression: string, name: string): void {
  let open = false;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] !== "'") continue;
    if (open && expression[i + 1] === "'") {
      i++;
      continue;
    }
    open = !open;
  }
  if (open) {
    throw new InvalidArgumentError(
      `"${name}" has an unbalanced single quote, so a value was pasted in unescaped. Build filters with odataFilter\`name eq \${value}\`, which escapes every value (a quote inside a string is doubled: 'O''Brien').`,
    );
  }
}

/** The `$filter` text of a filter option: an {@link ODataFilter}, or a raw string checked for open quotes. */
export function filterText(filter: string | ODataFilter, name = 'filter'): string {
  if (filter instanceof ODataFilter) return filter.expression;
  if (typeof filter !== 'string') {
    throw new InvalidArgumentError(
      `"${name}" must be built with odataFilter\`…\` (or be a string)`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  if (filter.trim() === '') throw new InvalidArgumentError(`"${name}" must not be empty`);
  assertBalancedQuotes(filter, name);
  return filter;
}
