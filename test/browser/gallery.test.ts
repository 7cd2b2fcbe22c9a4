import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { LocalSession } from '../../src/local/session';
import { galleryAction } from '../../src/actions/gallery';
import {
  describeBrowser,
  hasChromium,
  launchBrowser,
  lookAt,
  NO_CHROMIUM,
} from '../support/browser';
import { cli, menteeRow, mentorRow, writeCsv } from '../support/cli';
import { axeViolations } from '../support/axe';
import { tempDir } from '../support/temp';

const XSS_NAME = '<img src=x onerror=alert(1)>';
const EMBED_HOSTS = ['drive.google.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];

const ACCEPTED = [
  {
    name: 'Ann Jones',
    video: 'https://youtu.be/dQw4w9WgXcQ',
    src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  },
  {
    name: XSS_NAME,
    video: 'https://drive.google.com/file/d/1a2B3c4D5e6F7g8H9i0J/view?usp=sharing',
    src: 'https://drive.google.com/file/d/1a2B3c4D5e6F7g8H9i0J/preview',
  },
  {
    name: 'Gwen Price',
    video: 'https://vimeo.com/76979871',
    src: 'https://player.vimeo.com/video/76979871',
  },
  { name: 'Dewi Morgan', video: 'https://videos.evil.example/dewi.mp4', src: null },
  // Refused by the review (not a web address), then accepted by staff by hand.
  { name: 'Carys Evans', video: 'javascript:alert(1)', src: null },
];
interface Metrics {
  scrollWidth: number;
  clientWidth: number;
}
const NOT_SHOWN = ['Wyn Waitlisted', 'Ian Ineligible', 'Siân Llywelyn'];

/** A workbook built the way staff build it: init, import the form's CSV, review. */
async function buildWorkbook(dir: string): Promise<string> {
  const workbook = path.join(dir, 'scheme.xlsx');
  expect((await cli(dir, 'init')).code).toBe(0);
  expect((await cli(dir, 'settings', 'set', 'Mentor places', '4')).code).toBe(0);
  const rows = [
    ...ACCEPTED.map((m, i) =>
      mentorRow({
        'Full name': m.name,
        'Email address': `mentor${i}@service${i}.gov.example`,
        'Library service': `${m.name.split(' ')[0]} Libraries`,
        'Areas where you can offer support':
          i % 2 ? 'Capital projects, Restructures' : 'Budgeting, Working with councillors',
        'Link to your 2-minute introduction video': m.video,
        Timestamp: `2026/05/14 10:0${i}:00 am GMT+1`,
      }),
    ),
    mentorRow({
      'Full name': 'Wyn Waitlisted',
      'Email address': 'wyn@late.gov.example',
      Timestamp: '2026/05/14 11:00:00 am GMT+1',
    }),
    mentorRow({
      'Full name': 'Ian Ineligible',
      'Email address': 'ian@no.gov.example',
      'Are you the Head of Service managing libraries?': 'No',
    }),
  ];
  const mentors = writeCsv(path.join(dir, 'mentors.csv'), 'mentor', rows);
  expect((await cli(dir, 'import', '--form', 'mentor', mentors)).code).toBe(0);
  const mentees = writeCsv(path.join(dir, 'mentees.csv'), 'mentee', [menteeRow()]);
  expect((await cli(dir, 'import', '--form', 'mentee', mentees)).code).toBe(0);
  expect((await cli(dir, 'review-applications')).code).toBe(0);

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const statuses: Record<string, string> = {};
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const name = String(row.getCell(header.indexOf('Name')).value);
    const status = row.getCell(header.indexOf('Status'));
    if (name === 'Carys Evans') status.value = 'Accepted';
    statuses[name] = String(status.value);
  });
  await book.xlsx.writeFile(workbook);
  expect(statuses).toMatchObject({
    'Ann Jones': 'Accepted',
    [XSS_NAME]: 'Accepted',
    'Wyn Waitlisted': 'Waitlisted',
    'Ian Ineligible': 'Ineligible',
    'Siân Llywelyn': 'Accepted',
  });
  return workbook;
}

if (!hasChromium) console.warn(NO_CHROMIUM);

