import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { skipBrowserTests, snapshot, useChromium } from './browser/chromium.js';
import { useMock } from './helpers.js';
import { begin } from './oauth-helpers.js';

// The IdP's pages driven by a real browser: what curl cannot see (Origin on form posts, CSP on the
// redirects after a post, the cross-origin hop back to the app).
const mock = useMock();
const browser = useChromium();
let app: Server;
let appUrl = '';
const control = () => mockControl(mock.server.endpoints.control as string);

beforeAll(async () => {
  // A stand-in for the web app's return URL, on another origin (port) than the mock.
  app = createServer((_req, res) => res.end('<!doctype html><title>app</title><h1>Back in the app</h1>'));
  app.listen(0, '127.0.0.1');
  await once(app, 'listening');
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
  await Promise.all([mock.start(), browser.start()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([mock.stop(), browser.stop(), new Promise((resolve) => app.close(resolve))]);
});
beforeEach(() => control().reset());

describe.skipIf(skipBrowserTests)('the simulated identity provider in Chromium', { timeout: 30_000 }, () => {
  it('refuses a wrong password on the page, then signs in and lands on the app with an identifier', async () => {
    const { authUrl } = await begin(mock.base, { trackingId: 'browser-1', returnUrl: appUrl });
    const page = await browser.page();
    await page.goto(authUrl);
    await snapshot(page, 'oauth-idp-1-sign-in');
    await page.getByLabel('User name').fill('alice@acme.example');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Wrong user name or password. Try again.');
    await snapshot(page, 'oauth-idp-2-wrong-password');
    await page.getByLabel('Password').fill('Alice-pass-1');
    // Enter in the password field submits with the form's first button: Sign in, not Cancel.
    await Promise.all([page.waitForURL(/\/callback\?/), page.getByLabel('Password').press('Enter')]);
    const landed = new URL(page.url());
    expect(landed.origin + landed.pathname).toBe(appUrl);
    expect(landed.searchParams.get('trackingID')).toBe('browser-1');
    expect(landed.searchParams.get('identifier')).toMatch(/^[0-9A-F]{32}$/);
    expect(landed.searchParams.get('error')).toBe('0');
  });

  it('asks for consent and, on Deny, sends the app error=-1 without an identifier', async () => {
    await control().setOptions({ oauth: { consent: true } });
    const { authUrl } = await begin(mock.base, { returnUrl: appUrl });
    const page = await browser.page();
    await page.goto(authUrl);
    await page.getByLabel('User name').fill('bob@acme.example');
    await page.getByLabel('Password').fill('Bob-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    await snapshot(page, 'oauth-idp-3-consent');
    await Promise.all([page.waitForURL(/\/callback\?/), page.getByRole('button', { name: 'Deny' }).click()]);
    const landed = new URL(page.url()).searchParams;
    expect(landed.get('error')).toBe('-1');
    expect(landed.get('identifier')).toBeNull();
  });

  it('sends the app error=-1 on Cancel', async () => {
    const { authUrl } = await begin(mock.base, { returnUrl: appUrl });
    const page = await browser.page();
    await page.goto(authUrl);
    await Promise.all([
      page.waitForURL(/\/callback\?/),
      page.getByRole('button', { name: 'Cancel' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('error')).toBe('-1');
  });
});
