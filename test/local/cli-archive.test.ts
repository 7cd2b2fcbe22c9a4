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
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['Cohort 1.xlsx']);

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
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['Cohort 1.xlsx']);
  }, 180_000);
});
