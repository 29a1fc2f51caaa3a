import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NEW, useClarisMock } from '../claris-helpers.js';
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

// Generous per-test limit: a loaded 2-core CI machine makes each navigation slower.
describe.skipIf(skipBrowserTests)(
  'Claris Studio Extended Account page in Chromium',
  { timeout: 30_000 },
  () => {
    it('signs in, goes to Account > Extended Account and sets the password Claris Server then takes', async () => {
      const page = await browser.page();
      await page.goto(`${mock.clarisStudio}/`);
      expect(new URL(page.url()).pathname).toBe('/claris-studio/signin');

      await page.getByLabel('Claris ID (email)').fill(NEW.email);
      await page.getByLabel('Password').fill('not-my-password');
      await page.getByRole('button', { name: 'Sign In' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('The Claris ID or password is incorrect.');
      await snapshot(page, 'studio-1-sign-in-refused');

      await page.getByLabel('Password').fill(NEW.password);
      await page.getByRole('button', { name: 'Sign In' }).click();
      await page.getByRole('heading', { name: 'Welcome, New User' }).waitFor();
      const [cookie] = await browser.context.cookies();
      expect(cookie).toMatchObject({
        name: 'claris_studio_sid',
        httpOnly: true,
        sameSite: 'Lax',
        path: '/claris-studio',
      });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
      await page.getByRole('link', { name: 'Extended Account' }).click();
      await page.getByRole('heading', { name: 'Extended Account' }).waitFor();
      expect(await page.getByTestId('extended-status').textContent()).toBe('Not set');
      await snapshot(page, 'studio-2-extended-account');

      await page.getByLabel('New Password').fill('Browser-extended-1');
      await page.getByLabel('Confirm Password').fill('Browser-extended-2');
      await page.getByRole('button', { name: 'Set Password' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('The two passwords do not match');
      await snapshot(page, 'studio-3-mismatch');

      await page.getByLabel('New Password').fill('Browser-extended-1');
      await page.getByLabel('Confirm Password').fill('Browser-extended-1');
      await page.getByRole('button', { name: 'Set Password' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toContain(
        'Your extended account password has been set.',
      );
      expect(await page.getByTestId('extended-status').textContent()).toBe('Set');
      expect(await page.getByRole('button', { name: 'Change Password' }).count()).toBe(1);
      await snapshot(page, 'studio-4-saved');

      expect((await mock.dataApiLogin(NEW.email, 'Browser-extended-1')).status).toBe(200);
      expect((await mock.dataApiLogin(NEW.email, NEW.password)).status).toBe(401);
      expect(mock.stats('clarisStudio')).toMatchObject({
        signIns: 1,
        failedSignIns: 1,
        extendedPasswordsSet: 1,
      });
      expect(mock.stats()).toMatchObject({ rejectedClarisIdPasswords: 1 });

      await page.getByRole('button', { name: 'Sign Out' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toBe('You have signed out.');
      await page.goto(`${mock.clarisStudio}/account/extended-account`);
      expect(new URL(page.url()).pathname).toBe('/claris-studio/signin');
    });
  },
);
