// The `fmauth-mock` command line, run by the bins of @fmauth/mock-server and of @fmauth/cli (`fmauth
// mock`): it lives in the library so that neither package has to depend on the other.
import { readFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './cli/parse-args.js';
import { FixtureError, setInternalErrorReporter, startMockServer, TlsMaterialError } from './index.js';

const LABELS: Record<string, string> = {
  filemakerServer: 'FileMaker Server Data API',
  filemakerCloud: 'FileMaker Cloud Data API',
  cognito: 'Cognito (Claris ID)',
  clarisIdDiscovery: 'Claris ID pool discovery',
  clarisServer: 'Claris Server Data API',
  clarisStudio: 'Claris Studio',
  oauthIdp: 'Identity provider (OAuth)',
  oauthProviderInfo: 'OAuth providers (FMS)',
  control: 'Control API',
};

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fmauth-mock: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (options.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  if (options.quiet) setInternalErrorReporter(() => undefined);

  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer({
      port: options.port,
      host: options.host,
      fixture: options.fixture,
      maxConnections: options.maxConnections,
      ...(options.tls === undefined ? {} : { tls: options.tls }),
    });
  } catch (error) {
    const message =
      error instanceof FixtureError || error instanceof TlsMaterialError
        ? error.message
        : `cannot start: ${(error as Error).message}`;
    process.stderr.write(`fmauth-mock: ${message}\n`);
    process.exit(1);
  }

  // Before the readiness line: a pipeline may send SIGTERM the moment it reads it, and a signal that
  // arrives before a listener exists kills the process instead of stopping it cleanly.
  const stop = (signal: NodeJS.Signals) => {
    server.close().then(() => {
      if (!options.quiet && !options.json) process.stderr.write(`fmauth-mock: stopped (${signal})\n`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (options.json) {
    process.stdout.write(`${JSON.stringify(server.readiness)}\n`);
  } else {
    const lines = Object.entries(server.endpoints).map(
      ([key, url]) => `  ${(LABELS[key] ?? key).padEnd(28)} ${url}`,
    );
    if (server.tls) {
      lines.push(`  ${'TLS CA to trust'.padEnd(28)} ${server.tls.caPath}`);
      lines.push(`  ${'CA SHA-256 fingerprint'.padEnd(28)} ${server.tls.caFingerprint256}`);
    }
    process.stdout.write(`fmauth mock server ready\n${lines.join('\n')}\n`);
    if (!options.quiet) process.stderr.write('Press Ctrl-C to stop.\n');
  }
}

await main();
