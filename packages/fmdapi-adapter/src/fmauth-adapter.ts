import {
  assertNonEmptyString,
  createDataApiSession,
  type DataApiRequest,
  type DataApiSession,
  type DataApiSessionOptions,
  InvalidArgumentError,
  UnsupportedError,
} from '@fmauth/core';
import type { clientTypes } from '@proofkit/fmdapi';
import type {
  Adapter,
  BaseRequest,
  ContainerUploadOptions,
  CreateOptions,
  DeleteOptions,
  ExecuteScriptOptions,
  FindOptions,
  GetOptions,
  LayoutMetadataOptions,
  ListOptions,
  UpdateOptions,
} from '@proofkit/fmdapi/adapters/core';
import { withCallBounds } from './call-deadline.js';
import { toFmdapiError } from './fmdapi-error.js';
import { describe, jsonBody, layoutPath, readQuery } from './request-mapping.js';

/** Use a session you created (and close yourself). */
export interface FmAuthAdapterSessionOptions {
  /**
   * A session from `createDataApiSession()` of `@fmauth/core`, with any strategy, transport options and
   * `tokenStore`. Several adapters (one per layout, or several `DataApi` clients) may share it: they then
   * share its login. The adapter never closes it; `adapter.close()` leaves it open.
   */
  readonly session: DataApiSession;
}

/**
 * Either `{ session }`, or the options of `createDataApiSession()` (`baseUrl`, `database`, `strategy`,
 * and optionally `tokenStore`, `timeouts`, `limits`, `tls`, …), in which case the adapter creates the
 * session and `adapter.close()` closes it.
 */
export type FmAuthAdapterOptions = FmAuthAdapterSessionOptions | DataApiSessionOptions;

/** Options of the adapter's extra calls (`layouts`, `scripts`, `globals`), as @proofkit/fmdapi's own. */
export interface FmAuthAdapterCallOptions {
  /** Milliseconds for the whole call, login included. Default: none beyond the session's own timeouts. */
  readonly timeout?: number;
  /** Only `signal` is used: aborting it ends the call with the signal's reason. */
  readonly fetch?: RequestInit;
}

/**
 * A @proofkit/fmdapi `Adapter` that sends every call through an fmauth Data API session: FileMaker
 * Server, FileMaker Cloud (Claris ID) or Claris Server logins, one login for any number of concurrent
 * calls, one re-login and replay when the server drops the session, and tokens shared between
 * processes through a token store.
 *
 * @example
 * import { DataApi } from '@proofkit/fmdapi';
 * import { FmAuthAdapter } from '@fmauth/fmdapi-adapter';
 * import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
 *
 * const client = DataApi({
 *   adapter: new FmAuthAdapter({
 *     baseUrl: 'https://fms.example.com',
 *     database: 'Contacts',
 *     strategy: fileMakerServer({ username: 'api', password: process.env.FM_PASSWORD! }),
 *   }),
 *   layout: 'Contacts',
 * });
 * const { data } = await client.list({ limit: 10 });
 */
export class FmAuthAdapter implements Adapter {
  readonly #session: DataApiSession;
  readonly #ownsSession: boolean;

