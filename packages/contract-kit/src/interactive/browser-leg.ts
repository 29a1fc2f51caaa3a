import { readForms } from './html-form.js';

/** A person at the identity provider's pages. */
export interface TestUser {
  readonly username: string;
  readonly password: string;
}

/** Options of {@link driveBrowserLeg}. */
export interface BrowserLegOptions {
  /** Where the strategy sends the browser: the identity provider's authorization URL. */
  readonly authorizationUrl: string;
  /** The app's return URL: the leg ends at the first redirect there (which is not followed). */
  readonly returnUrl: string;
  /** Who signs in on the identity provider's form. */
  readonly user: TestUser;
  /**
   * Which button to press on each page: `approve` (Sign in, Allow, …) or `deny` (Cancel, Deny, …).
   * Default `approve`.
   */
  readonly decision?: 'approve' | 'deny';
  /**
   * The button for each page in turn, overriding `decision`: e.g. `['approve', 'deny']` signs in,
   * then denies consent. The last entry holds for any further page.
   */
  readonly decisions?: readonly ('approve' | 'deny')[];
  /** Most pages and redirects followed before giving up. Default 12. */
  readonly maxSteps?: number;
  /** Deadline of each request, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  /** Largest page read, in bytes. Default 262 144. */
  readonly maxPageBytes?: number;
}

/** How the browser leg ended. */
export interface BrowserLegResult {
  /** The return URL the server sent the browser to, with its query (`trackingID`, `identifier`, `error`). */
  readonly returnedUrl: URL;
  /** Every URL visited, without queries (which may carry secrets). */
  readonly visited: readonly string[];
}

const APPROVE = /\b(sign[\s-]?in|log[\s-]?in|allow|accept|approve|continue|yes)\b/i;
const DENY = /\b(deny|cancel|decline|no)\b/i;

function sameTarget(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname;
}

async function readCapped(res: Response, max: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.byteLength;
    if (total > max) {
      await res.body?.cancel().catch(() => {});
      throw new Error(`a page of the browser leg is larger than ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Plays the person in the browser over plain HTTP: opens the authorization URL, follows redirects,
 * fills the identity provider's form (the text field gets the user name, the password field the
 * password), presses the approving (or denying) button on each page — sign-in, then consent — and
 * stops at the redirect to the app's return URL. Cookies are kept per origin, as a browser would.
 * Throws a plain `Error` naming the step (never a query or a form value) when the leg cannot finish.
 */
export async function driveBrowserLeg(options: BrowserLegOptions): Promise<BrowserLegResult> {
  const returnUrl = new URL(options.returnUrl);
  const maxSteps = options.maxSteps ?? 12;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPageBytes = options.maxPageBytes ?? 262_144;
  let pages = 0;
  const decisionFor = (index: number): 'approve' | 'deny' => {
    const list = options.decisions;
    if (list && list.length > 0) return list[Math.min(index, list.length - 1)] ?? 'approve';
    return options.decision ?? 'approve';
  };
  const jar = new Map<string, Map<string, string>>();
  const visited: string[] = [];
  let url = new URL(options.authorizationUrl);
  let request: { method: 'GET' | 'POST'; body?: string; origin?: string } = { method: 'GET' };

  for (let step = 0; step < maxSteps; step++) {
    visited.push(`${request.method} ${url.origin}${url.pathname}`);
    const cookies = jar.get(url.origin);
    const headers: Record<string, string> = { accept: 'text/html' };
    if (cookies?.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (request.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      if (request.origin) headers.origin = request.origin;
    }
    const res = await fetch(url, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const bucket = jar.get(url.origin) ?? new Map<string, string>();
      bucket.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      jar.set(url.origin, bucket);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => {});
      const next = new URL(location, url);
      if (sameTarget(next, returnUrl)) return { returnedUrl: next, visited };
      url = next;
      request = { method: 'GET' };
      continue;
    }
    const page = await readCapped(res, maxPageBytes);
    const form = readForms(page).find(
      (f) => f.buttons.length > 0 || f.inputs.some((i) => i.type === 'password'),
    );
    if (res.status !== 200 || !form) {
      const title = /<title>([^<]*)<\/title>/i.exec(page)?.[1]?.trim();
      throw new Error(
        `the browser leg stopped at ${url.origin}${url.pathname}: HTTP ${res.status}${title ? ` "${title}"` : ''}, no form to submit and no redirect to the return URL`,
      );
    }
    const fields = new URLSearchParams();
    let filledName = false;
    for (const input of form.inputs) {
      if (!input.name) continue;
      if (input.type === 'password') fields.append(input.name, options.user.password);
      else if (['text', 'email'].includes(input.type) && !filledName) {
        fields.append(input.name, options.user.username);
        filledName = true;
      } else if (!['submit', 'button', 'checkbox', 'radio'].includes(input.type))
        fields.append(input.name, input.value);
    }
    const decision = decisionFor(pages++);
    const wanted = decision === 'deny' ? DENY : APPROVE;
    const button =
      form.buttons.find((b) => wanted.test(b.value) || wanted.test(b.label)) ??
      (decision === 'deny'
        ? undefined
        : form.buttons.find((b) => !DENY.test(b.value) && !DENY.test(b.label)));
    if (form.buttons.length > 0 && !button) {
      throw new Error(`the page at ${url.origin}${url.pathname} has no ${decision} button`);
    }
    if (button?.name) fields.append(button.name, button.value);
    const target = new URL(form.action || url.href, url);
    if (form.method === 'GET') {
      target.search = fields.toString();
      request = { method: 'GET' };
    } else {
      request = { method: 'POST', body: fields.toString(), origin: url.origin };
    }
    url = target;
  }
  throw new Error(`the browser leg did not reach the return URL within ${maxSteps} steps`);
}
