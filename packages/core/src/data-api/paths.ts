/** Data API versions. FileMaker Server 17 knows only `v1`; 18 and later treat all three alike. */
export type DataApiVersion = 'v1' | 'v2' | 'vLatest';

export const DATA_API_VERSIONS: readonly DataApiVersion[] = ['v1', 'v2', 'vLatest'];

/** Path builders for one database; every segment is percent-encoded (layout names may hold slashes). */
export class DataApiPaths {
  readonly root: string;
  readonly database: string;

  constructor(prefix: string, version: DataApiVersion, database: string) {
    this.root = `${prefix}/fmi/data/${version}`;
    this.database = `${this.root}/databases/${encodeURIComponent(database)}`;
  }

  sessions(): string {
    return `${this.database}/sessions`;
  }

  session(token: string): string {
    return `${this.database}/sessions/${encodeURIComponent(token)}`;
  }

  /** The logout path as it may appear in errors: the token in it is a secret. */
  sessionRedacted(): string {
    return `${this.database}/sessions/[redacted]`;
  }

  /** A path below the database, e.g. `layouts/Contacts/records`. Callers encode their own segments. */
  inDatabase(relative: string): string {
    return `${this.database}/${relative.replace(/^\/+/, '')}`;
  }

  inRoot(relative: string): string {
    return `${this.root}/${relative.replace(/^\/+/, '')}`;
  }
}

/** `encodeURIComponent` for one path segment: a layout named "Sales/2024" must stay one segment. */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}
