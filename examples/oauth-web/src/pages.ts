import type { FieldData, FmRecord } from '@fmauth/core';
import type { OAuthProvider } from '@fmauth/strategy-filemaker-oauth';

/** HTML-escapes text from anywhere (record values, provider names): nothing in a page is trusted. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:720px;margin:48px auto;padding:0 24px}
.card{background:#fff;border-radius:10px;padding:28px;box-shadow:0 4px 18px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 12px}
button{font:inherit;font-weight:600;padding:10px 16px;border-radius:8px;border:1px solid #1f5fbf;background:#1f5fbf;color:#fff;cursor:pointer;margin:4px 8px 4px 0}
button.quiet{background:#fff;color:#1f5fbf}
.alert{background:#fdecec;border:1px solid #f2b8b5;color:#8c1d18;padding:12px 14px;border-radius:8px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e5ea}
.muted{color:#5c6470}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><div class="card">${body}</div></main></body></html>`;
}

/** "Sign in with your company account": one button per provider the server offers. */
export function signInPage(providers: readonly OAuthProvider[], message?: string): string {
  const buttons = providers.length
    ? providers
        .map(
          (p) =>
            `<form method="post" action="/signin"><input type="hidden" name="provider" value="${escapeHtml(p.name)}"><button type="submit">Sign in with ${escapeHtml(p.name)}</button></form>`,
        )
        .join('')
    : '<p class="alert" role="alert">This FileMaker Server offers no identity provider. Ask your FileMaker administrator to enable one.</p>';
  return page(
    'Sign in',
    `<h1>Sign in with your company account</h1>${message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : ''}<p class="muted">You will sign in at your company's identity provider; FileMaker Server then opens your own session.</p>${buttons}`,
  );
}

/** The signed-in user's records, as their own Data API session sees them. */
export function recordsPage(provider: string, records: readonly FmRecord<FieldData>[]): string {
  const fields = [...new Set(records.flatMap((r) => Object.keys(r.fieldData)))];
  const rows = records
    .map((r) => `<tr>${fields.map((f) => `<td>${escapeHtml(r.fieldData[f] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  return page(
    'Your records',
    `<h1>Your records</h1><p class="muted">Signed in with ${escapeHtml(provider)}. These are the records your own FileMaker account can see.</p>
<table><thead><tr>${fields.map((f) => `<th>${escapeHtml(f)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/signout"><button class="quiet" type="submit">Sign out</button></form>`,
  );
}

/** A refusal, with what to do next and a way back to the sign-in page. */
export function problemPage(heading: string, text: string): string {
  return page(
    heading,
    `<h1>${escapeHtml(heading)}</h1><p class="alert" role="alert">${escapeHtml(text)}</p><form method="get" action="/"><button type="submit">Sign in again</button></form>`,
  );
}
