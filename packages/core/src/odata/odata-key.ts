import { describeType, InvalidArgumentError } from '../invalid-argument.js';
import { odataLiteral } from './odata-literal.js';

/** A record's primary key: a number (bare in the URL) or a string (quoted). */
export type ODataKey = string | number | bigint;

/**
 * The `({key})` part of a record URL, URL-encoded: `(42)`, `('ALFKI')`, `('O''Brien')`,
 * `('a%2Fb')`. Numbers must be finite; anything but a string, number or bigint is a `TypeError`.
 */
export function keySegment(key: unknown): string {
  if (typeof key === 'string') {
    if (key === '') throw new InvalidArgumentError('A record key must not be an empty string');
    return `(${encodeURIComponent(odataLiteral(key))})`;
  }
  if (typeof key === 'number' || typeof key === 'bigint') return `(${encodeURIComponent(odataLiteral(key))})`;
  throw new InvalidArgumentError(
    `A record key must be a string or a number, got ${describeType(key)}`,
    'ERR_INVALID_ARG_TYPE',
  );
}

/** A table (or other name) as one URL path segment; a `TypeError` unless it is a non-empty string. */
export function nameSegment(name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new InvalidArgumentError(
      `"${what}" must be a non-empty string, got ${describeType(name)}`,
      'ERR_INVALID_ARG_TYPE',
    );
  }
  return encodeURIComponent(name);
}
