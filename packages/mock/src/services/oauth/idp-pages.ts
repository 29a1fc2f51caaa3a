import { html, SafeHtml } from '../claris-server/html.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;font:15px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;background:#f3f4f7}
main{max-width:420px;margin:0 auto;padding:72px 24px}
.card{background:#fff;border-radius:12px;padding:32px;box-shadow:0 6px 24px rgba(20,30,50,.12)}
.brand{font-weight:700;color:#4338ca;margin:0 0 12px;letter-spacing:.02em}
h1{font-size:22px;margin:0 0 6px}
p.lead{color:#4b5563;margin:0 0 18px}
label{display:block;font-weight:600;margin:14px 0 6px}
input[type=text],input[type=password]{width:100%;padding:10px 12px;border:1px solid #b9bec8;border-radius:8px;font:inherit}
input:focus,button:focus{outline:2px solid #4338ca;outline-offset:2px}
.actions{display:flex;gap:10px;margin-top:22px}
button{flex:1;padding:11px;border-radius:8px;font:inherit;font-weight:600;cursor:pointer;border:1px solid #4338ca}
button.primary{background:#4338ca;color:#fff}
button.secondary{background:#fff;color:#4338ca}
.alert{padding:12px 14px;border-radius:8px;margin:0 0 12px;background:#fdecec;border:1px solid #f2b8b5;color:#8c1d18}
ul.scopes{margin:0 0 8px;padding-left:20px}
.hint{color:#6b7280;font-size:13px;margin:16px 0 0}
`;

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body><main><div class="card">
<p class="brand">${title.split(' – ').at(-1) ?? title}</p>
${body}
</div></main></body>
</html>
`.value;
}

/** The hidden fields that tie a posted form to its authorization request. */
function hidden(attempt: string, nonce: string): SafeHtml {
  return html`<input type="hidden" name="attempt" value="${attempt}">
<input type="hidden" name="nonce" value="${nonce}">`;
}

/**
 * The sign-in form: user name and password, a Sign in and a Cancel (deny) button. Sign in comes
 * first: Enter in a field submits with the form's first button.
 */
export function signInPage(
  idpName: string,
  action: string,
  form: { attempt: string; nonce: string; clientName: string; username?: string; error?: string },
): string {
  return page(
    `Sign in – ${idpName}`,
    html`<h1>Sign in</h1>
<p class="lead">to continue to <strong>${form.clientName}</strong></p>
${form.error ? html`<div class="alert" role="alert">${form.error}</div>` : ''}
<form method="post" action="${action}">
${hidden(form.attempt, form.nonce)}
<label for="username">User name</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="off" spellcheck="false" value="${form.username ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<div class="actions">
<button class="primary" type="submit" name="action" value="sign-in">Sign in</button>
<button class="secondary" type="submit" name="action" value="deny">Cancel</button>
</div>
</form>
<p class="hint">Simulated identity provider of the fmauth mock. Cancel sends FileMaker Server “access denied”.</p>`,
  );
}

/** The consent page (`options.oauth.consent`): Allow or Deny FileMaker Server access. */
export function consentPage(
  idpName: string,
  action: string,
  form: {
    attempt: string;
    nonce: string;
    clientName: string;
    displayName: string;
    scopes: readonly string[];
  },
): string {
  return page(
    `Allow access – ${idpName}`,
    html`<h1>Allow access?</h1>
<p class="lead">Signed in as <strong>${form.displayName}</strong>. <strong>${form.clientName}</strong> asks to:</p>
<ul class="scopes">${form.scopes.map((scope) => html`<li>${scope}</li>`)}</ul>
<form method="post" action="${action}">
${hidden(form.attempt, form.nonce)}
<div class="actions">
<button class="secondary" type="submit" name="decision" value="deny">Deny</button>
<button class="primary" type="submit" name="decision" value="allow">Allow</button>
</div>
</form>`,
  );
}

/** A dead end: the request cannot go on and nothing is redirected (OAuth 2.0 §4.1.2.1). */
export function idpErrorPage(idpName: string, heading: string, text: string): string {
  return page(
    `Sign-in error – ${idpName}`,
    html`<h1>${heading}</h1>
<div class="alert" role="alert">${text}</div>
<p class="hint">Go back to the app you came from and sign in again.</p>`,
  );
}
