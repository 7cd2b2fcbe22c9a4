import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from '../../src/domain/archive';
import type { TabData } from '../../src/domain/table';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, initScheme, importApplications, menteeRow, mentorRow } from '../support/cli';
import { killAtBoundary } from '../support/kill';
import { tempDir } from '../support/temp';

const TABS = [
  'Applications',
  'Choices',
  'Matches',
  'Pairing rules',
  'Sessions',
  'Rounds',
  'Evaluations',
  'Continuation',
];

/** A cohort of applications, reviewed (two places each: one mentor and one mentee waitlisted). */
async function reviewedCohort(dir: string): Promise<void> {
  await initScheme(dir);
  for (const [k, v] of [
    ['Mentor places', '2'],
    ['Mentee places', '2'],
  ])
    await cli(dir, 'settings', 'set', k, v);
  await importApplications(
    dir,
    [0, 1, 2].map((i) =>
      mentorRow({
        'Email address': `mentor${i}@m${i}.example`,
        'Full name': `Mentor ${i}`,
        Timestamp: `2026/05/1${i} 10:00:00 am GMT+1`,
      }),
    ),
    [0, 1, 2].map((i) =>
      menteeRow({
        'Email address': `mentee${i}@e${i}.example`,
        'Full name': `Mentee ${i}`,
        Timestamp: `2026/05/1${i} 11:00:00 am GMT+1`,
      }),
    ),
  );
  expect((await cli(dir, 'review-applications')).code).toBe(0);
  expect((await cli(dir, 'notify-applicants')).code).toBe(0);
}

async function read(file: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(file, { create: false });
}

describe('archive-cohort on the command line', () => {
  it('killed (SIGKILL) mid-archive and again mid-way through starting the next cohort, a re-run makes one archive holding every row and empties the live tabs', async () => {
    const dir = tempDir();
    await reviewedCohort(dir);
    const workbook = path.join(dir, 'scheme.xlsx');
    const original = await read(workbook);
    const before = new Map<string, TabData | null>(TABS.map((t) => [t, original.readTab(t)]));
    const logBefore = original.readTab('Log')!;
    expect(fingerprint(before.get('Applications')!).rows).toBe(6);

    // Boundary 4: the archive made and its first tabs copied, nothing saved yet.
    expect(await killAtBoundary(dir, 'archive-cohort', 4)).toMatch(/archived tab/);
    expect(fs.existsSync(path.join(dir, 'archive'))).toBe(false);
    // Killed again once the Log says "verified" (the archive file is only written at the end).
    expect(await killAtBoundary(dir, 'archive-cohort', 16)).toMatch(/cleared tab/);

    const rerun = await cli(dir, 'archive-cohort');
    expect(rerun.err).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/Cohort 1 is archived \(archive\/Cohort 1\.xlsx\); carrying on/);
    expect(rerun.out).toMatch(/Carried 2 waitlisted or late applications over into Cohort 2/);
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['.archives.json', 'Cohort 1.xlsx']);

    const archive = await read(path.join(dir, 'archive', 'Cohort 1.xlsx'));
    const manifest = archive.readTab('About this archive')!;
    const at = (c: string) => manifest.header.indexOf(c);
    for (const tab of TABS) {
      const row = manifest.rows.find((r) => r[at('Tab')] === tab)!;
      expect(fingerprint(archive.readTab(tab))).toEqual(fingerprint(before.get(tab)!));
      expect([row[at('Rows')], row[at('Hash')], row[at('Cohort')]]).toEqual([
        fingerprint(before.get(tab)!).rows,
        fingerprint(before.get(tab)!).hash,
        'Cohort 1',
      ]);
    }
    // The archived Log holds every record the cohort had (and the killed runs' own).
    const archivedLog = archive.readTab('Log')!;
    expect(fingerprint(archivedLog).rows).toBeGreaterThanOrEqual(fingerprint(logBefore).rows);

    const live = await read(workbook);
    for (const tab of TABS.filter((t) => t !== 'Applications' && t !== 'Rounds'))
      expect(fingerprint(live.readTab(tab)).rows).toBe(0);
    const apps = live.readTab('Applications')!;
    const col = (c: string) => apps.header.indexOf(c);
    expect(
      apps.rows.map((r) => [r[col('Email')], r[col('Status')], r[col('Carried over from')]]),
    ).toEqual([
      ['mentor2@m2.example', 'Applied', 'Cohort 1'],
      ['mentee2@e2.example', 'Applied', 'Cohort 1'],
    ]);
    const settings = live.readTab('Settings')!;
    expect(settings.rows.find((r) => r[0] === 'Cohort')?.[1]).toBe('Cohort 2');
    const confirm = fs
      .readdirSync(path.join(dir, 'out', 'mail'))
      .filter((f) => f.includes('confirm-interest'));
    expect(confirm).toHaveLength(2);

    const again = await cli(dir, 'archive-cohort');
    expect(again.out).toMatch(/^Nothing to archive: Cohort 2 has no applications/);
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['.archives.json', 'Cohort 1.xlsx']);
  }, 180_000);

  it('brings a workbook of an older layout up to date once, keeping a copy; refuses one a newer tool made', async () => {
    const dir = tempDir();
    await initScheme(dir);
    const file = path.join(dir, 'scheme.xlsx');
    // A workbook of layout version 1: no version row, no "Next cohort" setting.
    const old = await read(file);
    const settings = old.readTab('Settings')!;
    const v1 = {
      header: settings.header,
      rows: settings.rows.filter(
        (r) => r[0] !== 'Workbook layout version' && r[0] !== 'Next cohort',
      ),
    };
    old.writeTab({ name: 'Settings', columns: [] }, v1);
    await old.save();
    const before = fs.readFileSync(file);

    const first = await cli(dir, 'status');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^This workbook was brought up to date \(layout version 1 → 2: new columns and settings added, nothing removed\); a copy of it as it was: .*scheme\.before-v2\.xlsx\./,
    );
    expect(fs.readFileSync(path.join(dir, 'scheme.before-v2.xlsx')).equals(before)).toBe(true);
    const now = (await read(file)).readTab('Settings')!;
    expect(now.rows.find((r) => r[0] === 'Workbook layout version')?.[1]).toBe(2);
    expect(now.rows.some((r) => r[0] === 'Next cohort')).toBe(true);
    expect((await cli(dir, 'status')).out).not.toMatch(/brought up to date/);

    const newer = await read(file);
    const rows = newer.readTab('Settings')!;
    for (const r of rows.rows) if (r[0] === 'Workbook layout version') r[1] = 3;
    newer.writeTab({ name: 'Settings', columns: [] }, rows);
    await newer.save();
    const untouched = fs.readFileSync(file);
    const refused = await cli(dir, 'review-applications');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'This workbook has layout version 3, made by a newer version of the tool than this one (which knows version 2): update the tool, then try again (nothing was changed).\n',
    );
    expect(fs.readFileSync(file).equals(untouched)).toBe(true);
  }, 60_000);
});
