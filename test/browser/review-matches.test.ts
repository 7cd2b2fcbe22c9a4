import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHOICE_FORM, csvColumns, mentorOption } from '../../src/domain/forms';
import type { TabData } from '../../src/domain/table';
import { servePage } from '../../src/local/page-server';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import {
  describeBrowser,
  hasChromium,
  launchBrowser,
  lookAt,
  NO_CHROMIUM,
} from '../support/browser';
import { cli, PEOPLE_SETTINGS, menteeRow, mentorRow, writeCsv } from '../support/cli';
import { axeViolations } from '../support/axe';
import { tempDir } from '../support/temp';

interface Person {
  name: string;
  email: string;
  service: string;
  areas: string;
}

const MENTORS: Person[] = [
  ['Ann Jones', 'Kent Libraries', 'Budgeting, Working with councillors'],
  ['Bryn Davies', 'Powys Libraries', 'Capital projects, Restructures'],
  ['Catrin Hughes', 'Gwynedd Libraries', 'Service transformation, Budgeting'],
  ['Dev Patel', 'Leicester Libraries', 'Technical knowledge, Capital projects'],
  ['Elin Roberts', 'Conwy Libraries', 'Restructures, Working with councillors'],
  ['Femi Adeyemi', 'Croydon Libraries', 'Service transformation, Technical knowledge'],
].map(([name, service, areas]) => ({ name, service, areas, email: emailOf(name) }));

/** Seven mentees for six places, each with three choices (indexes into MENTORS, 1st first). */
const MENTEES: (Person & { choices: number[] })[] = (
  [
    ['Siân Llywelyn', 'Cardiff Libraries', 'Capital projects', [1, 5, 3]],
    ['Gareth Owen', 'Swansea Libraries', 'Budgeting', [5, 3, 0]],
    ['Hannah Reid', 'Fife Libraries', 'Restructures', [5, 4, 3]],
    ['Iqbal Khan', 'Bradford Libraries', 'Technical knowledge', [5, 4, 3]],
    ['Jo Walsh', 'Cork Libraries', 'Working with councillors', [0, 2, 5]],
    ['Kim Lee', 'Brent Libraries', 'Service transformation', [3, 4, 0]],
    ['Lena Novak', 'Hull Libraries', 'Budgeting', [3, 4, 5]],
  ] as const
).map(([name, service, areas, choices]) => ({
  name,
  service,
  areas,
  choices: [...choices],
  email: emailOf(name),
}));

function emailOf(name: string): string {
  const [first, last] = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .split(' ');
  return `${first}.${last}@example.gov.uk`;
}

/** The cohort as staff would build it: init, the two forms' CSVs, review, the choices, match. */
async function buildWorkbook(dir: string): Promise<void> {
  const mentors = writeCsv(
    path.join(dir, 'mentors.csv'),
    'mentor',
    MENTORS.map((m, i) =>
      mentorRow({
        Timestamp: `2026/05/14 10:0${i}:00 am GMT+1`,
        'Email address': m.email,
        'Full name': m.name,
        'Library service': m.service,
        'Areas where you can offer support': m.areas,
        'How many mentees could you support?': '1',
      }),
    ),
  );
  const mentees = writeCsv(
    path.join(dir, 'mentees.csv'),
    'mentee',
    MENTEES.map((m, i) =>
      menteeRow({
        Timestamp: `2026/05/15 09:0${i}:00 am GMT+1`,
        'Email address': m.email,
        'Full name': m.name,
        'Library service': m.service,
        'Areas where you would like support': m.areas,
      }),
    ),
  );
  const choices = path.join(dir, 'choices.csv');
  fs.writeFileSync(
    choices,
    stringify([
      csvColumns(CHOICE_FORM),
      ...MENTEES.map((m, i) => [
        `2026/06/01 10:0${i}:00 am GMT+1`,
        m.email,
        ...m.choices.map((c) => mentorOption(MENTORS[c])),
      ]),
    ]),
  );
  for (const args of [
    ['init'],
    ...PEOPLE_SETTINGS.map(([k, v]) => ['settings', 'set', k, v]),
    ['import', '--form', 'mentor', mentors],
    ['import', '--form', 'mentee', mentees],
    ['review-applications'],
    ['import', '--form', 'choices', choices],
    ['match'],
  ]) {
    const run = await cli(dir, ...args);
    expect([args[0], run.code, run.err]).toEqual([args[0], 0, '']);
  }
}

if (!hasChromium) console.warn(NO_CHROMIUM);

