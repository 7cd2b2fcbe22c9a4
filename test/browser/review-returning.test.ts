/**
 * The review screen shows what returning people did in earlier cohorts beside their names, and
 * stays accessible. Needs the local archive back end (it comes with archive-cohort) and Chromium.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { servePage } from '../../src/local/page-server';
import { cohort2WithReturningPeople, hasLocalArchives } from '../support/archives';
import { axeViolations } from '../support/axe';
import { describeBrowser, launchBrowser } from '../support/browser';
import { tempDir } from '../support/temp';

(hasLocalArchives ? describeBrowser : describe.skip)(
  'returning people on the review screen',
  () => {
    let browser: Browser;
    let server: { url: string; close(): Promise<void> };
    let page: Page;

    beforeAll(async () => {
      const dir = tempDir();
      const [launched] = await Promise.all([launchBrowser(), cohort2WithReturningPeople(dir)]);
      browser = launched;
      server = await servePage({
        page: 'review-matches',
        paths: { workbook: path.join(dir, 'scheme.xlsx'), out: path.join(dir, 'out') },
      });
      page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
      page.setDefaultTimeout(5_000);
      await page.goto(server.url);
      await page.waitForFunction(() =>
        /mentees? matched/.test(document.getElementById('status')?.textContent ?? ''),
      );
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('names what each did before, under their name, and why an earlier pair is not made', async () => {
      const mo = page.locator('#pairs tbody tr').filter({ hasText: 'Mo Patel' });
      await expect(mo.locator('td:nth-child(1) .before').textContent()).resolves.toBe(
        'mentee in Cohort 1 (mentor: Ann Jones)',
      );
      await expect(mo.locator('td:nth-child(2) .person').textContent()).resolves.toBe('Ben Okoro');
      await expect(mo.locator('td:nth-child(2) .before').count()).resolves.toBe(0);
      await expect(page.locator('#notices').textContent()).resolves.toContain(
        'Mo Patel and Ann Jones (Cohort 1)',
      );
      await expect(axeViolations(page)).resolves.toEqual([]);
    });
  },
);

// The page's own global, inside waitForFunction (this project's TypeScript has no DOM library).
declare const document: { getElementById(id: string): { textContent: string | null } | null };
