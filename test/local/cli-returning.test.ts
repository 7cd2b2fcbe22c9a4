/**
 * Returning people end to end on the CLI: an archived cohort beside the workbook
 * (archive/Cohort 1.xlsx, as archive-cohort writes it), then the next cohort's import, review
 * and matching show who took part before and never pair an earlier pair again.
 *
 * The local archive back end (src/local/local-archives.ts) comes with archive-cohort: until it
 * is in this tree, the CLI has no archives to read and this file waits for it.
 */
import path from 'node:path';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { ANN, cohort2WithReturningPeople, hasLocalArchives, MO } from '../support/archives';
import { cli } from '../support/cli';
import { tempDir } from '../support/temp';

(hasLocalArchives ? describe : describe.skip)('returning people on the CLI', () => {
  it('the review shows who took part before, and matching does not pair them again', async () => {
    const dir = tempDir();
    const out = await cohort2WithReturningPeople(dir);
    expect(out.review).toContain(
      '2 applicants took part before (see the Taken part before column).',
    );

    const workbook = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
    const tab = workbook.readTab('Applications');
    const rows = (tab?.rows ?? []).map((r) =>
      Object.fromEntries((tab?.header ?? []).map((h, i) => [h, r[i]])),
    );
    expect(rows.find((r) => r.Email === ANN)).toMatchObject({
      'Taken part before': 'mentor in Cohort 1 (2 mentees)',
      Areas: 'Budgeting, Working with councillors',
      'Video link': 'https://youtu.be/ann-cohort-1',
      'Profile carried over': 'Areas and Video link from Cohort 1, as they asked.',
      Status: 'Accepted',
    });
    expect(rows.find((r) => r.Email === MO)?.['Taken part before']).toBe(
      'mentee in Cohort 1 (mentor: Ann Jones)',
    );

    expect(out.match).toContain(
      'A pair from an earlier cohort is not made again unless you Lock it: Mo Patel and Ann Jones (Cohort 1).',
    );
    const report = await cli(dir, 'match-report');
    expect(report.out).toContain(
      'Mo Patel [mentee in Cohort 1 (mentor: Ann Jones)] → Ben Okoro: 2nd choice (1st choice Ann Jones was paired with them in Cohort 1: not paired again unless you Lock them)',
    );
    // Staff Lock them: the pair is made again, and the Why says they were paired before.
    expect((await cli(dir, 'lock-pair', MO, ANN)).code).toBe(0);
    await cli(dir, 'match');
    const locked = await cli(dir, 'match-report');
    expect(locked.out).toContain(
      'Mo Patel [mentee in Cohort 1 (mentor: Ann Jones)] → Ann Jones [mentor in Cohort 1 (2 mentees)]: Kept by staff in the review; paired before in Cohort 1',
    );
  });
});
