import type { MockResponse } from '../../core/mock-http.js';
import type { ODataOptions } from '../../fixture/sections/odata.js';
import { ODATA_JSON } from './odata-responses.js';

/** A value FileMaker writes as a bare `?` (a failed calculation, or text in a number field). */
export class BareQuestionMark {}
export const BARE_QUESTION_MARK = new BareQuestionMark();

export type JsonDefect = ODataOptions['jsonDefects'][number];

/**
 * Serializes an answer as FileMaker's OData engine does when the defects are switched on (odata.md
 * §11): numbers in (-1, 1) without a leading zero (`.5`), raw control characters inside strings, and
 * `?` for an unreadable value. Each is invalid JSON; clients that claim to cope can be tested with them.
 * Without defects, plain JSON.
 */
export function serializeOData(value: unknown, defects: readonly JsonDefect[]): string {
  // The sentinel is only produced when `bare-question-mark` is on, so plain JSON needs no replacer.
  if (defects.length === 0) return JSON.stringify(value);
  const zeroless = defects.includes('zero-less-fractions');
  const raw = defects.includes('raw-control-characters');
  const question = defects.includes('bare-question-mark');
  const write = (item: unknown): string => {
    if (item instanceof BareQuestionMark) return question ? '?' : 'null';
    if (item === null || item === undefined) return 'null';
    if (typeof item === 'number') {
      const text = JSON.stringify(item);
      return zeroless ? text.replace(/^(-?)0\./, '$1.') : text;
    }
    if (typeof item === 'string') {
      const text = JSON.stringify(item);
      // Un-escape \n, \r and \t (pairs are read left to right, so an escaped backslash stays escaped).
      return raw
        ? text.replace(/\\(.)/g, (pair, char: string) => ({ n: '\n', r: '\r', t: '\t' })[char] ?? pair)
        : text;
    }
    if (typeof item === 'boolean') return String(item);
    if (Array.isArray(item)) return `[${item.map(write).join(',')}]`;
    const entries = Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${write(v)}`).join(',')}}`;
  };
  return write(value);
}

/** A record-carrying JSON answer, written with the live defects. */
export function odataRecordsJson(
  status: number,
  body: unknown,
  options: ODataOptions,
  headers?: Record<string, string>,
): MockResponse {
  return {
    status,
    headers: { 'odata-version': '4.01', 'content-type': ODATA_JSON, ...headers },
    body: serializeOData(body, options.jsonDefects),
  };
}
