import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Which way records travel. */
export type Direction = 'fms-to-claris' | 'claris-to-fms';

/** One side of the sync: where the server is and how to reach the data. */
export interface ServerConfig {
  readonly url: string;
  readonly database: string;
  readonly layout: string;
  /** PEM of a private CA or self-signed certificate to trust (on-premises servers often have one). */
  readonly ca?: string;
}

export interface SyncConfig {
  readonly fms: ServerConfig & { readonly username: string; readonly password: string };
  readonly claris: ServerConfig & { readonly clarisId: string; readonly extendedPassword: string };
  readonly direction: Direction;
  /** Field whose value identifies the same record on both sides (compared trimmed, case-insensitively). */
  readonly matchField: string;
  readonly dryRun: boolean;
}

/** A problem with the command line or the environment: the program exits with 2 and the usage. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const USAGE = `Usage: hybrid-sync [options]

Copies records that exist on one server but not on the other (matched by a field, "email" by
default) from a FileMaker Server to a Claris Server, or back. Passwords come only from environment
variables, never from the command line (other users can read command lines with ps).

FileMaker Server (an account of the hosted file):
  --fms-url <url>            FMS_URL            e.g. https://fms.example.com
  --fms-database <name>      FMS_DATABASE       default Contacts
  --fms-layout <name>        FMS_LAYOUT         default Contacts
  --fms-username <name>      FMS_USERNAME
                             FMS_PASSWORD
  --fms-ca-file <pem>        FMS_CA_FILE        trust this CA (self-signed certificates)

Claris Server (a Claris ID with its extended account password):
  --claris-url <url>         CLARIS_URL         e.g. https://claris.example.com
  --claris-database <name>   CLARIS_DATABASE    default Contacts
  --claris-layout <name>     CLARIS_LAYOUT      default Contacts
  --claris-id <email>        CLARIS_ID
                             CLARIS_EXTENDED_PASSWORD  set in Claris Studio: Account > Extended Account
  --claris-ca-file <pem>     CLARIS_CA_FILE

Sync:
  --direction <way>          SYNC_DIRECTION     fms-to-claris (default) or claris-to-fms
  --match-field <field>      SYNC_MATCH_FIELD   default email
  --dry-run                  SYNC_DRY_RUN=1     show what would be copied, write nothing
  -h, --help

Exit codes: 0 done (also when nothing was missing), 1 a server refused or failed,
2 bad command line or environment, 3 some records could not be copied.`;

const PASSWORD_FLAGS = /^--(fms-password|claris-password|claris-extended-password|password)(=|$)/;

/** Reads flags first, then environment variables, then defaults. Throws {@link ConfigError}. */
export function readConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SyncConfig | 'help' {
  const passwordFlag = argv.find((arg) => PASSWORD_FLAGS.test(arg));
  if (passwordFlag) {
    throw new ConfigError(
      `${passwordFlag.split('=')[0]} is not accepted: pass passwords in FMS_PASSWORD and CLARIS_EXTENDED_PASSWORD, since other users can read command lines`,
    );
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'fms-url': { type: 'string' },
        'fms-database': { type: 'string' },
        'fms-layout': { type: 'string' },
        'fms-username': { type: 'string' },
        'fms-ca-file': { type: 'string' },
        'claris-url': { type: 'string' },
        'claris-database': { type: 'string' },
        'claris-layout': { type: 'string' },
        'claris-id': { type: 'string' },
        'claris-ca-file': { type: 'string' },
        direction: { type: 'string' },
        'match-field': { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return 'help';

  const pick = (flag: string, variable: string, fallback?: string): string | undefined => {
    const value = (values[flag] as string | undefined) ?? env[variable] ?? fallback;
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const missing: string[] = [];
  const need = (flag: string, variable: string, fallback?: string): string => {
    const value = pick(flag, variable, fallback);
    if (value === undefined) missing.push(flag ? `--${flag} (or ${variable})` : variable);
    return value ?? '';
  };

  const fms = {
    url: need('fms-url', 'FMS_URL'),
    database: need('fms-database', 'FMS_DATABASE', 'Contacts'),
    layout: need('fms-layout', 'FMS_LAYOUT', 'Contacts'),
    username: need('fms-username', 'FMS_USERNAME'),
    password: need('', 'FMS_PASSWORD'),
    ...readCa(pick('fms-ca-file', 'FMS_CA_FILE')),
  };
  if (env.CLARIS_EXTENDED_PASSWORD === undefined && env.CLARIS_PASSWORD !== undefined) {
    throw new ConfigError(
      'CLARIS_PASSWORD is set, but Claris Server does not accept the Claris ID password: set CLARIS_EXTENDED_PASSWORD to the extended account password the user set in Claris Studio (Account > Extended Account)',
    );
  }
  const claris = {
    url: need('claris-url', 'CLARIS_URL'),
    database: need('claris-database', 'CLARIS_DATABASE', 'Contacts'),
    layout: need('claris-layout', 'CLARIS_LAYOUT', 'Contacts'),
    clarisId: need('claris-id', 'CLARIS_ID'),
    extendedPassword: need('', 'CLARIS_EXTENDED_PASSWORD'),
    ...readCa(pick('claris-ca-file', 'CLARIS_CA_FILE')),
  };
  if (missing.length > 0) throw new ConfigError(`missing ${missing.join(', ')}`);

  const direction = pick('direction', 'SYNC_DIRECTION', 'fms-to-claris');
  if (direction !== 'fms-to-claris' && direction !== 'claris-to-fms') {
    throw new ConfigError(`--direction must be fms-to-claris or claris-to-fms, got "${direction}"`);
  }
  const dryRun = values['dry-run'] === true || /^(1|true|yes)$/i.test(env.SYNC_DRY_RUN ?? '');
  return { fms, claris, direction, matchField: need('match-field', 'SYNC_MATCH_FIELD', 'email'), dryRun };
}

function readCa(path: string | undefined): { ca?: string } {
  if (path === undefined) return {};
  try {
    return { ca: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new ConfigError(
      `cannot read the CA file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}
