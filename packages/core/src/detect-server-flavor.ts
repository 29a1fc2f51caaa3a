import { parseServerAddress } from './base-url.js';
import { DATA_API_VERSIONS, type DataApiVersion } from './data-api/paths.js';
import { fetchProductInfo, type ProductInfo } from './data-api/server-info.js';
import { type FlavorEvidence, isInformative } from './detection/evidence.js';
import { hostNameEvidence } from './detection/host-name-evidence.js';
import {
  productInfoFailureEvidence,
  productNameEvidence,
  productVersionEvidence,
} from './detection/product-info-evidence.js';
import {
  flavorLabel,
  recommendedStrategy,
  type StrategyRecommendation,
} from './detection/recommended-strategy.js';
import { type FlavorConfidence, weighEvidence } from './detection/weigh-evidence.js';
import { NetworkError, TimeoutError, TlsError } from './errors/error-classes.js';
import { FmAuthError } from './errors/fm-auth-error.js';
import { resolveTransport } from './http/create-dispatcher.js';
import type { TransportOptions } from './http/transport-options.js';
import { assertOptionalPositiveNumber, InvalidArgumentError } from './invalid-argument.js';
import type { ServerFlavor } from './strategy.js';

export type { FlavorEvidence, FlavorEvidenceSource } from './detection/evidence.js';
export type { StrategyRecommendation } from './detection/recommended-strategy.js';
export type { FlavorConfidence } from './detection/weigh-evidence.js';

/** Default of {@link DetectServerFlavorOptions.timeoutMs}: 10 seconds. */
export const DEFAULT_DETECTION_TIMEOUT_MS = 10_000;