  constructor(options: FmAuthAdapterOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        'FmAuthAdapter needs { session } (a session from createDataApiSession) or the options of createDataApiSession ({ baseUrl, database, strategy, … })',
        'ERR_INVALID_ARG_TYPE',
      );
    }
    if ('session' in options) {
      if (!isSession(options.session)) {
        throw new InvalidArgumentError(
          '"session" must be a DataApiSession from createDataApiSession() of @fmauth/core',
          'ERR_INVALID_ARG_TYPE',
        );
      }
      this.#session = options.session;
      this.#ownsSession = false;
    } else {
      this.#session = createDataApiSession(options);
      this.#ownsSession = true;
    }
  }

  /** The session the adapter sends its calls through. */
  get session(): DataApiSession {
    return this.#session;
  }

  // Arrow functions, not methods: DataApi() takes the adapter's functions off the object, so they must
  // not depend on `this` at the call site. Async, so that bad input rejects rather than throws.

  /** `GET layouts/{layout}/records` with `_offset`, `_limit`, `_sort`, portal ranges and script parameters. */
  readonly list = async (opts: ListOptions): Promise<clientTypes.GetResponse> =>
    this.#call(opts, { path: layoutPath(this.#layout(opts), 'records'), query: readQuery(opts.data) });

  /** `GET layouts/{layout}/records/{recordId}`. */
  readonly get = async (opts: GetOptions): Promise<clientTypes.GetResponse> =>
    this.#call(opts, {
      path: layoutPath(this.#layout(opts), 'records', recordIdOf(opts.data)),
      query: readQuery(opts.data),
    });

  /** `POST layouts/{layout}/_find`. No match is FileMaker error 401, as with @proofkit/fmdapi's own adapters. */
  readonly find = async (opts: FindOptions): Promise<clientTypes.GetResponse> =>
    this.#call(opts, {
      method: 'POST',
      path: layoutPath(this.#layout(opts), '_find'),
      body: jsonBody(opts.data, { portalRangesInBody: true }),
    });

  /** `POST layouts/{layout}/records` with `fieldData`, `portalData` and script parameters. */
  readonly create = async (opts: CreateOptions): Promise<clientTypes.CreateResponse> =>
    this.#call(opts, {
      method: 'POST',
      path: layoutPath(this.#layout(opts), 'records'),
      body: jsonBody(opts.data),
    });

  /** `PATCH layouts/{layout}/records/{recordId}` with `fieldData`, `portalData`, `modId`, script parameters. */
  readonly update = async (opts: UpdateOptions): Promise<clientTypes.UpdateResponse> => {
    const body = jsonBody(opts.data) as Record<string, unknown>;
    // The Data API documents modId as a string; @proofkit/fmdapi types it as a number.
    if (typeof body.modId === 'number') body.modId = String(body.modId);
    return this.#call(opts, {
      method: 'PATCH',
      path: layoutPath(this.#layout(opts), 'records', recordIdOf(opts.data)),
      body,
    });
  };

  /** `DELETE layouts/{layout}/records/{recordId}`; script parameters go in the query string. */
  readonly delete = async (opts: DeleteOptions): Promise<clientTypes.DeleteResponse> =>
    this.#call(opts, {
      method: 'DELETE',
      path: layoutPath(this.#layout(opts), 'records', recordIdOf(opts.data)),
      query: readQuery(opts.data),
    });

  /** `GET layouts/{layout}`: field, portal and value list metadata. */
  readonly layoutMetadata = async (
    opts: LayoutMetadataOptions,
  ): Promise<clientTypes.LayoutMetadataResponse> =>
    this.#call(opts, { path: layoutPath(this.#layout(opts)) });

  /** `GET layouts/{layout}/script/{script}?script.param=…`: resolves `{ scriptResult, scriptError }`. */
  readonly executeScript = async (opts: ExecuteScriptOptions): Promise<clientTypes.ScriptResponse> => {
    assertNonEmptyString(opts?.script, 'script');
    return this.#call(opts, {
      path: layoutPath(this.#layout(opts), 'script', opts.script),
      query: { 'script.param': opts.scriptParam },
    });
  };

  /**
   * Not supported: a container upload is a multipart request, and the fmauth session sends JSON only.
   * Rejects with `UnsupportedError` without sending anything.
   */
  readonly containerUpload = async (opts: ContainerUploadOptions): Promise<void> => {
    throw new UnsupportedError(
      `Container upload (field "${String(opts?.data?.containerFieldName)}") is not supported by FmAuthAdapter: it needs a multipart request, and the fmauth Data API session sends JSON only. Set the container from FileMaker instead (e.g. a script that inserts from a URL, run with executeScript), or upload with @proofkit/fmdapi's FetchAdapter on a FileMaker Server account.`,
    );
  };

  /** `GET layouts`: the database's layouts and folders (as @proofkit/fmdapi's fetch adapter offers). */
  readonly layouts = async (
    opts: FmAuthAdapterCallOptions = {},
  ): Promise<clientTypes.AllLayoutsMetadataResponse> => this.#call(opts, { path: 'layouts' });

  /** `GET scripts`: the database's scripts and folders. */
  readonly scripts = async (
    opts: FmAuthAdapterCallOptions = {},
  ): Promise<clientTypes.ScriptsMetadataResponse> => this.#call(opts, { path: 'scripts' });

  /**
   * `PATCH globals`: sets global fields for the Data API session. With a shared session (several
   * adapters, or a `tokenStore`) every sharer sees them; a re-login after the session expired loses them.
   */
  readonly globals = async (
    opts: FmAuthAdapterCallOptions & { readonly globalFields: Record<string, string | number> },
  ): Promise<Record<string, never>> =>
    this.#call(opts, { method: 'PATCH', path: 'globals', body: { globalFields: opts?.globalFields } });

  /**
   * Logs the Data API session out, as @proofkit/fmdapi's fetch adapter `disconnect()` does. The next call
   * logs in again. With a `tokenStore` this ends the session for every process sharing it.
   */
  readonly disconnect = (): Promise<void> => this.#session.logout();

  /**
   * Closes the session if the adapter created it (from session options); a session passed as
   * `{ session }` is left to its owner. Idempotent.
   */
  readonly close = async (): Promise<void> => {
    if (this.#ownsSession) await this.#session.close();
  };

  async #call<T>(opts: BaseRequest | FmAuthAdapterCallOptions | undefined, req: DataApiRequest): Promise<T> {
    try {
      return await withCallBounds(
        { timeoutMs: opts?.timeout, signal: opts?.fetch?.signal, endpoint: describe(req) },
        (signal) => this.#session.request<T>(signal ? { ...req, signal } : req),
      );
    } catch (error) {
      throw toFmdapiError(error);
    }
  }

  #layout(opts: BaseRequest | undefined): string {
    assertNonEmptyString(opts?.layout, 'layout');
    return opts.layout;
  }
}

function recordIdOf(data: { readonly recordId?: unknown } | undefined): string {
  const id = data?.recordId;
  const text = typeof id === 'number' || typeof id === 'string' ? String(id).trim() : '';
  if (!/^[1-9]\d*$/.test(text)) {
    throw new InvalidArgumentError(
      `"recordId" must be a FileMaker record id (a positive whole number), got ${typeof id === 'string' ? JSON.stringify(id) : String(id)}`,
    );
  }
  return text;
}

function isSession(value: unknown): value is DataApiSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DataApiSession).request === 'function' &&
    typeof (value as DataApiSession).logout === 'function'
  );
}