describeBrowser('the mentor gallery in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  let summary: string[];
  let htmlFile: string;
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = tempDir();
    const [workbook, launched] = await Promise.all([buildWorkbook(dir), launchBrowser()]);
    browser = launched;
    const before = fs.readFileSync(workbook);
    const session = await LocalSession.open({ workbook, out: path.join(dir, 'out') }, {});
    let data: { html: string; mentors: number };
    try {
      const result = galleryAction({ ports: session.ports, run: 'test' });
      summary = result.summary;
      data = result.data as typeof data;
    } finally {
      await session.release();
    }
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);
    expect(data.mentors).toBe(ACCEPTED.length);
    htmlFile = path.join(dir, 'gallery.html');
    fs.writeFileSync(htmlFile, data.html);

    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // No network here, and none needed: every request the page makes is recorded, the video
    // players answered with a stand-in, anything else refused.
    await page.route(
      (url) => url.protocol !== 'file:',
      (route) => {
        const url = new URL(route.request().url());
        requests.push(url.href);
        if (EMBED_HOSTS.includes(url.hostname)) {
          return route.fulfill({
            contentType: 'text/html; charset=utf-8',
            body: '<body style="margin:0;display:grid;place-items:center;height:100vh;background:#222;color:#eee;font:16px Arial">▶ video player</body>',
          });
        }
        return route.abort();
      },
    );
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('reports how many accepted mentors it lists', () => {
    expect(summary).toEqual([`The gallery lists ${ACCEPTED.length} accepted mentors.`]);
  });

  it("shows every accepted mentor's name, sorted, and no one else", async () => {
    const names = await page.locator('article h2').allTextContents();
    expect(names).toEqual(ACCEPTED.map((m) => m.name).sort((a, b) => a.localeCompare(b, 'en-GB')));
    for (const m of ACCEPTED) {
      await expect(
        page.getByRole('heading', { level: 2, name: m.name, exact: true }).isVisible(),
      ).resolves.toBe(true);
    }
    const text = (await page.textContent('body')) ?? '';
    for (const name of NOT_SHOWN) expect(text).not.toContain(name);
    expect(text).toContain(`${ACCEPTED.length} mentors`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en-GB');
  });

  it('shows a name that looks like HTML as text: no element made from it, nothing run', async () => {
    expect(await page.textContent('body')).toContain(XSS_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('frames only the allow-listed videos, each titled and sandboxed', async () => {
    const frames = await page
      .locator('iframe')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('src'), e.getAttribute('title'), e.getAttribute('sandbox')]),
      );
    const expected = ACCEPTED.filter((m) => m.src)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
      .map((m) => [
        m.src,
        `Introduction video: ${m.name}`,
        'allow-scripts allow-same-origin allow-presentation',
      ]);
    expect(frames).toEqual(expected);
    // The page fetched nothing but those players: not the other host, not "x".
    for (const url of requests) expect(EMBED_HOSTS).toContain(new URL(url).hostname);
    expect(requests.length).toBeGreaterThan(0);
  });

  it('shows the javascript: and other-host links as plain text, never as links', async () => {
    expect(await page.locator('a').count()).toBe(0);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    const carys = page.locator('article', { hasText: 'Carys Evans' });
    await expect(carys.locator('code').textContent()).resolves.toBe('javascript:alert(1)');
    const dewi = page.locator('article', { hasText: 'Dewi Morgan' });
    await expect(dewi.locator('code').textContent()).resolves.toBe(
      'https://videos.evil.example/dewi.mp4',
    );
    expect(dialogs).toEqual([]);
  });

  it('has no WCAG 2.1 AA violations (axe-core)', async () => {
    // The gallery forbids every script (its CSP): a page of its own lets axe-core in, the
    // others keep testing the page exactly as served. The players are stand-ins as above.
    const checked = await browser.newPage({
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
    });
    try {
      await checked.route(
        (url) => url.protocol !== 'file:',
        (route) =>
          EMBED_HOSTS.includes(new URL(route.request().url()).hostname)
            ? route.fulfill({ contentType: 'text/html', body: '<title>player</title><p>video</p>' })
            : route.abort(),
      );
      await checked.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      await expect(axeViolations(checked)).resolves.toEqual([]);
      await checked.setViewportSize({ width: 1280, height: 900 });
      await expect(axeViolations(checked)).resolves.toEqual([]);
    } finally {
      await checked.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await lookAt(page, 'gallery.png', { fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: Metrics } }).document
        .documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
