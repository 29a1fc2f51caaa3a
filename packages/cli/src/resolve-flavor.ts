import { detectServerFlavor, type ServerFlavor, type ServerFlavorReport } from '@fmauth/core';
import { CliError } from './cli-error.js';
import type { ConnectionOptions } from './command-options.js';

/** Options of core's `detectServerFlavor` from the command line's. */
export function detectionOptions(options: ConnectionOptions) {
  return {
    timeoutMs: options.timeoutMs,
    ...(options.transport.tls ? { tls: options.transport.tls } : {}),
    ...(options.transport.proxy ? { proxy: options.transport.proxy } : {}),
  };
}

/**
 * The flavor to log in as: `--flavor` when given (no request), else detected. A server whose flavor
 * cannot be told (its Data API answers no productInfo) is a one-line failure that says why.
 */
export async function resolveFlavor(options: ConnectionOptions): Promise<ServerFlavor> {
  if (options.flavor) return options.flavor;
  const report: ServerFlavorReport = await detectServerFlavor(options.url, detectionOptions(options));
  if (report.flavor !== 'unknown') return report.flavor;
  const why = report.productInfoError ? report.productInfoError.message : report.summary;
  throw new CliError(
    `${options.url} does not answer like a FileMaker Data API: ${why} (if it is one, name it with --flavor)`,
  );
}
