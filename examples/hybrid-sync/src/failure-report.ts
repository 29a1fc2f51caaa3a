import {
  detectServerFlavor,
  FmAuthError,
  InvalidCredentialsError,
  UnexpectedResponseError,
} from '@fmauth/core';
import type { Side } from './sides.js';

/** An error with the side it happened on. */
export class SideError extends Error {
  readonly side: Side;
  readonly phase: 'login' | 'read' | 'write';
  constructor(side: Side, phase: SideError['phase'], cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.side = side;
    this.phase = phase;
  }
}

/** Runs `work`, attributing a failure to `side`. */
export async function onSide<T>(side: Side, phase: SideError['phase'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SideError(side, phase, error);
  }
}

/**
 * Lines that explain a failure: what failed where, core's typed message (with the strategy's advice,
 * e.g. "Claris Server needs the extended account password"), and, when the server refused the login
 * or did not answer like a Data API, which flavor it really seems to be.
 */
export async function describeFailure(error: SideError): Promise<string[]> {
  const { side } = error;
  const cause = error.cause;
  const where = `the ${side.label} at ${side.config.url} (database ${side.config.database})`;
  const headline =
    error.phase === 'login'
      ? `cannot log in to ${where} as ${side.who}`
      : `${error.phase} failed on ${where}`;
  const lines = [`hybrid-sync: ${headline}`];
  const code = cause instanceof FmAuthError ? `[${cause.code}] ` : '';
  lines.push(`  ${code}${(cause as Error)?.message ?? String(cause)}`);
  if (cause instanceof InvalidCredentialsError || cause instanceof UnexpectedResponseError) {
    const advice = await flavorAdvice(side);
    if (advice) lines.push(`  ${advice}`);
  }
  return lines;
}

/** Advice when the server at the side's URL looks like another flavor; nothing when unsure. */
async function flavorAdvice(side: Side): Promise<string | undefined> {
  try {
    const report = await detectServerFlavor(side.config.url, {
      timeoutMs: 5_000,
      ...(side.config.ca ? { tls: { ca: side.config.ca } } : {}),
    });
    if (report.flavor === 'unknown' || report.flavor === side.flavor || report.confidence === 'low')
      return undefined;
    return `This server looks like ${report.summary} Check ${side.urlVariable}.`;
  } catch {
    return undefined; // Detection is a courtesy; the original error says what failed.
  }
}
