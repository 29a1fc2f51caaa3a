import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-chromium.sh (CI calls it from .ci/run). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** FMAUTH_SKIP_BROWSER_TESTS=1 skips the browser tests on purpose. */
export const skipBrowserTests = process.env.FMAUTH_SKIP_BROWSER_TESTS === '1';

/** Set to a folder to keep a PNG of each page state the browser tests look at (never committed). */
const SCREENSHOT_DIR = process.env.FMAUTH_SCREENSHOTS_DIR;

/**
 * One headless Chromium per test file, with a fresh profile in a temporary user-data dir. Without
 * Chromium the browser tests fail with the install command; FMAUTH_SKIP_BROWSER_TESTS=1 skips them
 * on purpose (e.g. on a machine where apt is not available).
 */
export function useChromium() {
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  const session = {
    get context(): BrowserContext {
      if (!context) throw new Error('Chromium is not running');
      return context;
    },
    async start() {
      if (skipBrowserTests) return;
      if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
          `${CHROMIUM_PATH} is missing: run scripts/install-chromium.sh as root (or set FMAUTH_SKIP_BROWSER_TESTS=1)`,
        );
      }
      userDataDir = await mkdtemp(join(tmpdir(), 'fmauth-chromium-'));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: FLAGS,
        timeout: 30_000,
        viewport: { width: 1100, height: 760 },
      });
      context.setDefaultTimeout(5_000);
      context.setDefaultNavigationTimeout(10_000);
    },
    async stop() {
      await context?.close();
      if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
    /** A fresh page with no cookies; any JavaScript dialog (an XSS that ran) fails the test. */
    async page(): Promise<Page> {
      await session.context.clearCookies();
      for (const open of session.context.pages()) await open.close();
      const page = await session.context.newPage();
      page.on('dialog', (dialog) => {
        throw new Error(`unexpected JavaScript dialog: ${dialog.message()}`);
      });
      return page;
    },
  };
  return session;
}

/** Saves a screenshot when FMAUTH_SCREENSHOTS_DIR is set. */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
