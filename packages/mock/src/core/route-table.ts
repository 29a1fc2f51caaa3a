import type { MockRequest, MockResponse } from './mock-http.js';

/** Path parameters captured by a route pattern, already percent-decoded. */
export type RouteParams = Readonly<Record<string, string>>;

/** What a route answers with: a response, or a promise of one. */
export type RouteAnswer = MockResponse | Promise<MockResponse>;

/**
 * One line of a service's route table.
 *
 * `path` is a pattern of `/`-separated segments: a literal (matched case-insensitively, as FileMaker
 * matches its URL keywords), `:name` (any one segment, captured), or a final `*name` (the remaining
 * segments, joined by `/`, possibly empty). Patterns are tried in table order; the first whose path
 * matches wins, so put literals before captures where both could match.
 */
export interface Route {
  /** One method, several, or `'*'` for any. */
  readonly method: string | readonly string[];
  readonly path: string;
  handle(req: MockRequest, params: RouteParams): RouteAnswer;
}

export interface RouteTableOptions {
  /** No pattern matched the path. */
  notFound(req: MockRequest): RouteAnswer;
  /** A pattern matched the path but not the method. */
  methodNotAllowed(req: MockRequest, allowed: readonly string[]): RouteAnswer;
}

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'rest'; readonly name: string };

interface CompiledRoute {
  readonly methods: ReadonlySet<string> | '*';
  readonly segments: readonly Segment[];
  readonly route: Route;
}

/**
 * A service's routes declared as data: the table says which path and method reach which handler, so
 * a reader sees a service's whole URL map in one place (instead of nested `if`s), and the answers to a
 * wrong path or method are uniform.
 */
export class RouteTable {
  readonly #routes: readonly CompiledRoute[];
  readonly #options: RouteTableOptions;

  constructor(routes: readonly Route[], options: RouteTableOptions) {
    this.#routes = routes.map(compile);
    this.#options = options;
  }

  /**
   * Answers `req` from the table. `segments` are the decoded path segments to match (default: those of
   * `req.path`); a path that is not valid percent-encoding is "not found".
   */
  dispatch(req: MockRequest, segments: readonly string[]): RouteAnswer {
    const allowed: string[] = [];
    for (const compiled of this.#routes) {
      const params = matchSegments(compiled.segments, segments);
      if (!params) continue;
      if (compiled.methods === '*' || compiled.methods.has(req.method))
        return compiled.route.handle(req, params);
      allowed.push(...compiled.methods);
    }
    return allowed.length > 0 ? this.#options.methodNotAllowed(req, allowed) : this.#options.notFound(req);
  }
}

function compile(route: Route): CompiledRoute {
  const parts = route.path.split('/').filter((part) => part !== '');
  const segments = parts.map((part, index): Segment => {
    if (part.startsWith(':')) return { kind: 'param', name: part.slice(1) };
    if (part.startsWith('*')) {
      if (index !== parts.length - 1) throw new Error(`route "${route.path}": *${part} must be last`);
      return { kind: 'rest', name: part.slice(1) };
    }
    return { kind: 'literal', value: part.toLowerCase() };
  });
  const methods =
    route.method === '*'
      ? '*'
      : new Set(
          (typeof route.method === 'string' ? [route.method] : route.method).map((m) => m.toUpperCase()),
        );
  return { methods, segments, route };
}

function matchSegments(pattern: readonly Segment[], actual: readonly string[]): RouteParams | undefined {
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const segment = pattern[index] as Segment;
    if (segment.kind === 'rest') {
      params[segment.name] = actual.slice(index).join('/');
      return params;
    }
    const value = actual[index];
    if (value === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (value.toLowerCase() !== segment.value) return undefined;
    } else {
      params[segment.name] = value;
    }
  }
  return pattern.length === actual.length ? params : undefined;
}
