import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/install-chromium.sh installs it). */
const CHROMIUM_PATH = '/usr/bin/chromium';
/** FMAUTH_SKIP_BROWSER_TESTS=1 skips the browser tests on purpose. */
export const skipBrowserTests = process.env.FMAUTH_SKIP_BROWSER_TESTS === '1';
/** Screenshots of each page, for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** One headless Chromium for a test file; without it the tests fail with the install command. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run scripts/install-chromium.sh as root (or set FMAUTH_SKIP_BROWSER_TESTS=1)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh browser context (its own cookies: another person). A JavaScript dialog fails the test. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected JavaScript dialog: ${dialog.message()}`);
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
