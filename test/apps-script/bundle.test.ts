import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { stringify } from 'csv-stringify/sync';
import { ACTIONS } from '../../src/actions';
import { inert } from '../../src/apps-script/services';
import { CHOICE_FORM, csvColumns, mentorOption } from '../../src/domain/forms';
import { isDate, TabData } from '../../src/domain/table';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { readPage } from '../../src/local/page-html';
import { bundleCode, DIST, loadBundle } from '../support/bundle';
import { cli, importApplications, menteeRow, mentorRow, writeCsv } from '../support/cli';
import { tempDir } from '../support/temp';
import { PEOPLE_SETTINGS } from '../support/cli';

/** Cells compared across back ends: dates as instants, blanks as null. */
function comparable(data: TabData | null | unknown[][]): unknown[][] {
  const rows = Array.isArray(data) ? data : data ? [data.header, ...data.rows] : [];
  return rows.map((r) =>
    r.map((v) => (isDate(v) ? v.toISOString() : v === '' || v === undefined ? null : v)),
  );
}

describe('dist/Code.js as Apps Script sees it', () => {
  it('has no module syntax and runs in a context holding only the Apps Script services', () => {
    expect(bundleCode()).not.toMatch(/^\s*(export|import)\s/m);
    const { context } = loadBundle();
    expect(vm.runInContext('typeof require + typeof process + typeof module', context)).toBe(
      'undefinedundefinedundefined',
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining(['https://www.googleapis.com/auth/spreadsheets']),
    );
  });

  it('declares a top-level function for onOpen and for every menu action', () => {
    const { context } = loadBundle();
    const names = ['onOpen', ...ACTIONS.filter((a) => a.menu).map((a) => a.functionName)];
    for (const name of names) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('function');
      expect(bundleCode()).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('onOpen builds the Mentoring menu, and every item names a function that exists', () => {
    const { fake, context } = loadBundle();
    vm.runInContext('onOpen({})', context);
    const menu = fake.ui.menus.find((m) => m.name === 'Mentoring');
    expect(menu?.items.map((i) => i.caption)).toEqual(
      ACTIONS.filter((a) => a.menu).map((a) => a.menu),
    );
    for (const item of menu?.items ?? []) {
      expect(vm.runInContext(`typeof ${item.functionName}`, context)).toBe('function');
    }
  });

  it('review-applications through the bundle produces the same Applications tab as the local back end', async () => {
    const dir = tempDir();
    await cli(dir, 'init');
    const mentors = [
      mentorRow(),
      mentorRow({
        'Email address': 'b@x.example',
        'Full name': 'Dafydd ap Gwilym',
        'Are you the Head of Service managing libraries?': 'No',
      }),
      mentorRow({
        'Email address': 'both@x.example',
        'Full name': 'Zoë Both',
        Timestamp: '2026/05/14 11:00:00 am GMT+1',
        'Anything else we should know?': '=HYPERLINK("http://x","y")',
      }),
    ];
    const mentees = [
      menteeRow(),
      menteeRow({ 'Email address': 'both@x.example', 'Full name': 'Zoë Both' }),
      menteeRow({ 'Email address': 'nope', 'Full name': 'Ciarán' }),
    ];
    await importApplications(dir, mentors, mentees);
    await cli(dir, 'settings', 'set', 'Mentor places', '1');

    // The Sheet starts from the same tabs, as staff (or the forms) would have left them.
    const file = path.join(dir, 'scheme.xlsx');
    const before = await XlsxWorkbook.open(file, { create: false });
    const { fake, context } = loadBundle();
    for (const tab of ['Settings', 'Applications', 'Templates']) {
      const data = (await before.readTab(tab)) as TabData;
      fake.spreadsheet.seed(
        tab,
        [data.header, ...data.rows].map((r) => r.map((v) => (v === null ? '' : inert(v)))),
      );
    }

    await vm.runInContext('reviewApplications()', context);
    expect(fake.ui.alerts.at(-1)).toMatch(/Reviewed 6 applications/);
    await cli(dir, 'review-applications');
    const local = await (await XlsxWorkbook.open(file, { create: false })).readTab('Applications');
    const sheet = comparable(fake.spreadsheet.values('Applications'));
    expect(sheet).toEqual(comparable(local));
    const status = sheet[0].indexOf('Status');
    expect(sheet.slice(1).map((r) => r[status])).toEqual([
      'Accepted',
      'Ineligible',
      'Applied',
      'Accepted',
      'Applied',
      'Ineligible',
    ]);
  });

  it('"Review matches" opens the review page in a dialog, and pageMatchReport returns the report as a plain object', async () => {
    // A matched cohort built locally, then given to the Sheet tab by tab.
    const dir = tempDir();
    const mentors = [
      ['Ann Jones', 'Kent Libraries'],
      ['Bryn Davies', 'Powys Libraries'],
    ];
    const mentees = [
      ['Cat Lee', 'Brent Libraries'],
      ['Dai Rees', 'Fife Libraries'],
    ];
    const person = ([name, service]: string[]) => ({
      'Full name': name,
      'Email address': `${name.split(' ')[0].toLowerCase()}@x.example`,
      'Library service': service,
    });
    const mentorCsv = writeCsv(
      path.join(dir, 'm.csv'),
      'mentor',
      mentors.map((m) => mentorRow(person(m))),
    );
    const menteeCsv = writeCsv(
      path.join(dir, 'e.csv'),
      'mentee',
      mentees.map((m) => menteeRow(person(m))),
    );
    const choices = path.join(dir, 'c.csv');
    fs.writeFileSync(
      choices,
      stringify([
        csvColumns(CHOICE_FORM),
        ...mentees.map((m) => [
          '2026/06/01 10:00:00 am GMT+1',
          person(m)['Email address'],
          ...mentors.map(([name, service]) => mentorOption({ name, service })),
          '',
        ]),
      ]),
    );
    for (const args of [
      ['init'],
      ...PEOPLE_SETTINGS.map(([k, v]) => ['settings', 'set', k, v]),
      ['import', '--form', 'mentor', mentorCsv],
      ['import', '--form', 'mentee', menteeCsv],
      ['review-applications'],
      ['import', '--form', 'choices', choices],
      ['match'],
    ]) {
      expect((await cli(dir, ...args)).code).toBe(0);
    }
    const local = JSON.parse((await cli(dir, 'match-report', '--json')).out);
    expect(local.matches).toHaveLength(2);

    const htmlFiles = Object.fromEntries(
      fs
        .readdirSync(DIST)
        .filter((f) => f.endsWith('.html'))
        .map((f) => [f, fs.readFileSync(path.join(DIST, f), 'utf8')]),
    );
    const { fake, context } = loadBundle({ htmlFiles });
    const book = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
    for (const tab of ['Settings', 'Applications', 'Choices', 'Matches', 'Pairing rules']) {
      const data = (await book.readTab(tab)) as TabData;
      fake.spreadsheet.seed(
        tab,
        [data.header, ...data.rows].map((r) => r.map((v) => (v === null ? '' : inert(v)))),
      );
    }

    vm.runInContext('onOpen({})', context);
    const item = fake.ui.menus
      .find((m) => m.name === 'Mentoring')
      ?.items.find((i) => i.caption === 'Review matches');
    expect(item).toBeDefined();
    vm.runInContext(`${item?.functionName}()`, context);
    expect(fake.ui.dialogs[0]?.html).not.toMatch(/include\(/);
    expect(fake.ui.dialogs[0]?.html).toContain('window.StaffPage');
    expect(fake.ui.dialogs).toEqual([
      {
        title: 'Review matches',
        // The page whole: its shared partials put in place by the build.
        html: readPage(path.join(DIST, '..', 'appsscript'), 'review-matches'),
        modal: true,
      },
    ]);

    // What google.script.run hands the page: returned synchronously, a plain object.
    const report = vm.runInContext('pageMatchReport()', context);
    expect(Object.getPrototypeOf(report)).toBe(vm.runInContext('Object.prototype', context));
    expect(Object.prototype.toString.call(report)).toBe('[object Object]');
    expect(typeof report.then).toBe('undefined');
    expect(JSON.parse(JSON.stringify(report))).toEqual(local);
  });
});
