import { jsonResponse, type MockRequest, type MockResponse, pathSegments } from './mock-http.js';

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
  /**
   * No pattern matched the path. Default: 404 with `{"error": "no route for <method> <path>"}` in
   * JSON; a simulated product answers in its own format instead (an HTML page, a FileMaker envelope).
   */
  notFound?(req: MockRequest): RouteAnswer;
  /**
   * A pattern matched the path but not the method; `allowed` lists the methods of every matching
   * route, upper case, each once, in table order. Default: 405 with an `allow` header and
   * `{"error": "method <method> not allowed", "allowed": [...]}` in JSON.
   */
  methodNotAllowed?(req: MockRequest, allowed: readonly string[]): RouteAnswer;
  /**
   * Match literal segments exactly instead of ignoring case. Default `false`: FileMaker matches its URL
   * keywords (`fmi`, `vLatest`, `layouts`) case-insensitively; most web apps and AWS do not.
   */
  readonly caseSensitive?: boolean;
}

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'rest'; readonly name: string };

interface CompiledRoute {
  readonly methods: ReadonlySet<string> | '*';
  readonly segments: readonly Segment[];
  readonly caseSensitive: boolean;
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

  /** Checks every pattern now, so a malformed table fails when the service is built, not on a request. */
  constructor(routes: readonly Route[], options: RouteTableOptions = {}) {
    const caseSensitive = options.caseSensitive === true;
    this.#routes = routes.map((route) => compile(route, caseSensitive));
    this.#options = options;
  }

  /**
   * Answers `req` from the table. `segments` are the path segments to match; by default those of
   * `req.path`, percent-decoded, empty ones dropped (so `/a//b/` is `/a/b`). A path that is not valid
   * percent-encoding is "not found". Pass {@link exactSegments} to match the path exactly as sent.
   */
  dispatch(req: MockRequest, segments: readonly string[] | undefined = pathSegments(req.path)): RouteAnswer {
    if (segments === undefined) return this.#notFound(req);
    const allowed: string[] = [];
    for (const compiled of this.#routes) {
      const params = matchSegments(compiled, segments);
      if (!params) continue;
      if (compiled.methods === '*' || compiled.methods.has(req.method))
        return compiled.route.handle(req, params);
      for (const method of compiled.methods) if (!allowed.includes(method)) allowed.push(method);
    }
    return allowed.length > 0 ? this.#methodNotAllowed(req, allowed) : this.#notFound(req);
  }

  #notFound(req: MockRequest): RouteAnswer {
    if (this.#options.notFound) return this.#options.notFound(req);
    return jsonResponse(404, { error: `no route for ${req.method} ${req.path}` });
  }

  #methodNotAllowed(req: MockRequest, allowed: readonly string[]): RouteAnswer {
    if (this.#options.methodNotAllowed) return this.#options.methodNotAllowed(req, allowed);
    return jsonResponse(
      405,
      { error: `method ${req.method} not allowed`, allowed },
      { allow: allowed.join(', ') },
    );
  }
}

/**
 * The segments of `path` exactly as sent: not decoded, case kept, empty segments kept (`//a` is
 * `['', 'a']`, `/a/` is `['a', '']`); `/` alone has none. For services whose real counterpart matches
 * paths byte for byte rather than the way FileMaker does.
 */
export function exactSegments(path: string): string[] {
  return path === '/' || path === '' ? [] : path.slice(path.startsWith('/') ? 1 : 0).split('/');
}

function compile(route: Route, caseSensitive: boolean): CompiledRoute {
  if (typeof route?.path !== 'string' || !route.path.startsWith('/'))
    throw new TypeError(`route ${JSON.stringify(route?.path)}: a path must be a string starting with "/"`);
  if (typeof route.handle !== 'function')
    throw new TypeError(`route "${route.path}": handle must be a function`);
  const parts = route.path.split('/').filter((part) => part !== '');
  const segments = parts.map((part, index): Segment => {
    if (part.startsWith(':') || part.startsWith('*')) {
      const name = part.slice(1);
      if (name === '') throw new TypeError(`route "${route.path}": "${part}" needs a name, e.g. ${part}id`);
      if (part.startsWith(':')) return { kind: 'param', name };
      if (index !== parts.length - 1)
        throw new TypeError(`route "${route.path}": ${part} must be the last segment`);
      return { kind: 'rest', name };
    }
    return { kind: 'literal', value: caseSensitive ? part : part.toLowerCase() };
  });
  const listed = typeof route.method === 'string' ? [route.method] : route.method;
  if (!Array.isArray(listed) || listed.length === 0 || listed.some((m) => typeof m !== 'string' || m === ''))
    throw new TypeError(`route "${route.path}": method must be a method name, a list of them, or '*'`);
  const methods = route.method === '*' ? '*' : new Set(listed.map((m) => m.toUpperCase()));
  return { methods, segments, caseSensitive, route };
}

function matchSegments(compiled: CompiledRoute, actual: readonly string[]): RouteParams | undefined {
  const pattern = compiled.segments;
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
      const comparable = compiled.caseSensitive ? value : value.toLowerCase();
      if (comparable !== segment.value) return undefined;
    } else {
      params[segment.name] = value;
    }
  }
  return pattern.length === actual.length ? params : undefined;
}
