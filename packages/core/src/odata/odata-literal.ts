import { describeType, InvalidArgumentError } from '../invalid-argument.js';

/** A JavaScript value that {@link odataLiteral} can write into a `$filter` or a key. */
export type ODataValue = string | number | bigint | boolean | null | Date;

/**
 * Writes `value` as an OData literal, escaped by its JavaScript type, so that no value can change the
 * meaning of the expression around it:
 * - strings in single quotes, a quote inside doubled (`'O''Brien'`);
 * - finite numbers and bigints as they are (`NaN` and `Infinity` are refused: FileMaker has no such values);
 * - booleans as `true` / `false`, `null` as `null`;
 * - Dates as an `Edm.DateTimeOffset` in UTC (`2025-01-02T13:27:24Z`, milliseconds only when set).
 *
 * Anything else (objects, arrays, `undefined`, invalid Dates) is a `TypeError`.
 */
export function odataLiteral(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `'${value.replaceAll("'", "''")}'`;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidArgumentError(`An OData value must be a finite number, got ${String(value)}`);
      }
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime()))
          throw new InvalidArgumentError('An OData value must not be an invalid Date');
        // FileMaker writes timestamps without milliseconds; keep them only when there are some.
        return value.toISOString().replace('.000Z', 'Z');
      }
  }
  throw new InvalidArgumentError(
    `An OData value must be a string, number, bigint, boolean, null or Date, got ${describeType(value)}`,
    'ERR_INVALID_ARG_TYPE',
  );
}
