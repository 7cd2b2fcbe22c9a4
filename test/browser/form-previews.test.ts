import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { FORMS } from '../../src/domain/forms';
import { axeViolations } from '../support/axe';
import { describeBrowser, hasChromium, launchBrowser, NO_CHROMIUM } from '../support/browser';
import { cli, importApplications, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

if (!hasChromium) console.warn(NO_CHROMIUM);

const IDS = Object.keys(FORMS);

/** Every form preview the tool writes (out/forms), as an applicant's browser shows it. */
describeBrowser('the form previews in Chromium', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = tempDir();
    const [launched] = await Promise.all([
      launchBrowser(),
      (async () => {
        expect((await cli(dir, 'init')).code).toBe(0);
        await importApplications(dir, [mentorRow()], [menteeRow()]);
        expect((await cli(dir, 'review-applications')).code).toBe(0);
        expect((await cli(dir, 'set-up-forms')).code).toBe(0);
      })(),
    ]);
    browser = launched;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('the check itself fails on a page with violations', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(
        '<html><body><img src="data:,"><p style="color:#eee">faint</p></body></html>',
      );
      const found = (await axeViolations(page)).map((v) => v.split(' ')[0]);
      expect(found).toEqual(
        expect.arrayContaining(['html-has-lang', 'image-alt', 'color-contrast']),
      );
    } finally {
      await page.close();
    }
  });

  test('the tool wrote one preview per form', () => {
    const written = fs
      .readdirSync(path.join(dir, 'out', 'forms'))
      .filter((f) => f.endsWith('.html'));
    expect(written.sort()).toEqual(IDS.map((id) => `${id}.html`).sort());
  });

  test.each(IDS)(
    'the %s form has no WCAG 2.1 AA violations (axe-core) and fits a phone',
    async (id: string) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      try {
        await page.route(
          (url) => url.protocol !== 'file:',
          (route) => route.abort(),
        );
        await page.goto(pathToFileURL(path.join(dir, 'out', 'forms', `${id}.html`)).href);
        await expect(axeViolations(page)).resolves.toEqual([]);
        const overflow = await page.evaluate(
          `document.documentElement.scrollWidth - document.documentElement.clientWidth`,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      } finally {
        await page.close();
      }
    },
  );
});
