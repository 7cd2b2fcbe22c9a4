/**
 * Returning people end to end on the CLI: an archived cohort beside the workbook
 * (archive/Cohort 1.xlsx, as archive-cohort writes it), then the next cohort's import, review
 * and matching show who took part before and never pair an earlier pair again.
 *
 * The local archive back end (src/local/local-archives.ts) comes with archive-cohort: until it
 * is in this tree, the CLI has no archives to read and this file waits for it.
 */
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
import { APPLICATIONS_TAB, ARCHIVE_MANIFEST_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

const hasLocalArchives = fs.existsSync(path.join(__dirname, '../../src/local/local-archives.ts'));

const ANN = 'ann.jones@kent.gov.example';
const MO = 'mo.patel@leeds.gov.example';

/** archive/Cohort 1.xlsx: Ann mentored Mo and Jo. */
async function seedCohort1(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'archive'));
  const archive = await XlsxWorkbook.open(path.join(dir, 'archive', 'Cohort 1.xlsx'), {
    create: true,
  });
  const write = (spec: TabSpec, rows: Record<string, Cell>[]) =>
    archive.writeTab(spec, {
      header: [...spec.columns],
      rows: rows.map((r) => spec.columns.map((c) => r[c] ?? null)),
    });
  const person = (email: string, role: string, name: string, over: Record<string, Cell> = {}) => ({
    Role: role,
    Name: name,
    Email: email,
    Status: 'Accepted',
    Consent: 'I agree',
    'Consent version': CONSENT_VERSION,
    ...over,
  });
  write(APPLICATIONS_TAB, [
    person(ANN, 'Mentor', 'Ann Jones', {
      'Library service': 'Kent Libraries',
      Areas: 'Budgeting, Working with councillors',
      'Video link': 'https://youtu.be/ann-cohort-1',
    }),
    person(MO, 'Mentee', 'Mo Patel'),
    person('jo@york.gov.example', 'Mentee', 'Jo Reed'),
  ]);
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
    {
      Tab: 'Applications',
      Rows: 3,
      Archived: new Date('2027-02-01T10:00:00Z'),
      Cohort: 'Cohort 1',
    },
    { Tab: 'Matches', Rows: 2, Archived: new Date('2027-02-01T10:00:00Z'), Cohort: 'Cohort 1' },
  ]);
  await archive.save();
}

(hasLocalArchives ? describe : describe.skip)('returning people on the CLI', () => {
  it('the review shows who took part before, and matching does not pair them again', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await cli(dir, 'settings', 'set', 'Cohort', 'Cohort 2');
    await seedCohort1(dir);
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
    const review = await cli(dir, 'review-applications');
    expect(review.code).toBe(0);
    expect(review.out).toContain(
      '2 applicants took part before (see the Taken part before column).',
    );

    const workbook = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
    const tab = workbook.readTab('Applications');
    const rows = (tab?.rows ?? []).map((r) =>
      Object.fromEntries((tab?.header ?? []).map((h, i) => [h, r[i]])),
    );
    const ann = rows.find((r) => r.Email === ANN);
    expect(ann).toMatchObject({
      'Taken part before': 'mentor in Cohort 1 (2 mentees)',
      'Video link': 'https://youtu.be/ann-cohort-1',
      'Profile carried over': 'Areas and Video link from Cohort 1, as they asked.',
      Status: 'Accepted',
    });

    const choices = [
      [
        '2027/07/14 1:00:00 pm GMT+1',
        MO,
        'Ann Jones — Kent Libraries',
        'Ben Okoro — Hull Libraries',
        '',
      ],
    ];
    fs.writeFileSync(
      path.join(dir, 'choices.csv'),
      stringify([csvColumns(CHOICE_FORM), ...choices]),
    );
    expect(
      (await cli(dir, 'import', '--form', 'choices', path.join(dir, 'choices.csv'))).code,
    ).toBe(0);
    const match = await cli(dir, 'match');
    expect(match.code).toBe(0);
    const report = await cli(dir, 'match-report');
    expect(report.out).toContain(
      'Mo Patel [mentee in Cohort 1 (mentor: Ann Jones)] → Ben Okoro: 2nd choice (1st choice Ann Jones was paired with them in Cohort 1: not paired again unless you Lock them)',
    );
  });
});
