import type { FieldFixture } from '../../fixture/sections/data-api.js';
import type { TableRow } from '../data-api/hosted-database.js';
import type { CompareOp, FilterExpr, Literal } from './filter-parser.js';
import { toODataValue } from './odata-values.js';

type Value = Literal;

/** Whether a record matches a parsed `$filter`. Empty fields are `null`; `null` only equals `null`. */
export function matchesFilter(
  expr: FilterExpr,
  row: TableRow,
  fields: ReadonlyMap<string, FieldFixture>,
): boolean {
  return evaluate(expr, row, fields) === true;
}

function evaluate(expr: FilterExpr, row: TableRow, fields: ReadonlyMap<string, FieldFixture>): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'field':
      return fieldValue(expr.name, row, fields);
    case 'and':
      return evaluate(expr.left, row, fields) === true && evaluate(expr.right, row, fields) === true;
    case 'or':
      return evaluate(expr.left, row, fields) === true || evaluate(expr.right, row, fields) === true;
    case 'not':
      return evaluate(expr.operand, row, fields) !== true;
    case 'compare':
      return compare(expr.op, evaluate(expr.left, row, fields), evaluate(expr.right, row, fields));
    case 'call': {
      const args = expr.args.map((arg) => evaluate(arg, row, fields));
      return callFunction(expr.fn, args);
    }
  }
}

function fieldValue(name: string, row: TableRow, fields: ReadonlyMap<string, FieldFixture>): Value {
  if (name === 'ROWID') return row.rowId;
  if (name === 'ROWMODID') return row.modId;
  const field = fields.get(name);
  return field ? toODataValue(field, row.fieldData[name]) : null;
}

function compare(op: CompareOp, left: Value, right: Value): boolean {
  if (left === null || right === null) {
    if (op === 'eq') return left === right;
    if (op === 'ne') return left !== right;
    return false;
  }
  // [guess] Text compares case-sensitively, code point by code point (FileMaker's SQL `=` is exact).
  const order =
    typeof left === 'number' && typeof right === 'number'
      ? left - right
      : typeof left === 'number' || typeof right === 'number'
        ? Number(left) - Number(right)
        : String(left) < String(right)
          ? -1
          : String(left) > String(right)
            ? 1
            : 0;
  if (Number.isNaN(order)) return op === 'ne';
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function callFunction(fn: string, args: Value[]): Value {
  const text = (value: Value) => (value === null ? '' : String(value));
  const [first = null, second = null] = args;
  switch (fn) {
    case 'contains':
      return first !== null && text(first).includes(text(second));
    case 'startswith':
      return first !== null && text(first).startsWith(text(second));
    case 'endswith':
      return first !== null && text(first).endsWith(text(second));
    case 'tolower':
      return first === null ? null : text(first).toLowerCase();
    case 'toupper':
      return first === null ? null : text(first).toUpperCase();
    case 'trim':
      return first === null ? null : text(first).trim();
    case 'length':
      return first === null ? null : text(first).length;
    default:
      return null;
  }
}