/** Options of {@link detectServerFlavor}. */
export interface DetectServerFlavorOptions extends Pick<TransportOptions, 'dispatcher' | 'tls' | 'proxy'> {
  /**
   * Longest time for the whole detection (connect included), in milliseconds. Default 10 000.
   * A server that does not answer in time gives a {@link TimeoutError}.
   */
  readonly timeoutMs?: number;
  /** Data API version in the productInfo URL. Default `'vLatest'`. */
  readonly version?: DataApiVersion;
  /** Cancels the detection; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** What {@link detectServerFlavor} found out. Holds no secret: the detection sends no credentials. */
export interface ServerFlavorReport {
  /** The server's base URL as checked. */
  readonly baseUrl: string;
  /** The likeliest flavor, or `unknown` when nothing told them apart (e.g. the Data API is disabled). */
  readonly flavor: ServerFlavor | 'unknown';
  readonly confidence: FlavorConfidence;
  /** Every flavor still consistent with the evidence, the likeliest first (several when in doubt). */
  readonly candidates: readonly ServerFlavor[];
  /** True when pieces of evidence point at different flavors; read {@link evidence}. */
  readonly conflicting: boolean;
  /** What was looked at and what each observation says, in the order checked. */
  readonly evidence: readonly FlavorEvidence[];
  /** The strategy to log in with; absent when the flavor is `unknown`. */
  readonly recommendedStrategy?: StrategyRecommendation;
  /** The server's `productInfo`, when it answered. */
  readonly productInfo?: ProductInfo;
  /** Why `productInfo` could not be read, when it could not (an HTML 502 page, a 404, …). */
  readonly productInfoError?: FmAuthError;
  /** One paragraph for people: the verdict, the evidence and the strategy to use. */
  readonly summary: string;
}

/**
 * Tells which flavor a server is (FileMaker Server, FileMaker Cloud or Claris Server) from the
 * evidence of protocol/filemaker.md §5: the host name (`*.account.filemaker-cloud.com` is Cloud), and
 * the Data API's `productInfo` name ("Claris Data API Engine" on Claris Server, "FileMaker Data API
 * Engine" on the others) and version (40.x Claris Server, 1.x/2.x Cloud, 17–22 FileMaker Server).
 * Recommends the strategy to log in with.
 *
 * Sends one unauthenticated request (`GET /fmi/data/{version}/productInfo`), so it needs no
 * credentials and plain `http://` is allowed. It degrades gracefully: a server without a version in
 * productInfo gives a lower confidence, and a server whose Data API does not answer productInfo (HTML
 * error page, 404) gives a report from the host name alone, often `unknown`. Only an unreachable server
 * throws: {@link NetworkError}, {@link TlsError} or {@link TimeoutError}. Bad arguments throw `TypeError`.
 *
 * @example
 * const report = await detectServerFlavor('https://cs.example.com');
 * report.flavor // 'claris-server'
 * report.confidence // 'high'
 * report.recommendedStrategy?.packageName // '@fmauth/strategy-claris-server'
 * console.log(report.summary);
 */
export async function detectServerFlavor(
  baseUrl: string | URL,
  options: DetectServerFlavorOptions = {},
): Promise<ServerFlavorReport> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('detectServerFlavor options must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  // No credentials go out, so plain http:// cannot leak any.
  const address = parseServerAddress(baseUrl, 'baseUrl', true);
  assertOptionalPositiveNumber(options.timeoutMs, 'timeoutMs');
  const version = options.version ?? 'vLatest';
  if (!DATA_API_VERSIONS.includes(version)) {
    throw new InvalidArgumentError(`"version" must be one of ${DATA_API_VERSIONS.join(', ')}`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('"signal" must be an AbortSignal', 'ERR_INVALID_ARG_TYPE');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_DETECTION_TIMEOUT_MS;
  const transport = resolveTransport({
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    timeouts: { connectMs: timeoutMs, requestMs: timeoutMs },
  });

  const found: FlavorEvidence[] = [hostNameEvidence(address.url.hostname)];
  let productInfo: ProductInfo | undefined;
  let productInfoError: FmAuthError | undefined;
  try {
    productInfo = await withDeadline(
      fetchProductInfo({
        address,
        version,
        dispatcher: transport.dispatcher,
        timeouts: transport.timeouts,
        limits: transport.limits,
      }),
      timeoutMs,
      options.signal,
      `GET ${address.prefix}/fmi/data/${version}/productInfo`,
    );
    found.push(productNameEvidence(productInfo.name), productVersionEvidence(productInfo.version));
  } catch (error) {
    if (!(error instanceof FmAuthError) || isUnreachable(error)) throw error;
    productInfoError = error;
    found.push(productInfoFailureEvidence(error));
  } finally {
    // Our own agent: destroy it, which also aborts a request still running after the deadline.
    if (transport.owned) await transport.dispatcher.destroy().catch(() => undefined);
  }

  const verdict = weighEvidence(found);
  const recommendation = verdict.flavor === 'unknown' ? undefined : recommendedStrategy(verdict.flavor);
  const report: ServerFlavorReport = {
    baseUrl: address.url.href,
    ...verdict,
    evidence: Object.freeze(found),
    ...(recommendation ? { recommendedStrategy: recommendation } : {}),
    ...(productInfo ? { productInfo } : {}),
    ...(productInfoError ? { productInfoError } : {}),
    summary: summarize(verdict, found, recommendation),
  };
  return Object.freeze(report);
}

function isUnreachable(error: FmAuthError): boolean {
  return error instanceof NetworkError || error instanceof TlsError || error instanceof TimeoutError;
}

/** Settles with `work`, or rejects when the deadline passes or the caller's signal aborts. */
function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  endpoint: string,
) {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new TimeoutError(
          `Server flavor detection got no answer to ${endpoint} within ${timeoutMs} ms. Check the base URL and that the server is reachable from here; raise timeoutMs only if it is known to be slow.`,
          { phase: 'request', timeoutMs, endpoint },
        ),
      );
    }, timeoutMs);
    const onAbort = () => {
      cleanup();
      reject(signal?.reason);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

function summarize(
  verdict: ReturnType<typeof weighEvidence>,
  found: readonly FlavorEvidence[],
  recommendation: StrategyRecommendation | undefined,
): string {
  // Leave out what says nothing (a loopback host), unless nothing else was seen.
  const telling = found.filter(isInformative);
  const observations = (telling.length > 0 ? telling : found).map((item) => item.observation).join('; ');
  if (verdict.flavor === 'unknown') {
    return `Could not tell which flavor this server is: ${observations}.`;
  }
  const doubt =
    verdict.candidates.length > 1
      ? ` It could also be ${verdict.candidates.slice(1).map(flavorLabel).join(' or ')}.`
      : verdict.conflicting
        ? ' Some evidence points elsewhere; check it.'
        : '';
  const advice = recommendation
    ? ` Log in with ${recommendation.factory}() from ${recommendation.packageName}: ${recommendation.credentials}.`
    : '';
  return `${flavorLabel(verdict.flavor)} (${verdict.confidence} confidence): ${observations}.${doubt}${advice}`;
}
