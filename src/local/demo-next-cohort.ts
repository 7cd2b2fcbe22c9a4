import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { ActionArgs, ActionResult } from '../core/action';
import { loadTable, saveTable } from '../core/workbook';
import { CONTINUATION_OUTCOMES } from '../domain/evaluation/continuation';
import { MATCHES_TAB } from '../domain/tabs';
import { REUSE_PROFILE_OPTION } from '../domain/forms';
import { headerKey } from '../domain/text';
import { readCsvFile } from './csv-file';
import type { DemoCohort } from './demo-cohort';
import { ARCHIVE_INDEX, archiveFolder } from './local-archives';
import { LocalPaths, LocalSession } from './session';
import { XlsxWorkbook } from './xlsx-workbook';

type Step = (
  title: string,
  id: string,
  args?: Partial<ActionArgs>,
  at?: Date,
) => Promise<ActionResult>;

/** The cohort the demo archives, and the one it starts. */
export const DEMO_NEXT_COHORT = 'Cohort 2';

const FEBRUARY = new Date('2027-02-01T10:00:00Z');

/** The demo's workbook as the first year ended, kept in out/demo before it is archived. */
export const YEAR_END_WORKBOOK = 'year-end.xlsx';

/** How many of the demo's mentors apply again for the next cohort. */
const RETURNING_MENTORS = 4;

/** The demo's archive of its first cohort, beside the demo's workbook. */
export function demoArchiveFile(workbook: string, cohort: string): string {
  return path.join(path.dirname(path.resolve(workbook)), archiveFolder(workbook), `${cohort}.xlsx`);
}

/**
 * True when the file is the archive a demo made of `cohort` (its manifest says so): the only
 * archive a new demo may remove. Anything else in the folder is left alone.
 */
export async function isDemoArchive(file: string, cohort: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  try {
    const archive = await XlsxWorkbook.open(file, { create: false });
    const manifest = archive.readTab('About this archive');
    const c = manifest?.header.findIndex((h) => headerKey(h) === 'cohort') ?? -1;
    return (
      c >= 0 && (manifest?.rows.length ?? 0) > 0 && manifest!.rows.every((r) => r[c] === cohort)
    );
  } catch {
    return false;
  }
}

/** Removes the demo's own archive (and the folder, if nothing else is in it). */
export async function removeDemoArchive(workbook: string, cohort: string): Promise<void> {
  const file = demoArchiveFile(workbook, cohort);
  if (!(await isDemoArchive(file, cohort))) return;
  fs.rmSync(file);
  const dir = path.dirname(file);
  // The folder's index names only the archives in it: with the demo's gone, it goes too.
  const left = fs.readdirSync(dir);
  if (left.length === 1 && left[0] === ARCHIVE_INDEX) fs.rmSync(path.join(dir, ARCHIVE_INDEX));
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

/**
 * The end of the demo's year and the start of the next: staff decide for the pairs that did not
 * both answer; the cohort is archived and "Cohort 2" starts, with the waitlisted people carried
 * over (each asked to confirm their interest) and a few of this year's mentors applying again.
 */
export async function runNextCohortDemo(
  paths: LocalPaths,
  step: Step,
  cohort: DemoCohort,
  demoDir: string,
  note: (line: string) => void,
): Promise<{ archive: string; returning: number }> {
  // The year as it ended, before it is archived (to look at, and for the demo's own tests).
  fs.copyFileSync(paths.workbook, path.join(demoDir, YEAR_END_WORKBOOK));
  // The end-of-scheme round closed on 29 January: its job has nothing left to wait for.
  await step('The last round has closed (1 February)', 'send-evaluation', {}, FEBRUARY);
  const decided = await withSession(paths, (session) => {
    const matches = loadTable(session.ports.workbook, MATCHES_TAB);
    let n = 0;
    for (const row of matches.rows.keys()) {
      const outcome = matches.text(row, 'Continuation');
      if (
        matches.text(row, 'Status') !== 'Confirmed' ||
        !outcome.startsWith(CONTINUATION_OUTCOMES.staff)
      )
        continue;
      if (!matches.text(row, 'Staff decision')) {
        matches.set(row, 'Staff decision', CONTINUATION_OUTCOMES.ending);
        n += 1;
      }
    }
    saveTable(session.ports.workbook, matches);
    return n;
  });
  note(
    `• Staff decide for the ${decided} pairs that did not both answer (Staff decision: ${CONTINUATION_OUTCOMES.ending})`,
  );
  const archived = await step(
    'Archive this cohort and start the next (1 February)',
    'archive-cohort',
    { options: { next: DEMO_NEXT_COHORT } },
    FEBRUARY,
  );
  const archive = (archived.data as { archive?: { id: string } }).archive?.id ?? '';

  // Next spring: a few of this year's mentors apply again, with this year's answers.
  const [header, ...mentors] = cohort.mentorCsv;
  const time = header.indexOf('Timestamp');
  const reuse = header.indexOf('Use my profile from my last cohort for any answer I leave blank');
  const areas = header.indexOf('Areas where you can offer support');
  const video = header.indexOf('Link to your 2-minute introduction video');
  const again = mentors.slice(0, RETURNING_MENTORS).map((row, i) => {
    const copy = [...row];
    copy[time] = `2027/04/0${i + 1} 09:30:00 am GMT+1`;
    if (i === 0) {
      // One asks for last year's profile and leaves those answers blank: they are carried over.
      copy[reuse] = REUSE_PROFILE_OPTION;
      copy[areas] = '';
      copy[video] = '';
    }
    return copy;
  });
  const csv = path.join(demoDir, 'cohort-2-mentor-applications.csv');
  fs.writeFileSync(csv, stringify([header, ...again]));
  await step(
    `${DEMO_NEXT_COHORT}: import the mentor applications (${RETURNING_MENTORS} of this year's mentors apply again)`,
    'import',
    { options: { form: 'mentor' }, csv: readCsvFile(csv) },
    new Date('2027-04-10T10:00:00Z'),
  );
  const april = new Date('2027-04-20T10:00:00Z');
  await step(`${DEMO_NEXT_COHORT}: review the applications`, 'review-applications', {}, april);
  await step(`${DEMO_NEXT_COHORT}: notify the applicants`, 'notify-applicants', {}, april);
  await step('Compare the cohorts', 'cohort-summary', {}, april);
  return { archive, returning: RETURNING_MENTORS };
}

async function withSession<T>(paths: LocalPaths, fn: (session: LocalSession) => T): Promise<T> {
  const session = await LocalSession.open(paths);
  try {
    const result = fn(session);
    await session.commit();
    return result;
  } finally {
    await session.release();
  }
}
