import { html, SafeHtml } from '../claris-server/html.js';

/** Who is signed in, as the pages show it. */
export interface StudioUser {
  readonly email: string;
  readonly name: string | undefined;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1d1f;background:#f4f5f7}
header{display:flex;align-items:center;justify-content:space-between;padding:0 24px;height:56px;background:#fff;border-bottom:1px solid #dcdfe4}
header .brand{font-weight:600;font-size:17px;color:#1d1d1f;text-decoration:none}
header .brand span{color:#6b3fd4}
header nav{display:flex;gap:20px;align-items:center}
header nav a{color:#3c3c43;text-decoration:none}
header nav a[aria-current=page]{color:#6b3fd4;font-weight:600}
header form{margin:0}
main{max-width:720px;margin:40px auto;padding:0 24px}
.card{background:#fff;border:1px solid #dcdfe4;border-radius:12px;padding:28px 32px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.narrow{max-width:420px;margin:72px auto}
h1{font-size:24px;margin:0 0 8px}
p.lead{color:#55555c;margin:0 0 24px}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=email],input[type=password]{width:100%;padding:10px 12px;border:1px solid #c4c8cf;border-radius:8px;font:inherit}
input:focus{outline:2px solid #6b3fd4;outline-offset:1px}
button{margin-top:24px;padding:10px 20px;border:0;border-radius:8px;background:#6b3fd4;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button.link{margin:0;padding:0;background:none;color:#3c3c43;font-weight:400}
.alert{padding:12px 14px;border-radius:8px;margin:0 0 16px}
.alert.error{background:#fdecec;border:1px solid #f2b8b5;color:#8c1d18}
.alert.ok{background:#e8f5ec;border:1px solid #a8d5b5;color:#1e5631}
.layout{display:grid;grid-template-columns:180px 1fr;gap:24px}
.side a{display:block;padding:8px 12px;border-radius:8px;color:#3c3c43;text-decoration:none}
.side a[aria-current=page]{background:#ece6fb;color:#4b2a9b;font-weight:600}
dl{display:grid;grid-template-columns:160px 1fr;gap:8px 16px;margin:0}
dt{color:#6e6e73}
dd{margin:0}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:13px;font-weight:600}
.badge.set{background:#e8f5ec;color:#1e5631}
.badge.unset{background:#fff4e5;color:#8a5300}
.hint{color:#6e6e73;font-size:13px;margin:6px 0 0}
`;

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Claris Studio</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}

function header(
  prefix: string,
  user: StudioUser | undefined,
  csrfToken: string,
  current: 'home' | 'account',
): SafeHtml {
  const nav = user
    ? html`<nav aria-label="Main">
  <a href="${prefix}/" ${current === 'home' ? html`aria-current="page"` : ''}>Hubs</a>
  <a href="${prefix}/account" ${current === 'account' ? html`aria-current="page"` : ''}>Account</a>
  <span>${user.email}</span>
  <form method="post" action="${prefix}/signout"><input type="hidden" name="csrf" value="${csrfToken}"><button class="link" type="submit">Sign Out</button></form>
</nav>`
    : '';
  return html`<header><a class="brand" href="${prefix}/">Claris <span>Studio</span></a>${nav}</header>`;
}

function alerts(error: string | undefined, notice: string | undefined): SafeHtml {
  return html`${error ? html`<div class="alert error" role="alert">${error}</div>` : ''}${
    notice ? html`<div class="alert ok" role="status">${notice}</div>` : ''
  }`;
}

export function signInPage(
  prefix: string,
  csrfToken: string,
  state: { error?: string; notice?: string; email?: string } = {},
): string {
  return page(
    'Sign In',
    html`${header(prefix, undefined, csrfToken, 'home')}
<main><div class="card narrow">
<h1>Sign in</h1>
<p class="lead">Use your Claris ID.</p>
${alerts(state.error, state.notice)}
<form method="post" action="${prefix}/signin">
<input type="hidden" name="csrf" value="${csrfToken}">
<label for="email">Claris ID (email)</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${state.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign In</button>
</form>
</div></main>`,
  );
}

export function homePage(prefix: string, user: StudioUser, csrfToken: string): string {
  return page(
    'Hubs',
    html`${header(prefix, user, csrfToken, 'home')}
<main><div class="card">
<h1>Welcome${user.name ? html`, ${user.name}` : ''}</h1>
<p class="lead">This simulated Claris Studio has no hubs. To use Claris Server services, set an extended account password under Account &gt; Extended Account.</p>
<p><a href="${prefix}/account/extended-account">Go to Extended Account</a></p>
</div></main>`,
  );
}

function accountLayout(prefix: string, current: 'profile' | 'extended', content: SafeHtml): SafeHtml {
  return html`<div class="layout">
<nav class="side" aria-label="Account">
<a href="${prefix}/account" ${current === 'profile' ? html`aria-current="page"` : ''}>Profile</a>
<a href="${prefix}/account/extended-account" ${current === 'extended' ? html`aria-current="page"` : ''}>Extended Account</a>
</nav>
<div class="card">${content}</div>
</div>`;
}

export function accountPage(prefix: string, user: StudioUser, csrfToken: string): string {
  return page(
    'Account',
    html`${header(prefix, user, csrfToken, 'account')}
<main>${accountLayout(
      prefix,
      'profile',
      html`<h1>Profile</h1>
<p class="lead">Your Claris ID.</p>
<dl><dt>Name</dt><dd>${user.name ?? '—'}</dd><dt>Claris ID</dt><dd>${user.email}</dd></dl>`,
    )}</main>`,
  );
}

export function extendedAccountPage(
  prefix: string,
  user: StudioUser,
  csrfToken: string,
  state: { hasExtendedPassword: boolean; minLength: number; error?: string; notice?: string },
): string {
  const status = state.hasExtendedPassword
    ? html`<span class="badge set" data-testid="extended-status">Set</span>`
    : html`<span class="badge unset" data-testid="extended-status">Not set</span>`;
  return page(
    'Extended Account',
    html`${header(prefix, user, csrfToken, 'account')}
<main>${accountLayout(
      prefix,
      'extended',
      html`<h1>Extended Account</h1>
<p class="lead">Claris Server services (the Data API, OData, WebDirect and script schedules) sign you in with your Claris ID and a separate extended account password. Your Claris ID password does not work there.</p>
${alerts(state.error, state.notice)}
<dl><dt>Claris ID</dt><dd>${user.email}</dd><dt>Extended password</dt><dd>${status}</dd></dl>
<form method="post" action="${prefix}/account/extended-account">
<input type="hidden" name="csrf" value="${csrfToken}">
<input type="hidden" name="username" value="${user.email}" autocomplete="username">
<label for="new-password">New Password</label>
<input id="new-password" name="newPassword" type="password" autocomplete="new-password" required>
<p class="hint">At least ${state.minLength} characters, different from your Claris ID password.</p>
<label for="confirm-password">Confirm Password</label>
<input id="confirm-password" name="confirmPassword" type="password" autocomplete="new-password" required>
<button type="submit">${state.hasExtendedPassword ? 'Change Password' : 'Set Password'}</button>
</form>`,
    )}</main>`,
  );
}

/** A plain error page (not found, expired form, wrong content type). */
export function messagePage(title: string, message: string, prefix: string): string {
  return page(
    title,
    html`${header(prefix, undefined, '', 'home')}
<main><div class="card narrow"><h1>${title}</h1><p class="lead">${message}</p><p><a href="${prefix}/signin">Back to Claris Studio</a></p></div></main>`,
  );
}
