import { FmAuthError } from '@fmauth/core';
import { ConfigError, readConfig, type SyncConfig, USAGE } from './config.js';
import { describeFailure, onSide, SideError } from './failure-report.js';
import { planCopies } from './plan-copies.js';
import { readAllRecords } from './read-all-records.js';
import { describeSide, openSides, type Side } from './sides.js';

/** Where the program writes; lines without a trailing newline. */
export interface ProgramOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes, as documented in the usage text. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, partial: 3 });

/**
 * The whole program: reads the configuration, logs in to both servers, copies the records missing
 * on the target, and closes both sessions whatever happens. Returns the exit code; never throws.
 */
export async function runHybridSync(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: ProgramOutput,
): Promise<number> {
  let config: SyncConfig | 'help';
  try {
    config = readConfig(argv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(`hybrid-sync: ${error.message}`);
    output.err('Run hybrid-sync --help for the options.');
    return EXIT.usage;
  }
  if (config === 'help') {
    output.out(USAGE);
    return EXIT.ok;
  }

  let sides: ReturnType<typeof openSides>;
  try {
    sides = openSides(config);
  } catch (error) {
    // The strategies and sessions check their options synchronously: a TypeError is a usage problem.
    if (!(error instanceof TypeError)) throw error;
    output.err(`hybrid-sync: ${error.message}`);
    return EXIT.usage;
  }
  const { fms, claris } = sides;
  try {
    const [source, target] = config.direction === 'fms-to-claris' ? [fms, claris] : [claris, fms];
    return await copyMissing(source, target, config, output);
  } catch (error) {
    await report(error, output);
    return EXIT.failed;
  } finally {
    // close() logs out (best effort, with a timeout) and never throws.
    await Promise.all([fms.session.close(), claris.session.close()]);
  }
}

async function copyMissing(
  source: Side,
  target: Side,
  config: SyncConfig,
  output: ProgramOutput,
): Promise<number> {
  const { matchField, dryRun } = config;
  output.out(
    `hybrid-sync: ${source.label} -> ${target.label}${dryRun ? ' (dry run: nothing is written)' : ''}`,
  );
  output.out(`  from ${describeSide(source)}`);
  output.out(`  to   ${describeSide(target)}`);

  // Log in to both at once, so a bad password on either side shows up before any work.
  const logins = await Promise.allSettled(
    [source, target].map((side) => onSide(side, 'login', () => side.session.login())),
  );
  const refused = logins.filter((result) => result.status === 'rejected');
  if (refused.length > 0) {
    for (const { reason } of refused) await report(reason, output);
    return EXIT.failed;
  }

  const targetLayout = target.config.layout;
  const metadata = await onSide(target, 'read', () => target.session.layoutMetadata(targetLayout));
  const writable = new Set(
    metadata.fieldMetaData.filter((field) => field.result !== 'container').map((field) => field.name),
  );
  if (!writable.has(matchField)) {
    output.err(
      `hybrid-sync: the ${target.label} layout "${targetLayout}" has no field "${matchField}" to match on; pick another with --match-field`,
    );
    return EXIT.failed;
  }
  const [sourceRecords, targetRecords] = await Promise.all([
    onSide(source, 'read', () => readAllRecords(source.session, source.config.layout)),
    onSide(target, 'read', () => readAllRecords(target.session, targetLayout)),
  ]);
  output.out(
    `read ${records(sourceRecords.length)} from ${source.label}, ${targetRecords.length} from ${target.label}; matching on "${matchField}"`,
  );
  const plan = planCopies(sourceRecords, targetRecords, matchField, writable);
  if (plan.droppedFields.length > 0) {
    output.out(`  left out, not on the ${target.label} layout: ${plan.droppedFields.join(', ')}`);
  }

  let copied = 0;
  let failed = 0;
  for (const { key, fieldData } of plan.toCreate) {
    if (dryRun) {
      output.out(`  would copy ${key}`);
      continue;
    }
    try {
      const { recordId } = await target.session.createRecord(targetLayout, fieldData);
      copied++;
      output.out(`  copied ${key} (record ${recordId} on ${target.label})`);
    } catch (error) {
      if (!(error instanceof FmAuthError)) throw error;
      failed++;
      output.err(`  could not copy ${key}: [${error.code}] ${error.message}`);
    }
  }

  const skipped = [
    plan.withoutKey > 0 ? `${plan.withoutKey} without ${matchField}` : '',
    plan.duplicates > 0 ? `${plan.duplicates} duplicate ${matchField}` : '',
  ].filter(Boolean);
  const done = dryRun
    ? `would copy ${records(plan.toCreate.length)}`
    : `copied ${copied} of ${plan.toCreate.length} missing ${plural(plan.toCreate.length)}${failed > 0 ? `, ${failed} failed` : ''}`;
  output.out(
    `${done}; ${plan.alreadyThere} already on ${target.label}${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`,
  );
  return failed > 0 ? EXIT.partial : EXIT.ok;
}

/** Writes what went wrong, attributed to a server when known; never a stack trace. */
async function report(error: unknown, output: ProgramOutput): Promise<void> {
  if (error instanceof SideError) {
    for (const line of await describeFailure(error)) output.err(line);
    return;
  }
  const code = error instanceof FmAuthError ? ` [${error.code}]` : '';
  output.err(`hybrid-sync: unexpected error${code}: ${(error as Error)?.message ?? String(error)}`);
}

const plural = (count: number) => (count === 1 ? 'record' : 'records');
const records = (count: number) => `${count} ${plural(count)}`;
