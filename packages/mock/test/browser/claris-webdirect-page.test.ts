import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV, useClarisMock } from '../claris-helpers.js';
import { skipBrowserTests, snapshot, useChromium } from './chromium.js';

const mock = useClarisMock();
const browser = useChromium();
beforeAll(async () => {
  await Promise.all([mock.start(), browser.start()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([mock.stop(), browser.stop()]);
});
beforeEach(() => mock.server.mock.reset());

const REFUSED = 'The account name or password you entered cannot be used to access this file. Try again.';

// Generous per-test limit: a loaded 2-core CI machine makes each navigation slower.
describe.skipIf(skipBrowserTests)('WebDirect sign-in page in Chromium', { timeout: 30_000 }, () => {
  it('refuses the Claris ID password visibly, then opens the file with the extended password', async () => {
    const page = await browser.page();
    await page.goto(`${mock.clarisServer}/fmi/webd`);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to “Contacts”' }).isVisible()).resolves.toBe(
      true,
    );
    await snapshot(page, 'webdirect-1-sign-in');

    await page.getByLabel('Claris ID (email)').fill(DEV.email);
    await page.getByLabel('Password').fill(DEV.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(REFUSED);
    expect(await page.getByLabel('Claris ID (email)').inputValue()).toBe(DEV.email);
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await snapshot(page, 'webdirect-2-refused');

    await page.getByLabel('Password').fill(DEV.extended);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Signed in as dev@example.com');
    expect(await page.getByRole('cell', { name: 'Ada Lovelace' }).count()).toBe(1);
    await snapshot(page, 'webdirect-3-open');

    expect(mock.stats()).toMatchObject({ webDirectLogins: 1, webDirectRejectedClarisIdPasswords: 1 });
  });

  it('shows a not-found page for an unknown file and runs nothing it echoes', async () => {
    const page = await browser.page();
    const response = await page.goto(
      `${mock.clarisServer}/fmi/webd/${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'App not available' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body').textContent()).toContain(
      '“<img src=x onerror=alert(1)>” is not hosted',
    );
    await snapshot(page, 'webdirect-4-not-found');
  });
});
