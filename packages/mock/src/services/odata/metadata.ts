import type { HostedDatabase } from '../data-api/hosted-database.js';
import { edmType } from './odata-values.js';

/** The engine version `$metadata` reports (odata.md §3 records 21.1.1 and 22.0.2). */
export const ODATA_ENGINE = 'OData Engine 22.0.2';

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * EDMX `$metadata` as OData Engine 22 writes it: namespace `com.filemaker.odata.{db as requested}`,
 * EntityType = table name + `_`, `<Key>` only for a table with a key field, BestRowID / RowVersion
 * annotations on every type (odata.md §3).
 */
export function metadataXml(db: HostedDatabase, dbAsRequested: string, only?: string): string {
  const namespace = `com.filemaker.odata.${dbAsRequested}`;
  const types: string[] = [];
  const sets: string[] = [];
  for (const table of tablesOf(db, only)) {
    const schema = db.tableSchema(table);
    if (!schema) continue;
    const key = schema.key ? `<Key><PropertyRef Name="${xmlEscape(schema.key)}"/></Key>` : '';
    const properties = schema.fields
      .map((field) => {
        const notNull = field.name === schema.key ? ' Nullable="false"' : '';
        return `<Property Name="${xmlEscape(field.name)}" Type="${edmType(field)}"${notNull}/>`;
      })
      .join('');
    types.push(
      `<EntityType Name="${xmlEscape(table)}_">${key}${properties}<Annotation Term="com.filemaker.odata.BestRowID" String="ROWID"/><Annotation Term="com.filemaker.odata.RowVersion" String="ROWMODID"/></EntityType>`,
    );
    sets.push(
      `<EntitySet Name="${xmlEscape(table)}" EntityType="${xmlEscape(namespace)}.${xmlEscape(table)}_"><Annotation Term="Org.OData.Core.V1.ResourcePath" String="${xmlEscape(table)}"/></EntitySet>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.01" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="${xmlEscape(namespace)}" xmlns="http://docs.oasis-open.org/odata/ns/edm"><Annotation Term="ServerVersion" String="${ODATA_ENGINE}"/>${types.join('')}<EntityContainer Name="${xmlEscape(dbAsRequested)}">${sets.join('')}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}

/**
 * CSDL JSON `$metadata` as OData Engine 21.1.1 writes it: keyed by the bare db name, types and sets
 * side by side, `$Nullable: true` on nullable properties (absent means not-null) (odata.md §3).
 */
export function metadataJson(
  db: HostedDatabase,
  dbAsRequested: string,
  only?: string,
): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const table of tablesOf(db, only)) {
    const described = db.tableSchema(table);
    if (!described) continue;
    const type: Record<string, unknown> = { $Kind: 'EntityType' };
    if (described.key) type.$Key = [described.key];
    for (const field of described.fields) {
      type[field.name] =
        field.name === described.key ? { $Type: edmType(field) } : { $Nullable: true, $Type: edmType(field) };
    }
    schema[`${table}_`] = type;
    schema[table] = { $Kind: 'EntitySet', $Type: `${dbAsRequested}.${table}_` };
  }
  return { $Version: '4.01', '@ServerVersion': ODATA_ENGINE, [dbAsRequested]: schema };
}

/** Every table, or the one named by `$metadata#{table}` (FMS 22.0.4 and later). */
function tablesOf(db: HostedDatabase, only: string | undefined): string[] {
  return only === undefined ? db.tableNames() : db.tableNames().filter((table) => table === only);
}
