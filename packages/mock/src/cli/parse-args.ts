import { parseArgs } from 'node:util';

export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly fixture?: string;
  readonly maxConnections: number;
  /** HTTPS: `true` for a generated CA and certificate, or the user's own certificate and key files. */
  readonly tls?: true | { readonly certFile: string; readonly keyFile: string };
  readonly json: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: fmauth-mock [options]

Simulates FileMaker Server (and the other flavors) for tests, on real HTTP.

Options:
  --port <n>        TCP port; 0 picks a free one (default 0)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --fixture <file>  JSON fixture replacing the default one (see the README)
  --max-connections <n>
                    most open connections at once; more are closed at once (default 10000)
  --tls             serve HTTPS with a CA and a localhost certificate made at start;
                    the readiness line names the CA file to trust, and its fingerprint
  --cert <file>     serve HTTPS with this PEM certificate (with --key; implies --tls)
  --key <file>      the PEM private key of --cert
  --json            print exactly one JSON readiness line on stdout
  --quiet           no logging on stderr
  -h, --help        this text
  -v, --version     the version

On readiness it prints where each simulated server listens; SIGINT or SIGTERM stop it.`;

/** Parses the command line; throws an Error with a one-line message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      fixture: { type: 'string' },
      'max-connections': { type: 'string', default: '10000' },
      tls: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  if (values.host.trim() === '') throw new Error('--host must not be empty');
  const maxConnections = Number(values['max-connections']);
  if (!/^\d+$/.test(values['max-connections']) || maxConnections < 1 || !Number.isSafeInteger(maxConnections))
    throw new Error(
      `--max-connections must be a whole number of at least 1, got "${values['max-connections']}"`,
    );
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new Error('--cert and --key go together: give both files, or neither (--tls alone generates them)');
  for (const flag of ['cert', 'key'] as const)
    if (values[flag] !== undefined && values[flag].trim() === '')
      throw new Error(`--${flag} must name a file`);
  const tls =
    values.cert !== undefined && values.key !== undefined
      ? { certFile: values.cert, keyFile: values.key }
      : values.tls
        ? (true as const)
        : undefined;
  return {
    port,
    host: values.host,
    ...(values.fixture === undefined ? {} : { fixture: values.fixture }),
    maxConnections,
    ...(tls === undefined ? {} : { tls }),
    json: values.json,
    quiet: values.quiet,
    help: values.help,
    version: values.version,
  };
}
