import type { MockClock } from '../../core/mock-clock.js';
import { type MockRequest, type MockResponse, readJsonBody } from '../../core/mock-http.js';
import type { Route } from '../../core/route-table.js';
import { FM } from '../data-api/fm-messages.js';
import type { HostedDatabase } from '../data-api/hosted-database.js';
import { ADMIN, type AdminMessage, adminOk, adminResponse } from './admin-messages.js';
import { readScriptSchedule, type ScriptScheduleInput } from './script-schedule-body.js';

interface StoredSchedule extends ScriptScheduleInput {
  readonly id: string;
  enabled: boolean;
  lastRun: string | null;
  lastResult: { code: string; text: string } | null;
}

/** When a schedule's script account is checked: at every run, or already when it is created. */
export type ScheduleCredentialCheck = 'run' | 'create';

export interface ScriptSchedulesDeps {
  readonly clock: MockClock;
  /** The flavor's hosted file of that name (case-insensitive), `undefined` when it hosts none. */
  readonly database: (name: string) => HostedDatabase | undefined;
  /**
   * Whether the flavor's file opens for this script account, `undefined` when it does; otherwise the
   * FileMaker error a run reports (e.g. 212). `counted` is true for a real run (not a check at create).
   */
  checkScriptAccount(
    db: HostedDatabase,
    account: string,
    password: string,
    counted: boolean,
  ): AdminMessage | undefined;
  /** Default `run`. */
  readonly credentialCheck?: () => ScheduleCredentialCheck;
}

/**
 * FileMaker script schedules over the Admin API, the same for every flavor: create, list, read, run
 * now (`PATCH schedules/{id}` with `{"status":"RUNNING"}`, as fmcsadmin's `run schedule` sends it),
 * enable/disable, delete. A run opens the file as `fmScriptAccount` / `fmScriptPassword`, checked by
 * the flavor's own rule (a file account on FileMaker Server, a Claris ID with its extended password on
 * Claris Server); a pair that does not open the file makes the run fail, and the failure shows in the
 * schedule's `lastResult` as the login error (212). The password never leaves the mock.
 */
export class ScriptSchedules {
  readonly #deps: ScriptSchedulesDeps;
  #schedules = new Map<string, StoredSchedule>();
  #nextId = 1;
  #counters = zeroCounters();

  constructor(deps: ScriptSchedulesDeps) {
    this.#deps = deps;
  }

  /** The schedule routes below `/fmi/admin/api/v2`, for the Admin API's authenticated route table. */
  routes(): readonly Route[] {
    return [
      { method: 'GET', path: '/schedules', handle: () => adminOk({ schedules: this.#list() }) },
      { method: 'POST', path: '/schedules/filemakerscript', handle: (req) => this.#create(req) },
      { method: 'GET', path: '/schedules/:id', handle: (_req, { id }) => this.#get(id as string) },
      { method: 'PATCH', path: '/schedules/:id', handle: (req, { id }) => this.#patch(req, id as string) },
      { method: 'DELETE', path: '/schedules/:id', handle: (_req, { id }) => this.#delete(id as string) },
    ];
  }

  stats(): Record<string, number> {
    return { ...this.#counters, schedules: this.#schedules.size };
  }

  reset(): void {
    this.#schedules = new Map();
    this.#nextId = 1;
    this.#counters = zeroCounters();
  }

  #create(req: MockRequest): MockResponse {
    const body = readJsonBody(req);
    const input = body instanceof SyntaxError ? undefined : readScriptSchedule(body);
    if (!input) return adminResponse(400, ADMIN.invalidParameter);
    if (this.#deps.credentialCheck?.() === 'create') {
      const problem = this.#credentialProblem(input, false);
      if (problem) return adminResponse(400, problem);
    }
    const id = String(this.#nextId++);
    this.#schedules.set(id, { ...input, id, lastRun: null, lastResult: null });
    this.#counters.schedulesCreated++;
    return adminOk({ id });
  }

  #get(id: string): MockResponse {
    const schedule = this.#schedules.get(id);
    return schedule ? adminOk({ schedule: publicView(schedule) }) : adminResponse(404, ADMIN.notFound);
  }

  #patch(req: MockRequest, id: string): MockResponse {
    const schedule = this.#schedules.get(id);
    if (!schedule) return adminResponse(404, ADMIN.notFound);
    const body = readJsonBody(req);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return adminResponse(400, ADMIN.invalidParameter);
    const { status, enabled, ...rest } = body as Record<string, unknown>;
    const valid =
      Object.keys(rest).length === 0 &&
      (status === undefined || status === 'RUNNING') &&
      (enabled === undefined || typeof enabled === 'boolean') &&
      (status !== undefined || enabled !== undefined);
    if (!valid) return adminResponse(400, ADMIN.invalidParameter);
    if (typeof enabled === 'boolean') schedule.enabled = enabled;
    if (status === 'RUNNING') this.#run(schedule);
    return adminOk({ schedule: publicView(schedule) });
  }

  #delete(id: string): MockResponse {
    if (!this.#schedules.delete(id)) return adminResponse(404, ADMIN.notFound);
    return adminOk();
  }

  /** Runs the schedule now, synchronously: the mock's scripts do nothing but open the file. */
  #run(schedule: StoredSchedule): void {
    this.#counters.scheduleRuns++;
    const problem = this.#credentialProblem(schedule, true);
    schedule.lastRun = new Date(this.#deps.clock.now()).toISOString();
    schedule.lastResult = problem ? { code: problem[0], text: problem[1] } : { code: '0', text: 'OK' };
    if (problem) this.#counters.scheduleRunsFailed++;
  }

  /** What opening the schedule's file as its script account gives, `undefined` when it opens. */
  #credentialProblem(input: ScriptScheduleInput, counted: boolean): AdminMessage | undefined {
    const db = this.#deps.database(input.script.database);
    if (!db) return FM.fileMissing;
    const { fmScriptAccount, fmScriptPassword } = input.script;
    return this.#deps.checkScriptAccount(db, fmScriptAccount, fmScriptPassword, counted);
  }

  #list() {
    return [...this.#schedules.values()].map(publicView);
  }
}

/** A schedule as the Admin API shows it: everything sent except the password. [guess] field names beyond the body's */
function publicView(schedule: StoredSchedule) {
  const { fmScriptPassword: _secret, database: _database, ...script } = schedule.script;
  return {
    id: schedule.id,
    name: schedule.name,
    enabled: schedule.enabled,
    status: 'IDLE',
    lastRun: schedule.lastRun,
    lastResult: schedule.lastResult,
    filemakerScriptType: script,
    ...schedule.timing,
  };
}

function zeroCounters() {
  return {
    schedulesCreated: 0,
    scheduleRuns: 0,
    scheduleRunsFailed: 0,
  };
}
