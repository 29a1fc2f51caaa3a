import { type Token, TokenError, tokenize } from './filter-tokens.js';

export type Literal = string | number | boolean | null;

/** A parsed `$filter` expression. */
export type FilterExpr =
  | { readonly kind: 'literal'; readonly value: Literal }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'call'; readonly fn: FilterFunction; readonly args: readonly FilterExpr[] }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: FilterExpr;
      readonly right: FilterExpr;
    }
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly operand: FilterExpr };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** The functions simulated, with their arity, and whether each yields a boolean. */
export const FILTER_FUNCTIONS = {
  contains: { arity: 2, boolean: true },
  startswith: { arity: 2, boolean: true },
  endswith: { arity: 2, boolean: true },
  tolower: { arity: 1, boolean: false },
  toupper: { arity: 1, boolean: false },
  trim: { arity: 1, boolean: false },
  length: { arity: 1, boolean: false },
} as const;
export type FilterFunction = keyof typeof FILTER_FUNCTIONS;

/** Bounds on one expression, so no query can make the mock work hard. [guess] FileMaker's are unknown. */
export const FILTER_LIMITS = { maxLength: 4096, maxTokens: 1024, maxDepth: 32 } as const;

/** Why a `$filter` was refused: a syntax problem at a token, or a field the table does not have. */
export type FilterProblem =
  | { readonly kind: 'syntax'; readonly near: string }
  | { readonly kind: 'unknown-field'; readonly field: string };

export type FilterParse =
  | { readonly ok: true; readonly expr: FilterExpr }
  | { readonly ok: false; readonly problem: FilterProblem };

class ParseFailure {
  constructor(readonly problem: FilterProblem) {}
}

/**
 * Parses a `$filter` with the usual precedence (`not` > comparison > `and` > `or`), checking every
 * field against `hasField`. Bounded in length, tokens and nesting; never throws.
 */
export function parseFilter(text: string, hasField: (name: string) => boolean): FilterParse {
  if (text.length > FILTER_LIMITS.maxLength)
    return { ok: false, problem: { kind: 'syntax', near: '$filter' } };
  const tokens = tokenize(text, FILTER_LIMITS.maxTokens);
  if (tokens instanceof TokenError) return { ok: false, problem: { kind: 'syntax', near: tokens.near } };
  try {
    const parser = new Parser(tokens, hasField);
    const expr = parser.parseAll();
    if (!isBoolean(expr)) throw new ParseFailure({ kind: 'syntax', near: text.slice(0, 20) });
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, problem: error.problem };
    return { ok: false, problem: { kind: 'syntax', near: '$filter' } };
  }
}

function isBoolean(expr: FilterExpr): boolean {
  switch (expr.kind) {
    case 'compare':
    case 'and':
    case 'or':
    case 'not':
      return true;
    case 'literal':
      return typeof expr.value === 'boolean';
    case 'call':
      return FILTER_FUNCTIONS[expr.fn].boolean;
    default:
      return false;
  }
}

class Parser {
  #at = 0;
  #depth = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly hasField: (name: string) => boolean,
  ) {}

  parseAll(): FilterExpr {
    if (this.tokens.length === 0) this.#fail('$filter');
    const expr = this.#or();
    if (this.#at < this.tokens.length) this.#fail(this.#text(this.tokens[this.#at] as Token));
    return expr;
  }

  #or(): FilterExpr {
    let left = this.#and();
    while (this.#word('or')) left = { kind: 'or', left, right: this.#nested(() => this.#and()) };
    return left;
  }

  #and(): FilterExpr {
    let left = this.#not();
    while (this.#word('and')) left = { kind: 'and', left, right: this.#nested(() => this.#not()) };
    return left;
  }

  #not(): FilterExpr {
    if (this.#word('not')) return { kind: 'not', operand: this.#nested(() => this.#not()) };
    return this.#comparison();
  }

  #comparison(): FilterExpr {
    const left = this.#operand();
    const next = this.tokens[this.#at];
    if (next?.kind === 'word' && COMPARE_OPS.has(next.value)) {
      this.#at++;
      return { kind: 'compare', op: next.value as CompareOp, left, right: this.#operand() };
    }
    return left;
  }

  #operand(): FilterExpr {
    const token = this.tokens[this.#at];
    if (!token) this.#fail(this.#lastText());
    this.#at++;
    switch (token.kind) {
      case 'string':
      case 'temporal':
        return { kind: 'literal', value: token.value };
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'name':
        return this.#field(token.value);
      case 'punct':
        if (token.value !== '(') this.#fail(token.value);
        return this.#nested(() => {
          const inner = this.#or();
          this.#expect(')');
          return inner;
        });
      case 'word':
        return this.#wordOperand(token);
    }
  }

  #wordOperand(token: Extract<Token, { kind: 'word' }>): FilterExpr {
    const lower = token.value.toLowerCase();
    if (token.value === 'null') return { kind: 'literal', value: null };
    if (token.value === 'true' || token.value === 'false')
      return { kind: 'literal', value: token.value === 'true' };
    const next = this.tokens[this.#at];
    if (next?.kind === 'punct' && next.value === '(') {
      if (!(lower in FILTER_FUNCTIONS)) this.#fail(token.value);
      const fn = lower as FilterFunction;
      this.#at++;
      const args = this.#nested(() => this.#arguments());
      if (args.length !== FILTER_FUNCTIONS[fn].arity) this.#fail(token.value);
      return { kind: 'call', fn, args };
    }
    if (COMPARE_OPS.has(token.value) || ['and', 'or', 'not'].includes(token.value)) this.#fail(token.value);
    return this.#field(token.value);
  }

  #arguments(): FilterExpr[] {
    const args: FilterExpr[] = [];
    if (this.#punct(')')) return args;
    do args.push(this.#or());
    while (this.#punct(','));
    this.#expect(')');
    return args;
  }

  #field(name: string): FilterExpr {
    if (!this.hasField(name)) throw new ParseFailure({ kind: 'unknown-field', field: name });
    return { kind: 'field', name };
  }

  /** Runs a sub-parse one level deeper; too deep is a syntax error, never a stack overflow. */
  #nested<T>(parse: () => T): T {
    if (++this.#depth > FILTER_LIMITS.maxDepth) this.#fail('(');
    try {
      return parse();
    } finally {
      this.#depth--;
    }
  }

  #word(value: string): boolean {
    const token = this.tokens[this.#at];
    if (token?.kind === 'word' && token.value === value) {
      this.#at++;
      return true;
    }
    return false;
  }

  #punct(value: '(' | ')' | ','): boolean {
    const token = this.tokens[this.#at];
    if (token?.kind === 'punct' && token.value === value) {
      this.#at++;
      return true;
    }
    return false;
  }

  #expect(value: ')'): void {
    if (!this.#punct(value))
      this.#fail(this.tokens[this.#at] ? this.#text(this.tokens[this.#at] as Token) : value);
  }

  #text(token: Token): string {
    return token.kind === 'number' ? token.text : String(token.value);
  }

  #lastText(): string {
    const last = this.tokens[this.tokens.length - 1];
    return last ? this.#text(last) : '$filter';
  }

  #fail(near: string): never {
    throw new ParseFailure({ kind: 'syntax', near });
  }
}
