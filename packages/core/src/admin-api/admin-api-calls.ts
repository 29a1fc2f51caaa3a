/** One Admin API call for {@link AdminApiSession.request}. */
export interface AdminApiRequest {
  /** Default `GET`, or `POST` when there is a body. */
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Below `/fmi/admin/api/v2`, e.g. `server/metadata` or `schedules/3`; segments are sent as given. */
  readonly path: string;
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Gives up on the call (the request is aborted). */
  readonly signal?: AbortSignal;
}

/** `GET server/status`. */
export interface AdminServerStatus {
  /** e.g. `RUNNING` or `STOPPED`. */
  readonly status: string;
  readonly [key: string]: unknown;
}

/** One hosted file of `GET databases` (`response.files.files[]`). */
export interface AdminDatabase {
  readonly filename: string;
  /** e.g. `NORMAL` (open) or `CLOSED`. */
  readonly status: string;
  readonly id?: string;
  readonly [key: string]: unknown;
}

/** One schedule of `GET schedules`. Fields beyond these vary by schedule type and server version. */
export interface AdminSchedule {
  readonly id: string;
  readonly name: string;
  readonly enabled?: boolean;
  /** The last run's FileMaker result, where the server reports it. */
  readonly lastResult?: { readonly code: string; readonly text: string } | null;
  readonly [key: string]: unknown;
}

/** The body that runs a schedule now, as fmcsadmin's `run schedule` sends it (`PATCH schedules/{id}`). */
export const RUN_SCHEDULE_BODY = Object.freeze({ status: 'RUNNING' });
