/** How a record is addressed in `{table}({key})`. */
export type EntityKey =
  | { readonly kind: 'rowid'; readonly rowId: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string };

/** What one path segment after `/{db}` names. */
export type Resource =
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'entity'; readonly table: string; readonly key: EntityKey }
  | { readonly kind: 'script'; readonly script: string }
  /** `(…)` that is no key: a syntax error at this text. */
  | { readonly kind: 'bad-key'; readonly near: string };

const WITH_KEY = /^([^()]+)\((.*)\)$/s;
const ROWID_KEY = /^ROWID=(\d{1,15})$/;
const NUMBER_KEY = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/**
 * Reads `Contacts`, `Contacts(42)`, `Contacts('O''Brien')`, `Contacts(ROWID=2)` or `Script.Name`
 * (odata.md §1). The segment is already percent-decoded.
 */
export function readResource(segment: string): Resource {
  if (segment.startsWith('Script.') && segment.length > 'Script.'.length) {
    return { kind: 'script', script: segment.slice('Script.'.length) };
  }
  const match = WITH_KEY.exec(segment);
  if (!match) {
    if (segment.includes('(') || segment.includes(')')) return { kind: 'bad-key', near: segment };
    return { kind: 'table', table: segment };
  }
  const table = match[1] as string;
  const inner = (match[2] as string).trim();
  const rowId = ROWID_KEY.exec(inner);
  if (rowId) return { kind: 'entity', table, key: { kind: 'rowid', rowId: Number(rowId[1]) } };
  if (NUMBER_KEY.test(inner)) return { kind: 'entity', table, key: { kind: 'number', value: Number(inner) } };
  const quoted = readQuotedKey(inner);
  if (quoted !== undefined) return { kind: 'entity', table, key: { kind: 'string', value: quoted } };
  return { kind: 'bad-key', near: inner === '' ? ')' : inner };
}

/** `'…'` with `''` for a quote inside; `undefined` for anything else (a lone quote, junk after it). */
function readQuotedKey(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith("'") || !text.endsWith("'")) return undefined;
  const body = text.slice(1, -1);
  if (/'(?!')/.test(body.replace(/''/g, ''))) return undefined;
  return body.replace(/''/g, "'");
}

/** A key as it goes in URLs (`@id`, Location): `('text')` with doubled quotes, `(42)`, `(ROWID=n)`. */
export function formatKey(key: EntityKey): string {
  if (key.kind === 'rowid') return `(ROWID=${key.rowId})`;
  if (key.kind === 'number') return `(${key.value})`;
  return `('${key.value.replace(/'/g, "''")}')`;
}
