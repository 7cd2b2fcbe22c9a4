import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Role, SummaryAnswer } from '../../src/domain/evaluation/summary';
import { evaluationSummary } from '../../src/domain/evaluation/summary';
import { LocalReports } from '../../src/local/local-reports';
import { describeBrowser, hasChromium, launchBrowser, NO_CHROMIUM } from '../support/browser';
import { tempDir } from '../support/temp';

const AXE = require.resolve('axe-core/axe.min.js');

// The page's globals, as seen by the callbacks that run in Chromium (the project has no DOM lib).
interface El {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number; right: number };
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): { length: number };
  textContent: string | null;
}
declare const document: { getElementById(id: string): El | null };
declare const window: unknown;
declare function getComputedStyle(el: El): { visibility: string; display: string };

function answers(round: string, role: Role, n: number): SummaryAnswer[] {
  return Array.from({ length: n }, (_, i) => ({
    round,
    role,
    ratings: { leadership: (i % 5) + 1, confidence: 4, isolation: (i % 3) + 3, practical: 2 },
    frequency: ['Every week or two', 'About once a month'][i % 2],
    how: i % 3 ? ['Online'] : ['Online', 'In person'],
    comments: i === 1 ? `<script>alert("${role}")</script> helpful` : '',
  }));
}

if (!hasChromium) console.warn(NO_CHROMIUM);

/**
 * The local evaluation summary as staff open it: every chart drawn and visible, each with its
 * table, a group of 4 never shown, no WCAG 2.1 AA violation, and A4 when printed.
 */
describeBrowser('evaluation summary in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const dir = tempDir();

  beforeAll(async () => {
    const reports = new LocalReports(dir);
    const report = evaluationSummary({
      rounds: ['Mid-point', 'End'],
      asked: new Map([
        ['Mid-point', { Mentor: 12, Mentee: 15 }],
        ['End', { Mentor: 12, Mentee: 15 }],
      ]),
      // 4 mentors answered at the mid-point: a group of 4, which must not be shown.
      answers: [
        ...answers('Mid-point', 'Mentor', 4),
        ...answers('Mid-point', 'Mentee', 10),
        ...answers('End', 'Mentor', 7),
        ...answers('End', 'Mentee', 9),
      ],
      outcomes: { Continuing: 6, 'Ending at scheme close': 4, 'Staff to decide': 2 },
      generated: '30 January 2027',
    });
    reports.publish(report);
    await reports.flush();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(path.join(dir, 'evaluation.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is one self-contained file: no script, no outside resource', () => {
    const html = fs.readFileSync(path.join(dir, 'evaluation.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(http/i);
    expect(html).toContain('&lt;script&gt;alert');
  });

  it('shows every chart, drawn, with its table as the text equivalent', async () => {
    const charts = await page.$$eval('figure.chart', (figures) =>
      (figures as unknown as El[]).map((f) => {
        const svg = f.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const table = document.getElementById(f.getAttribute('data-table') ?? '');
        const style = getComputedStyle(svg);
        return {
          width: box.width,
          height: box.height,
          visible: style.visibility !== 'hidden' && style.display !== 'none',
          marks: svg.querySelectorAll('path, rect').length,
          name: svg.getAttribute('role') === 'img' ? (svg.getAttribute('aria-label') ?? '') : '',
          tableRows: table?.querySelectorAll('tbody tr').length ?? 0,
          caption: table?.querySelector('caption')?.textContent ?? '',
        };
      }),
    );
    // Response rate, four aims, how often, how met, outcomes.
    expect(charts).toHaveLength(8);
    for (const c of charts) {
      expect(c.visible).toBe(true);
      expect(c.width).toBeGreaterThan(200);
      expect(c.height).toBeGreaterThan(50);
      expect(c.marks).toBeGreaterThan(3);
      expect(c.name).toMatch(/^Chart: .+ The same figures are in the table that follows\.$/);
      expect(c.tableRows).toBeGreaterThan(0);
      expect(c.caption).not.toBe('');
    }
  });

  it('never shows the group of 4 mentors, nor the mentees alone beside it', async () => {
    const groups = await page.$$eval('tbody th[scope="row"]', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(groups).toContain('Mid-point: everyone');
    expect(groups).toContain('End: mentors');
    expect(groups).not.toContain('Mid-point: mentors');
    expect(groups).not.toContain('Mid-point: mentees');
    const svgText = await page.$$eval('figure.chart svg', (svgs) =>
      (svgs as unknown as El[]).map((s) => s.textContent).join(' '),
    );
    expect(svgText).not.toContain('Mid-point: mentors');
    expect(await page.textContent('body')).toMatch(/Mid-point: mentors are fewer than 5/);
  });

  it('has no WCAG 2.1 AA violation (axe-core)', async () => {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (...a: unknown[]) => Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(result).toEqual([]);
  });

  it('prints on A4 with every chart inside the page width', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // A4 is 210 mm wide; 15 mm margins leave 180 mm, about 680 CSS pixels.
    await page.setViewportSize({ width: 680, height: 960 });
    const widest = await page.$$eval('figure.chart svg', (svgs) =>
      Math.max(...(svgs as unknown as El[]).map((s) => s.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(680);
  });
});
