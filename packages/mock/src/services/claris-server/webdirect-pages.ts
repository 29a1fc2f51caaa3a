import { html, SafeHtml } from './html.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;font:15px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1d1f;background:linear-gradient(160deg,#eef1f6,#dfe5ee)}
main{max-width:440px;margin:0 auto;padding:80px 24px}
main.wide{max-width:860px}
.card{background:#fff;border-radius:14px;padding:32px;box-shadow:0 8px 30px rgba(30,40,60,.12)}
.product{font-size:13px;letter-spacing:.08em;text-transform:uppercase;color:#6e6e73;margin:0 0 4px}
h1{font-size:24px;margin:0 0 6px;word-break:break-word}
p.lead{color:#55555c;margin:0 0 20px}
label{display:block;font-weight:600;margin:14px 0 6px}
input[type=email],input[type=password]{width:100%;padding:10px 12px;border:1px solid #c4c8cf;border-radius:8px;font:inherit}
input:focus{outline:2px solid #0a66c2;outline-offset:1px}
button{margin-top:22px;width:100%;padding:11px;border:0;border-radius:8px;background:#0a66c2;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.alert{padding:12px 14px;border-radius:8px;margin:0 0 12px;background:#fdecec;border:1px solid #f2b8b5;color:#8c1d18}
.hint{color:#6e6e73;font-size:13px;margin:16px 0 0}
ul.files{list-style:none;padding:0;margin:0}
ul.files li{border-top:1px solid #e5e7eb}
ul.files a{display:block;padding:12px 4px;color:#0a66c2;text-decoration:none;font-weight:600}
table{width:100%;border-collapse:collapse;margin-top:16px}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e5e7eb}
th{font-size:13px;color:#6e6e73;font-weight:600}
a.out{float:right;color:#0a66c2;text-decoration:none}
`;

function page(title: string, body: SafeHtml, wide = false): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body><main class="${wide ? 'wide' : ''}"><div class="card">
${body}
</div></main></body>
</html>
`.value;
}

/** The WebDirect launch center: the hosted files, each linking to its sign-in page. */
export function launchCenterPage(base: string, databases: readonly string[]): string {
  return page(
    'Claris WebDirect',
    html`<p class="product">Claris WebDirect</p>
<h1>Hosted apps</h1>
<p class="lead">Choose an app to open in your browser.</p>
<ul class="files">${databases.map((name) => html`<li><a href="${base}/${encodeURIComponent(name)}">${name}</a></li>`)}</ul>`,
  );
}

/** The sign-in page of one hosted file. */
export function webDirectSignInPage(
  action: string,
  database: string,
  csrfToken: string,
  state: { error?: string; email?: string } = {},
): string {
  return page(
    `${database} – Claris WebDirect`,
    html`<p class="product">Claris WebDirect</p>
<h1>Sign in to “${database}”</h1>
<p class="lead">Enter your Claris ID and password to open this app.</p>
${state.error ? html`<div class="alert" role="alert">${state.error}</div>` : ''}
<form method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrfToken}">
<label for="account">Claris ID (email)</label>
<input id="account" name="account" type="email" autocomplete="username" required value="${state.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign In</button>
</form>
<p class="hint">Claris Server apps use the extended account password you set in Claris Studio (Account &gt; Extended Account), not your Claris ID password.</p>`,
  );
}

/** What a signed-in WebDirect user sees: the file's first layout as a list. */
export function webDirectAppPage(
  signOut: string,
  database: string,
  email: string,
  layout:
    | { name: string; fields: readonly string[]; rows: ReadonlyArray<Record<string, unknown>> }
    | undefined,
): string {
  const table = layout
    ? html`<h2>${layout.name}</h2><table><thead><tr>${layout.fields.map((f) => html`<th>${f}</th>`)}</tr></thead><tbody>${layout.rows.map(
        (row) => html`<tr>${layout.fields.map((f) => html`<td>${String(row[f] ?? '')}</td>`)}</tr>`,
      )}</tbody></table>`
    : '';
  return page(
    `${database} – Claris WebDirect`,
    html`<a class="out" href="${signOut}">Sign Out</a>
<p class="product">Claris WebDirect</p>
<h1 data-testid="app-title">${database}</h1>
<p class="lead" data-testid="signed-in-as">Signed in as ${email}</p>
${table}`,
    true,
  );
}

export function webDirectNotFoundPage(base: string, database: string): string {
  return page(
    'App not available – Claris WebDirect',
    html`<p class="product">Claris WebDirect</p>
<h1>App not available</h1>
<p class="lead">“${database}” is not hosted on this server, or its name is misspelled.</p>
<p><a href="${base}">See the hosted apps</a></p>`,
  );
}
