/** A FileMaker script schedule as `POST schedules/filemakerscript` creates it (v2 body shape). */
export interface ScriptScheduleInput {
  readonly name: string;
  readonly enabled: boolean;
  readonly script: {
    /** `file:{database}` as sent. */
    readonly resource: string;
    /** The database part of `resource`. */
    readonly database: string;
    readonly fmScriptName: string;
    readonly fmScriptParam: string;
    readonly fmScriptAccount: string;
    readonly fmScriptPassword: string;
    readonly autoAbort: boolean;
    readonly timeout: number;
  };
  /** The timing block, e.g. `{ everyndaysType: {…} }`, kept as sent. */
  readonly timing: Readonly<Record<string, Record<string, unknown>>>;
}

/** The timing blocks of the v2 schedule body; exactly one must be present. [guess] beyond everyndaysType */
export const TIMING_TYPES = [
  'onetimeType',
  'dailyType',
  'weeklyType',
  'everyndaysType',
  'monthlyType',
] as const;

const TOP_LEVEL = new Set(['name', 'enabled', 'filemakerScriptType', ...TIMING_TYPES]);
const SCRIPT_KEYS = new Set([
  'resource',
  'fmScriptName',
  'fmScriptParam',
  'fmScriptAccount',
  'fmScriptPassword',
  'autoAbort',
  'timeout',
]);

/**
 * Reads and validates a script schedule body (filemaker.md §6). Returns the schedule, or `undefined`
 * for anything malformed (the Admin API answers that with 1708 "Parameter value is invalid").
 * Defaults: `enabled` true, `timeout` 2 minutes (Claris Connect's Admin API connector), `autoAbort`
 * false, empty parameter, account and password.
 */
export function readScriptSchedule(body: unknown): ScriptScheduleInput | undefined {
  if (!isRecord(body) || Object.keys(body).some((key) => !TOP_LEVEL.has(key))) return undefined;
  const { name, enabled = true, filemakerScriptType: script } = body;
  if (typeof name !== 'string' || name.trim() === '' || typeof enabled !== 'boolean') return undefined;
  if (!isRecord(script) || Object.keys(script).some((key) => !SCRIPT_KEYS.has(key))) return undefined;
  const {
    resource,
    fmScriptName,
    fmScriptParam = '',
    fmScriptAccount = '',
    fmScriptPassword = '',
    autoAbort = false,
    timeout = 2,
  } = script;
  const database = typeof resource === 'string' ? /^file:(.+)$/i.exec(resource)?.[1]?.trim() : undefined;
  if (!database || typeof fmScriptName !== 'string' || fmScriptName.trim() === '') return undefined;
  if (typeof fmScriptParam !== 'string' || typeof fmScriptAccount !== 'string') return undefined;
  if (typeof fmScriptPassword !== 'string' || typeof autoAbort !== 'boolean') return undefined;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0) return undefined;
  const timings = TIMING_TYPES.filter((key) => body[key] !== undefined);
  const [timingKey] = timings;
  if (timings.length !== 1 || timingKey === undefined) return undefined;
  const timingValue = body[timingKey];
  if (!isRecord(timingValue)) return undefined;
  return {
    name,
    enabled,
    script: {
      resource: resource as string,
      database,
      fmScriptName,
      fmScriptParam,
      fmScriptAccount,
      fmScriptPassword,
      autoAbort,
      timeout,
    },
    timing: { [timingKey]: timingValue },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
