import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppAndMock } from './app-harness.js';
import { launchChromium, newPerson, screenshot, skipBrowserTests } from './chromium.js';

let env: Awaited<ReturnType<typeof startAppAndMock>>;
let browser: Browser;

beforeAll(async () => {
  env = await startAppAndMock();
  if (!skipBrowserTests) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});
beforeEach(async () => {
  await env.app.users.closeAll();
  await env.control.reset();
});

/** The person presses "Sign in with Acme", then signs in at the simulated IdP. */
async function signInThroughIdp(page: Page, user: { username: string; password: string }, shots?: string) {
  await page.goto(env.appUrl);
  await expect(
    page.getByRole('heading', { name: 'Sign in with your company account' }).isVisible(),
  ).resolves.toBe(true);
  if (shots) await screenshot(page, `${shots}-1-app-sign-in`);
  await page.getByRole('button', { name: 'Sign in with Acme' }).click();
  await page.waitForURL(/\/idp\/authorize/);
  if (shots) await screenshot(page, `${shots}-2-idp-form`);
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Nothing a page shows may contain the identifier or the request id (they never reach the page). */
async function expectNoSecretOnPage(page: Page) {
  const html = await page.content();
  expect(html).not.toMatch(/[0-9A-F]{32}/);
  expect(page.url()).not.toContain('identifier=');
}

describe.skipIf(skipBrowserTests)('the example app in headless Chromium', () => {
  it("sign-in button → simulated IdP → form → back to the app → that user's records; sign-out ends the session", async () => {
    const page = await newPerson(browser);
    await signInThroughIdp(page, { username: 'alice@acme.example', password: 'Alice-pass-1' }, 'alice');
    await page.waitForURL(`${env.appUrl}/records`);
    await expect(page.getByRole('heading', { name: 'Your records' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Ada Lovelace').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Signed in with Acme').isVisible()).resolves.toBe(true);
    await screenshot(page, 'alice-3-records');
    await expectNoSecretOnPage(page);
    let stats = await env.fms();
    expect(stats.oauthLogins).toBe(1);
    expect(stats.activeSessions).toBe(1);
    expect(env.app.users.size).toBe(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${env.appUrl}/`);
    await screenshot(page, 'alice-4-signed-out');
    stats = await env.fms();
    expect(stats.activeSessions).toBe(0);
    expect(stats.logouts).toBe(1);
    expect(env.app.users.size).toBe(0);
    // The old cookie no longer opens the records page.
    await page.goto(`${env.appUrl}/records`);
    await page.waitForURL(`${env.appUrl}/`);
    await page.context().close();
  });

  it('a second user in a second browser context gets their own session', async () => {
    const alice = await newPerson(browser);
    const bob = await newPerson(browser);
    await signInThroughIdp(alice, { username: 'alice@acme.example', password: 'Alice-pass-1' });
    await alice.waitForURL(`${env.appUrl}/records`);
    await signInThroughIdp(bob, { username: 'bob@acme.example', password: 'Bob-pass-1' }, 'bob');
    await bob.waitForURL(`${env.appUrl}/records`);
    await screenshot(bob, 'bob-3-records');
    expect((await env.fms()).activeSessions).toBe(2);
    expect(env.app.users.size).toBe(2);
    // Bob signing out ends Bob's session only; Alice's page still loads through hers.
    await bob.getByRole('button', { name: 'Sign out' }).click();
    await bob.waitForURL(`${env.appUrl}/`);
    await alice.reload();
    await expect(alice.getByRole('heading', { name: 'Your records' }).isVisible()).resolves.toBe(true);
    const stats = await env.fms();
    expect(stats.activeSessions).toBe(1);
    expect(stats.oauthLogins).toBe(2);
    await alice.context().close();
    await bob.context().close();
  });

  it('an unmapped IdP user gets the documented refusal on the app page, and no session', async () => {
    const page = await newPerson(browser);
    await signInThroughIdp(page, { username: 'eve@acme.example', password: 'Eve-pass-1' });
    await page.getByRole('heading', { name: 'No FileMaker account for you' }).waitFor();
    await expect(page.getByText('no account in the database matches it').isVisible()).resolves.toBe(true);
    await screenshot(page, 'eve-refused');
    await expectNoSecretOnPage(page);
    const stats = await env.fms();
    expect(stats.failedOAuthLogins).toBe(1);
    expect(stats.activeSessions).toBe(0);
    expect(env.app.users.size).toBe(0);
    await page.context().close();
  });

  it('a cancelled sign-in comes back as error and shows "Sign-in cancelled"', async () => {
    const page = await newPerson(browser);
    await page.goto(env.appUrl);
    await page.getByRole('button', { name: 'Sign in with Acme' }).click();
    await page.waitForURL(/\/idp\/authorize/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Sign-in cancelled' }).waitFor();
    await screenshot(page, 'cancelled');
    expect((await env.fms()).oauthLogins).toBe(0);
    expect(env.logs).toContain('sign-in-failed provider-error');
    await page.context().close();
  });

  it('a denied consent comes back as error and a typed error', async () => {
    await env.control.setOptions({ oauth: { consent: true } });
    const page = await newPerson(browser);
    await signInThroughIdp(page, { username: 'alice@acme.example', password: 'Alice-pass-1' });
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    await screenshot(page, 'consent-page');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Sign-in cancelled' }).waitFor();
    await screenshot(page, 'consent-denied');
    expect((await env.fms()).oauthLogins).toBe(0);
    await page.context().close();
  });

  it('an expired identifier asks the user to sign in again', async () => {
    const page = await newPerson(browser);
    await signInThroughIdp(page, { username: 'alice@acme.example', password: 'Alice-pass-1' });
    await page.waitForURL(`${env.appUrl}/records`);
    // The server restarts (sessions gone) after the identifier's lifetime has passed.
    await env.control.advanceClock({ minutes: 6 });
    await env.control.expireSessions();
    await page.reload();
    await page.getByRole('heading', { name: 'Please sign in again' }).waitFor();
    await screenshot(page, 'expired-sign-in-again');
    expect(env.logs).toContain('sign-in-required expired-or-revoked');
    expect(env.app.users.size).toBe(0);
    // The button leads back to a sign-in that works.
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Sign in with Acme' }).click();
    await page.getByLabel('User name').fill('alice@acme.example');
    await page.getByLabel('Password').fill('Alice-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${env.appUrl}/records`);
    await page.context().close();
  });

  it('the app logs event names only: no identifier, request id, state or cookie', () => {
    for (const line of env.logs) expect(line).toMatch(/^[a-z-]+( [A-Za-z_-]+)?$/);
  });
});
