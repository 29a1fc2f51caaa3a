import type { MockRequest } from '../../core/mock-http.js';
import { mediaType } from '../../core/mock-http.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/** Tagged template that escapes every interpolated value unless it is already {@link SafeHtml}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup that is already escaped. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

function renderValue(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The fields of an `application/x-www-form-urlencoded` body, as browsers post forms; `undefined` for
 * any other content type.
 */
export function readForm(req: MockRequest): URLSearchParams | undefined {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(req.body.toString('utf8'));
}

/** The value of one cookie of the request, if present. */
export function readCookie(req: MockRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Whether a state-changing browser request comes from our own pages: a browser sends `Origin` on
 * form posts, and it must be the origin the request was made to. Requests without `Origin` (curl,
 * tests) pass; the CSRF token still protects them.
 */
export function sameOrigin(req: MockRequest): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === req.origin;
}

/** Headers every page of the mock's web UIs carries: no caching, no framing, no sniffing. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};
