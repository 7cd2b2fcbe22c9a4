import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  CHOICE_FORM,
  CONSENT_VERSION,
  csvColumns,
  REUSE_PROFILE_OPTION,
} from '../../src/domain/forms';
import type { Cell, TabSpec } from '../../src/domain/table';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from './cli';
import { APPLICATIONS_TAB, ARCHIVE_MANIFEST_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import type { ArchivePort } from '../../src/ports';

/**
 * Seeds a past cohort's archive through the ArchivePort, as archive-cohort leaves it: its
 * Applications and Matches tabs under their usual names and headers, and its manifest.
 */
export function seedArchive(
  archives: ArchivePort,
  cohort: string,
  tabs: { applications: Record<string, Cell>[]; matches: Record<string, Cell>[] },
): void {
  const ref = archives.ensure({
    cohort,
    name: `Peer Mentoring – ${cohort} archive`,
    staff: ['staff@scheme.example'],
  });
  const workbook = archives.open(ref.id);
  const write = (spec: typeof APPLICATIONS_TAB, rows: Record<string, Cell>[]) =>
    workbook.writeTab(spec, {
      header: [...spec.columns],
      rows: rows.map((r) => spec.columns.map((c) => r[c] ?? null)),
    });
  write(APPLICATIONS_TAB, tabs.applications);
  write(MATCHES_TAB, tabs.matches);
  write(ARCHIVE_MANIFEST_TAB, [
    { Tab: 'Applications', Rows: tabs.applications.length, Cohort: cohort },
    { Tab: 'Matches', Rows: tabs.matches.length, Cohort: cohort },
  ]);
  workbook.save();
}

/** The local archive back end comes with archive-cohort: tests of the CLI with archives wait for it. */
/** An accepted applicant of an archived cohort, with current consent; `over` changes any cell. */
export function archivedPerson(
  email: string,
  role: string,
  name: string,
  over: Record<string, Cell> = {},
): Record<string, Cell> {
  return {
    Role: role,
    Name: name,
    Email: email,
    Status: 'Accepted',
    Consent: 'I agree',
    'Consent version': CONSENT_VERSION,
    ...over,
  };
}

export const hasLocalArchives = fs.existsSync(
  path.join(__dirname, '../../src/local/local-archives.ts'),
);

export const ANN = 'ann.jones@kent.gov.example';
export const MO = 'mo.patel@leeds.gov.example';

/** archive/Cohort 1.xlsx beside the workbook, as archive-cohort writes it: Ann mentored Mo and Jo. */
export async function seedLocalCohort1(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'archive'), { recursive: true });
  const archive = await XlsxWorkbook.open(path.join(dir, 'archive', 'Cohort 1.xlsx'), {
    create: true,
  });
  const write = (spec: TabSpec, rows: Record<string, Cell>[]) =>
    archive.writeTab(spec, {
      header: [...spec.columns],
      rows: rows.map((r) => spec.columns.map((c) => r[c] ?? null)),
    });
  write(APPLICATIONS_TAB, [
    archivedPerson(ANN, 'Mentor', 'Ann Jones', {
      'Library service': 'Kent Libraries',
      Areas: 'Budgeting, Working with councillors',
      'Video link': 'https://youtu.be/ann-cohort-1',
    }),
    archivedPerson(MO, 'Mentee', 'Mo Patel'),
    archivedPerson('jo@york.gov.example', 'Mentee', 'Jo Reed'),
  ]);
  const archived = new Date('2027-02-01T10:00:00Z');
  write(MATCHES_TAB, [
    {
      Mentee: MO,
      'Mentee name': 'Mo Patel',
      Mentor: ANN,
      'Mentor name': 'Ann Jones',
      Status: 'Confirmed',
    },
    { Mentee: 'jo@york.gov.example', Mentor: ANN, 'Mentor name': 'Ann Jones', Status: 'Confirmed' },
  ]);
  write(ARCHIVE_MANIFEST_TAB, [
    { Tab: 'Applications', Rows: 3, Archived: archived, Cohort: 'Cohort 1' },
    { Tab: 'Matches', Rows: 2, Archived: archived, Cohort: 'Cohort 1' },
  ]);
  await archive.save();
}

/**
 * Cohort 2 beside that archive, built as staff build it on the CLI: Ann returns and asks for
 * her last profile; Mo returns and chooses Ann first again, Ben second. Returns each command's
 * output by name.
 */
export async function cohort2WithReturningPeople(dir: string): Promise<Record<string, string>> {
  await initScheme(dir);
  await seedLocalCohort1(dir);
  const outputs: Record<string, string> = {};
  const run = async (name: string, ...args: string[]) => {
    const result = await cli(dir, ...args);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.err}`);
    outputs[name] = result.out;
  };
  await run('cohort', 'settings', 'set', 'Cohort', 'Cohort 2');
  await importApplications(
    dir,
    [
      mentorRow({
        'Email address': ANN,
        'Use my profile from my last cohort for any answer I leave blank': REUSE_PROFILE_OPTION,
        'Areas where you can offer support': '',
        'Link to your 2-minute introduction video': '',
      }),
      mentorRow({
        'Email address': 'ben@hull.gov.example',
        'Full name': 'Ben Okoro',
        'Library service': 'Hull Libraries',
        Timestamp: '2027/05/14 10:22:00 am GMT+1',
      }),
    ],
    [
      menteeRow({
        'Email address': MO,
        'Full name': 'Mo Patel',
        'Library service': 'Leeds Libraries',
      }),
    ],
  );
  await run('review', 'review-applications');
  const choices = path.join(dir, 'choices.csv');
  fs.writeFileSync(
    choices,
    stringify([
      csvColumns(CHOICE_FORM),
      [
        '2027/07/14 1:00:00 pm GMT+1',
        MO,
        'Ann Jones — Kent Libraries',
        'Ben Okoro — Hull Libraries',
        '',
      ],
    ]),
  );
  await run('choices', 'import', '--form', 'choices', choices);
  await run('match', 'match');
  return outputs;
}
