import type { HostedDatabase } from '../data-api/hosted-database.js';

/**
 * The body of `GET databases`: the hosted files, all open. [guess] The field names (`totalDBCount`,
 * `files.files[]` with `filename`, `status`) follow our reading of the Admin API reference and of
 * fmcsadmin's `list files`; no recorded response was found, so clients should read only these.
 */
export function databaseListing(databases: readonly HostedDatabase[]) {
  const files = databases.map((db, index) => ({
    id: String(index + 1),
    filename: `${db.name}.fmp12`,
    status: 'NORMAL',
  }));
  return { totalDBCount: files.length, openDBCount: files.length, files: { files } };
}
