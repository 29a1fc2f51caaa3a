import { z } from 'zod';

/**
 * Every way an injected fault can fail a request (see docs/fault-injection.md):
 *
 * - `reset`: the connection is reset (TCP RST); no answer. In msw: a network error.
 * - `delay`: waits `delayMs`, then answers normally.
 * - `hang`: never answers, until the client gives up, the faults are cleared or the server closes.
 * - `server-error`: HTTP `status` (default 500) with a JSON error body (Data API 951, or Cognito's
 *   `InternalErrorException`).
 * - `bad-gateway`: nginx's HTML `502 Bad Gateway` page.
 * - `html-401`: the HTML `401 Authorization Required` page FileMaker Cloud sends for an expired token.
 * - `truncated-json`: the real answer (the request *is* processed), its body cut in half.
 * - `filemaker-952` / `filemaker-956` / `filemaker-812`: the Data API envelope with that code, HTTP 401
 *   for 952 (invalid token), 500 for 956 (too many sessions) and 812 (host capacity).
 * - `cognito-throttle`: Cognito's `TooManyRequestsException` "Rate exceeded", HTTP 400.
 */
export const FAULT_KINDS = [
  'reset',
  'delay',
  'hang',
  'server-error',
  'bad-gateway',
  'html-401',
  'truncated-json',
  'filemaker-952',
  'filemaker-956',
  'filemaker-812',
  'cognito-throttle',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Longest delay a `delay` fault may ask for: 10 minutes. */
export const MAX_FAULT_DELAY_MS = 600_000;

/** What `POST /__control/faults` and `mock.faults.add()` accept. */
export const faultInputSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    /** Service key (`filemakerServer`, `cognito`, …) or its kebab-case form (`claris-server`). Default: any. */
    service: z.string().trim().min(1).optional(),
    /** Path below the service's prefix: a substring, or with `*` a glob over the whole path. */
    path: z.string().startsWith('/', 'must start with "/"').optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET or POST')
      .transform((method) => method.toUpperCase())
      .optional(),
    times: z.number().int().min(1).max(1_000_000).default(1),
    delayMs: z.number().int().min(0).max(MAX_FAULT_DELAY_MS).optional(),
    status: z.number().int().min(500).max(599).optional(),
  })
  .superRefine((fault, ctx) => {
    if (fault.kind === 'delay' && fault.delayMs === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['delayMs'],
        message: `a delay fault needs delayMs (0 to ${MAX_FAULT_DELAY_MS})`,
      });
    }
    if (fault.kind !== 'delay' && fault.delayMs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['delayMs'], message: 'only a "delay" fault takes delayMs' });
    }
    if (fault.kind !== 'server-error' && fault.status !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'only a "server-error" fault takes status' });
    }
  });

/** A fault as given (before defaults). */
export type FaultInput = z.input<typeof faultInputSchema>;

/** A fault waiting in the list, as `GET /__control/faults` and `mock.faults.list()` show it. */
export interface Fault {
  readonly id: string;
  readonly kind: FaultKind;
  /** The flavor key it is limited to, if any. */
  readonly service?: string;
  readonly path?: string;
  readonly method?: string;
  /** How many matching requests it was set to fail. */
  readonly times: number;
  /** How many it will still fail. */
  readonly remaining: number;
  readonly delayMs?: number;
  readonly status?: number;
}

/** Bad fault input: the message lists every problem with its field. */
export class FaultInputError extends TypeError {
  override readonly name = 'FaultInputError';
}

/** Validates fault input; the error message names each bad field. */
export function parseFaultInput(input: unknown): z.output<typeof faultInputSchema> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultInputError(
      `send a JSON object such as {"kind":"filemaker-952","service":"filemakerServer","times":1}; kinds: ${FAULT_KINDS.join(', ')}`,
    );
  }
  const result = faultInputSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(body)';
    if (issue.code === 'invalid_value' && issue.path[0] === 'kind') {
      return `kind: must be one of ${FAULT_KINDS.join(', ')}`;
    }
    return `${field}: ${issue.message}`;
  });
  throw new FaultInputError(`invalid fault: ${problems.join('; ')}`);
}
