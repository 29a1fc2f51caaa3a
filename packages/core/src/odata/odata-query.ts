import { describeType, InvalidArgumentError } from '../invalid-argument.js';
import { filterText, type ODataFilter } from './odata-filter.js';

/** Query options of `ODataClient.query()` and friends (OData system query options). */
export interface ODataQueryOptions {
  /** `$filter`: build it with `odataFilter\`…\``; a raw string is checked for unescaped quotes. */
  readonly filter?: ODataFilter | string;
  /** `$select`: the fields to return. Default: all (containers and summaries excepted, as FileMaker does). */
  readonly select?: readonly string[];
  /** `$top`: at most this many records. A whole number ≥ 0. Default: the server's page size. */
  readonly top?: number;
  /** `$skip`: leave out this many records first. A whole number ≥ 0. Default 0. */
  readonly skip?: number;
  /**
   * `$orderby`: a field name, optionally followed by ` asc` or ` desc`, or several of them.
   * @example ['city', 'name desc']
   */
  readonly orderby?: string | readonly string[];
  /** `$count=true`: also return the total number of matching records (`count` in the result). Default `false`. */
  readonly count?: boolean;
  /** Gives up waiting for the answer; the request is aborted. */
  readonly signal?: AbortSignal;
}

const ORDER_ITEM = /^[^,'"]+?(?: (?:asc|desc))?$/i;

/** `?$filter=…&$select=…`, each value checked and URL-encoded (an empty string when there is nothing). */
export function queryString(options: ODataQueryOptions | undefined): string {
  if (options === undefined) return '';
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'Query options must be an object like { filter, top }',
      'ERR_INVALID_ARG_TYPE',
    );
  }
  const parts: string[] = [];
  if (options.filter !== undefined) parts.push(`$filter=${encodeURIComponent(filterText(options.filter))}`);
  if (options.select !== undefined)
    parts.push(`$select=${encodeURIComponent(names(options.select, 'select').join(','))}`);
  if (options.orderby !== undefined) {
    const items = typeof options.orderby === 'string' ? [options.orderby] : names(options.orderby, 'orderby');
    for (const item of items) {
      if (!ORDER_ITEM.test(item.trim())) {
        throw new InvalidArgumentError(
          `"orderby" items are a field name with an optional " asc" or " desc", got an item with quotes or commas`,
        );
      }
    }
    parts.push(`$orderby=${encodeURIComponent(items.map((item) => item.trim()).join(','))}`);
  }
  if (options.top !== undefined) parts.push(`$top=${wholeNumber(options.top, 'top')}`);
  if (options.skip !== undefined) parts.push(`$skip=${wholeNumber(options.skip, 'skip')}`);
  if (options.count !== undefined) {
    if (typeof options.count !== 'boolean')
      throw new InvalidArgumentError('"count" must be true or false', 'ERR_INVALID_ARG_TYPE');
    if (options.count) parts.push('$count=true');
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function names(value: unknown, name: string): readonly string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' && item.trim() !== '')
  ) {
    throw new InvalidArgumentError(
      `"${name}" must be a non-empty array of field names, got ${describeType(value)}`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  return value as readonly string[];
}

function wholeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `"${name}" must be a whole number ≥ 0, got ${typeof value === 'number' ? String(value) : describeType(value)}`,
    );
  }
  return value;
}