describeBrowser('the review screen in Chromium, served locally', () => {
  let dir: string;
  let workbook: string;
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let page: Page;
  const problems: string[] = [];
  const elsewhere: string[] = [];

  const pairRows = () => page.locator('#pairs tbody tr');
  const row = (mentee: string): Locator => pairRows().filter({ hasText: mentee });
  const cells = (locator: Locator) =>
    locator.locator('td').evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
  const status = () => page.locator('#status');
  const waitForStatus = (text: RegExp) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
      text.source,
    );

  /** Text smaller than 14px anywhere on the page (visible or for screen readers), by element. */
  const smallText = (on: Page) =>
    on.evaluate(`(() => {
      const small = [];
      for (const node of document.querySelectorAll('body *')) {
        const text = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
        const size = parseFloat(getComputedStyle(node).fontSize);
        if (text && size < 14) small.push(node.tagName + '.' + node.className + ': ' + size + 'px');
      }
      return small;
    })()`);
  const sidewaysScroll = (on: Page) =>
    on.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  beforeAll(async () => {
    dir = tempDir();
    workbook = path.join(dir, 'scheme.xlsx');
    const [launched] = await Promise.all([launchBrowser(), buildWorkbook(dir)]);
    browser = launched;
    server = await servePage({
      page: 'review-matches',
      paths: { workbook, out: path.join(dir, 'out') },
    });
    // The Apps Script dialog's size.
    page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    page.setDefaultTimeout(5_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.route(
      (url) => !url.href.startsWith(server.url),
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    await page.goto(server.url);
    await waitForStatus(/of 7 mentees matched/);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows every proposed pair, with its choice rank, shared areas and why', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('Review matches');
    await expect(page.locator('#pairs caption').textContent()).resolves.toBe(
      'Pairs (6, 0 confirmed)',
    );
    await expect(pairRows().count()).resolves.toBe(6);
    const column = (selector: string) => pairRows().locator(selector).allTextContents();
    const [mentees, mentors, ranks] = await Promise.all([
      column('td:nth-child(1) .person'),
      column('td:nth-child(2) .person'),
      column('td:nth-child(3)'),
    ]);
    const shown = mentees.map((mentee, i) => [mentee, mentors[i], ranks[i]]);
    expect(shown).toEqual([
      ['Gareth Owen', 'Ann Jones', '3rd'],
      ['Hannah Reid', 'Elin Roberts', '2nd'],
      ['Iqbal Khan', 'Femi Adeyemi', '1st'],
      ['Jo Walsh', 'Catrin Hughes', '2nd'],
      ['Kim Lee', 'Dev Patel', '1st'],
      ['Siân Llywelyn', 'Bryn Davies', '1st'],
    ]);
    const gareth = await cells(row('Gareth Owen'));
    expect(gareth.slice(3, 6)).toEqual([
      'Budgeting',
      '3rd choice (1st choice Femi Adeyemi was chosen by 6 mentees, 3 as 1st choice, for 1 place); shares Budgeting',
      'Proposed',
    ]);
    // Every proposed row has its three buttons, each naming the pair it acts on.
    for (const label of ['Confirm', 'Keep this pair', 'Never pair these two']) {
      const buttons = pairRows().getByRole('button', { name: label, exact: false });
      await expect(buttons.count()).resolves.toBe(6);
      const kim = row('Kim Lee').getByRole('button', {
        name: `${label}: Kim Lee and Dev Patel`,
        exact: true,
      });
      await expect(kim.isEnabled()).resolves.toBe(true);
    }
  });

  it('has no WCAG 2.1 AA violations (axe-core) and no text under 14px', async () => {
    await expect(axeViolations(page)).resolves.toEqual([]);
    await expect(smallText(page)).resolves.toEqual([]);
  });

  it('fits a phone (390px) without sideways scrolling: each pair a card, every button reachable', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(server.url);
      await phone.waitForFunction(() =>
        /of 7 mentees matched/.test(document.getElementById('status')?.textContent ?? ''),
      );
      await expect(sidewaysScroll(phone)).resolves.toBeLessThanOrEqual(0);
      await expect(smallText(phone)).resolves.toEqual([]);
      // Every cell and button lies within the screen's width.
      const outside = await phone.evaluate(`(() =>
        [...document.querySelectorAll('td, th, button, caption, h1, p')]
          .map((e) => [e.tagName + ' ' + e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
          .filter(([, r]) => r.width > 0 && (r.left < 0 || r.right > 390))
          .map(([name]) => name))()`);
      expect(outside).toEqual([]);
      // A cell says which column it is when the header row is out of sight.
      const label = await phone
        .locator('#pairs tbody tr')
        .first()
        .locator('td')
        .nth(2)
        .evaluate((td) => getComputedStyle(td, '::before').content);
      expect(label).toBe('"Choice"');
      await expect(axeViolations(phone)).resolves.toEqual([]);
      // To look at: the top of the page, and the pairs, as a phone shows them.
      await lookAt(phone, 'review-matches-390.png');
      await phone.locator('#pairs-caption').scrollIntoViewIfNeeded();
      await lookAt(phone, 'review-matches-390-pairs.png');
    } finally {
      await phone.close();
    }
  });

  it("shows the profile, and both priorities' profiles with the one in use marked", async () => {
    const rows = await page.locator('#profile tbody tr').all();
    const profile = await Promise.all(rows.map((r) => r.locator('th, td').allTextContents()));
    expect(profile).toEqual([
      ['Proposed now', '7', '6', '3', '2', '1', '0', '4'],
      ['Re-run with “Any choice”priority in use', '7', '6', '3', '2', '1', '0', '4'],
      ['Re-run with “First choice”', '7', '6', '4', '1', '0', '1', '5'],
    ]);
    await expect(page.locator('#profile tr.in-use').count()).resolves.toBe(1);
  });

  it('lists the mentees without a mentor, with the reason', async () => {
    const unmatched = await cells(page.locator('#unmatched tbody tr'));
    expect(unmatched).toEqual([
      `Lena Novak${MENTEES[6].email}`,
      'All three choices are full (1st choice Dev Patel was chosen by 6 mentees, 2 as 1st choice, for 1 place) and no other mentor has a free place',
    ]);
  });

  it('keeps a 3rd-choice pair and rules out another; re-running honours both', async () => {
    await row('Gareth Owen').getByRole('button', { name: 'Keep this pair' }).click();
    await waitForStatus(/Gareth Owen will be kept with Ann Jones when you re-run matching\./);
    await expect(
      page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-mentee')),
    ).resolves.toBe(MENTEES[1].email);

    await row('Jo Walsh').getByRole('button', { name: 'Never pair these two' }).click();
    await waitForStatus(/Jo Walsh and Catrin Hughes will never be paired/);

    // While a call runs, every button is off.
    let enabledDuringCall = -1;
    await page.route('**/run/pageMatchMentees', async (route) => {
      enabledDuringCall = await page.locator('button:enabled').count();
      await route.continue();
    });
    await page.getByRole('button', { name: 'Re-run matching' }).click();
    await waitForStatus(/^Matching re-run: 6 of 7 mentees matched; 0 confirmed\.$/);
    expect(enabledDuringCall).toBe(0);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('rerun');
    await expect(page.locator('#status').getAttribute('class')).resolves.toBe('done');

    // Without the Lock, Gareth would lose Ann to Jo's 1st choice.
    expect((await cells(row('Gareth Owen'))).slice(0, 3)).toEqual([
      `Gareth Owen${MENTEES[1].email}`,
      `Ann Jones${MENTORS[0].email}`,
      '3rd',
    ]);
    expect((await cells(row('Kim Lee'))).slice(1, 3)).toEqual([
      `Catrin Hughes${MENTORS[2].email}`,
      'Not a choice',
    ]);
    await expect(row('Jo Walsh').count()).resolves.toBe(0);
    await expect(page.locator('#unmatched tbody').textContent()).resolves.toContain('Jo Walsh');
  });

  it('confirms one pair: its row loses its buttons', async () => {
    await row('Siân Llywelyn').getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(/^Confirmed Siân Llywelyn with Bryn Davies\.$/);
    await expect(row('Siân Llywelyn').locator('button').count()).resolves.toBe(0);
    await expect(row('Siân Llywelyn').locator('.badge').last().textContent()).resolves.toBe(
      'Confirmed',
    );
    // What staff see in the dialog: proposed and confirmed pairs side by side.
    await lookAt(page, 'review-matches.png');
  });

  it("shows a server's one-sentence error in the status region, and lets staff try again", async () => {
    // Another live process holds the workbook (this test's parent).
    const lock = `${workbook}.lock`;
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, since: new Date().toISOString() }));
    try {
      await page.getByRole('button', { name: 'Confirm all proposed' }).click();
      await waitForStatus(/is using this workbook/);
    } finally {
      fs.rmSync(lock);
    }
    await expect(status().textContent()).resolves.toBe(
      `Another peer-mentoring command (process ${process.ppid}) is using this workbook: wait for it to finish, then try again.`,
    );
    await expect(status().getAttribute('class')).resolves.toBe('error');
    await expect(status().getAttribute('role')).resolves.toBe('status');
    await expect(page.locator('button:disabled').count()).resolves.toBe(0);
  });

  it('confirms every proposed pair, and the workbook has the rules and the confirmed pairs', async () => {
    await page.getByRole('button', { name: 'Confirm all proposed' }).click();
    await waitForStatus(/^Confirmed 5 pairs: 6 of 7 mentees matched; 6 confirmed\.$/);
    await expect(page.locator('#pairs tbody button').count()).resolves.toBe(0);
    await expect(page.locator('#confirm-all').isDisabled()).resolves.toBe(true);

    const book = await XlsxWorkbook.open(workbook, { create: false });
    const rules = (await book.readTab('Pairing rules')) as TabData;
    expect(rules.rows.map((r) => r.slice(0, 3))).toEqual([
      [MENTEES[1].email, MENTORS[0].email, 'Lock'],
      [MENTEES[4].email, MENTORS[2].email, 'Never'],
    ]);
    const matches = (await book.readTab('Matches')) as TabData;
    const column = (name: string) => matches.header.indexOf(name);
    const byStatus = matches.rows.map((r) => [r[column('Mentee')], r[column('Status')]]);
    expect(byStatus.filter(([, s]) => s === 'Confirmed')).toHaveLength(6);
    expect(byStatus.filter(([, s]) => s !== 'Confirmed')).toEqual([
      [MENTEES[4].email, 'Unmatched'],
    ]);
  });

  it('lists the Lock and the Never, and takes each back from the page (the workbook loses them)', async () => {
    const rules = page.locator('#rules tbody tr');
    await expect(page.locator('#rules-caption').textContent()).resolves.toMatch(
      /^\s*Locks and Nevers \(2\)/,
    );
    expect(await cells(rules.nth(0))).toEqual([
      `Gareth Owen${MENTEES[1].email}`,
      `Ann Jones${MENTORS[0].email}`,
      'Keep (Lock)',
      'Kept by staff in the review',
      'Take back',
    ]);
    expect((await cells(rules.nth(1))).slice(2, 3)).toEqual(['Never']);

    await rules
      .nth(1)
      .getByRole('button', { name: 'Take back: the Never for Jo Walsh and Catrin Hughes' })
      .click();
    await waitForStatus(
      /^Took back the Never for Jo Walsh and Catrin Hughes: re-run matching to see the effect\.$/,
    );
    await expect(rules.count()).resolves.toBe(1);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await rules.getByRole('button', { name: /^Take back: the Keep for Gareth Owen/ }).click();
    await waitForStatus(/^Took back the Keep for Gareth Owen and Ann Jones/);
    await expect(page.locator('#rules tbody').textContent()).resolves.toBe(
      'None: matching follows the choices alone.',
    );
    // Focus is not lost with the row: it goes to the pairs.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('pairs-caption');

    const book = await XlsxWorkbook.open(workbook, { create: false });
    const tab = (await book.readTab('Pairing rules')) as TabData;
    expect(tab.rows).toEqual([]);
  });

  it('fits the dialog without sideways scrolling, with no errors and no outside requests', async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  it('writes names as text: markup in the data makes no element and runs nothing', async () => {
    const report = await page.evaluate(
      () =>
        new Promise((resolve) => {
          google.script.run.withSuccessHandler(resolve).pageMatchReport();
        }),
    );
    const evil = '<img src=x onerror="document.title=\'pwned\'">';
    const tampered = JSON.parse(JSON.stringify(report));
    tampered.matches[0].menteeName = evil;
    tampered.matches[0].why = `<b>${evil}</b>`;
    tampered.unmatched[0].menteeName = evil;
    await page.route('**/run/pageMatchReport', (route) =>
      route.fulfill({ contentType: 'application/json', json: { ok: true, data: tampered } }),
    );
    await page.reload();
    await waitForStatus(/of 7 mentees matched/);
    await expect(page.locator('#pairs tbody').textContent()).resolves.toContain(evil);
    await expect(page.locator('#unmatched tbody').textContent()).resolves.toContain(evil);
    await expect(page.locator('img, b').count()).resolves.toBe(0);
    await expect(page.title()).resolves.toBe('Review matches');
    expect(problems).toEqual([]);
  });
});

/** What the functions run in the page use (the project compiles without the DOM types). */
declare const document: {
  title: string;
  activeElement: {
    id: string;
    closest(selector: string): { getAttribute(name: string): string | null } | null;
  } | null;
  getElementById(id: string): { textContent: string | null } | null;
  documentElement: { scrollWidth: number; clientWidth: number };
};
declare function getComputedStyle(element: unknown, pseudo?: string): { content: string };
declare const google: {
  script: {
    run: { withSuccessHandler(fn: (value: unknown) => void): Record<string, () => void> };
  };
};
