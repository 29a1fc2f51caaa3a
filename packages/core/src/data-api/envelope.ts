import type { HttpResponse } from '../http/send.js';

/** One entry of a Data API `messages` array. The Admin API names the text `text`; we read both. */
export interface DataApiMessage {
  readonly code: string;
  readonly message: string;
}

/** The JSON body every Data API endpoint returns: `{ response, messages }`. */
export interface DataApiEnvelope<T = unknown> {
  readonly response: T;
  readonly messages: readonly DataApiMessage[];
}

/**
 * Reads a Data API envelope from a response, or returns `undefined` when the body is not one (an HTML
 * page from the web server, truncated JSON, an empty body). Never throws.
 */
export function parseEnvelope<T = unknown>(res: HttpResponse): DataApiEnvelope<T> | undefined {
  if (res.text.length === 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { messages, response } = body as { messages?: unknown; response?: unknown };
  if (!Array.isArray(messages)) return undefined;
  // Hot path: a well-formed Data API body is used as it is, with no copies.
  if (response !== undefined && messages.every(isWireMessage)) return body as DataApiEnvelope<T>;
  const normalized: DataApiMessage[] = [];
  for (const entry of messages) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { code, message, text } = entry as { code?: unknown; message?: unknown; text?: unknown };
    if (typeof code !== 'string' && typeof code !== 'number') return undefined;
    normalized.push({
      code: String(code),
      message: typeof message === 'string' ? message : String(text ?? ''),
    });
  }
  return { response: (response ?? {}) as T, messages: normalized };
}

/** The first message's code, `"0"` meaning success. */
export function firstCode(envelope: DataApiEnvelope | undefined): string | undefined {
  return envelope?.messages[0]?.code;
}

export function headerValue(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isWireMessage(entry: unknown): entry is DataApiMessage {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as DataApiMessage).code === 'string' &&
    typeof (entry as DataApiMessage).message === 'string'
  );
}
