import { OAuthSignInError } from './errors.js';

/** What arrived at the return URL, as the app may hand it over. */
export type ReturnedQuery =
  | URL
  | URLSearchParams
  | string
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const MAX_QUERY_LENGTH = 8192;

function invalid(message: string): OAuthSignInError {
  return new OAuthSignInError(message, { failure: 'query-invalid' });
}

/**
 * The query of the return URL, and the URL itself when the app gave a whole one (to check it is the
 * return URL the sign-in began with). Accepts `req.url` (`/oauth/return?…`), a `URL`, `URLSearchParams`,
 * `?…`/`…=…` text, or a parsed query object (Express's `req.query`).
 */
export function readReturnedQuery(returned: ReturnedQuery): { query: URLSearchParams; url: URL | undefined } {
  if (returned instanceof URL) return { query: returned.searchParams, url: returned };
  if (returned instanceof URLSearchParams) return { query: returned, url: undefined };
  if (typeof returned === 'string') {
    if (returned.length > MAX_QUERY_LENGTH)
      throw invalid('The return URL is too long to be one from FileMaker Server.');
    if (/^https?:\/\//i.test(returned)) {
      try {
        const url = new URL(returned);
        return { query: url.searchParams, url };
      } catch {
        throw invalid('The return URL could not be parsed.');
      }
    }
    const at = returned.indexOf('?');
    return { query: new URLSearchParams(at >= 0 ? returned.slice(at + 1) : returned), url: undefined };
  }
  if (typeof returned === 'object' && returned !== null) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(returned)) {
      if (typeof value === 'string') query.append(key, value);
      else if (Array.isArray(value))
        for (const item of value) if (typeof item === 'string') query.append(key, item);
    }
    return { query, url: undefined };
  }
  throw invalid('complete() needs what arrived at the return URL: the URL, its query, or the parsed query.');
}

/** One value of a parameter: absent → undefined; given twice → a typed error (no guessing which is real). */
export function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) throw invalid(`The return URL carries "${name}" more than once.`);
  return all[0];
}
