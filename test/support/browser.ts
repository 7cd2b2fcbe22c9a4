import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium (CI installs it), or the
 * executable named by CHROMIUM_PATH. playwright-core downloads no browser of its own.
 *
 *   const describeBrowser = hasChromium ? describe : describe.skip;
 *   if (!hasChromium) console.warn(NO_CHROMIUM);
 */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const hasChromium: boolean = fs.existsSync(chromiumPath);

export const NO_CHROMIUM = `Browser tests skipped: no Chromium at ${chromiumPath} (install the "chromium" package or set CHROMIUM_PATH).`;

/**
 * The machine running the tests may have no network: these flags stop Chromium's own background
 * connections (updates, sync, QUIC probes), which would otherwise fail and slow everything down.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) throw new Error(NO_CHROMIUM);
  return chromium.launch({
    executablePath: chromiumPath,
    // playwright then adds --headless, --mute-audio and --hide-scrollbars; the later
    // --headless=new in CHROMIUM_ARGS wins.
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 30_000,
  });
}

/**
 * `describe` for browser tests: skipped (with NO_CHROMIUM printed) on a machine without
 * Chromium, but never in CI, where .ci/run installs it and a missing browser must fail.
 */
export const describeBrowser: jest.Describe =
  hasChromium || process.env.CI ? describe : describe.skip;

/**
 * A screenshot to look at by hand, taken only when PM_SCREENSHOTS names a folder for them
 * (`PM_SCREENSHOTS=/tmp/shots npx jest test/browser`): a plain test run leaves no files behind.
 */
export async function lookAt(
  page: { screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> },
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = process.env.PM_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ ...options, path: path.join(dir, name) });
}
