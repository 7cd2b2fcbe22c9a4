import fs from 'node:fs';
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
