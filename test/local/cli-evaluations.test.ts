import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import { loadTable, saveTable } from '../../src/core/workbook';
import {
  CONTINUATION_FORM,
  csvColumns,
  EVALUATION_FORM,
  FormDefinition,
} from '../../src/domain/forms';
import { MATCHES_TAB } from '../../src/domain/tabs';
import { LocalSession } from '../../src/local/session';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

/**
 * Evaluation and continuation answers (pseudonymous forms: the link pre-fills the codes) that do
 * not fit the form or the scheme are kept, each with a Problems sentence, when staff import a CSV.
 */
describe('evaluation and continuation responses with invalid values', () => {
  async function tab(dir: string, name: string): Promise<Record<string, unknown>[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'scheme.xlsx'));
    const sheet = book.getWorksheet(name) as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows.push(
          Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])),
        );
    });
    return rows;
  }
  /** A CSV in the form's own columns (Google's download), keyed by question field. */
  const csv = (dir: string, form: FormDefinition, rows: Record<string, string>[]) => {
    const columns = csvColumns(form);
    const title = new Map(form.questions.map((q) => [q.field, q.title]));
    const file = path.join(dir, `${form.id}.csv`);
    const cells = rows.map((r) => {
      const byTitle = Object.fromEntries(
        Object.entries(r).map(([field, v]) => [title.get(field) ?? field, v]),
      );
      return columns.map((c) => byTitle[c] ?? '');
    });
    fs.writeFileSync(file, stringify([columns, ...cells]));
    return file;
  };
  // The codes the pair's links carry (kept in Matches once given).
  const MENTEE = 'P-SIAN0001';
  const MENTOR = 'P-ANNJ0001';
  const PAIR = 'PR-PAIR0001';

  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, [mentorRow()], [menteeRow()]);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    // Ann mentors Siân: a confirmed pair, with the codes their questionnaire links carry.
    const paths = { workbook: path.join(dir, 'scheme.xlsx'), out: path.join(dir, 'out') };
    const session = await LocalSession.open(paths);
    try {
      const matches = loadTable(session.ports.workbook, MATCHES_TAB);
      matches.append({
        Mentee: 'siân.llywelyn@cardiff.gov.example',
        'Mentee name': 'Siân Llywelyn',
        Mentor: 'ann.jones@kent.gov.example',
        'Mentor name': 'Ann Jones',
        Status: 'Confirmed',
        'Mentee code': MENTEE,
        'Mentor code': MENTOR,
        'Pair code': PAIR,
      });
      saveTable(session.ports.workbook, matches);
      await session.commit();
    } finally {
      await session.release();
    }
  });

  it('evaluations: a rating of 7 or "x", and a participant code of nobody in a pair', async () => {
    const result = await cli(
      dir,
      'import',
      '--form',
      'evaluation',
      csv(dir, EVALUATION_FORM, [
        {
          Timestamp: '2026/10/01 10:00:00 am GMT+1',
          participant: MENTEE,
          round: 'Mid-point',
          leadership: '4',
          confidence: '5',
        },
        {
          Timestamp: '2026/10/01 11:00:00 am GMT+1',
          participant: MENTOR,
          round: 'Mid-point',
          leadership: '7',
          confidence: 'x',
        },
        {
          Timestamp: '2026/10/01 12:00:00 pm GMT+1',
          participant: 'P-NOBODY00',
          round: 'Mid-point',
          leadership: '3',
        },
      ]),
    );
    expect([result.code, result.err]).toEqual([0, '']);
    expect(result.out).toMatch(/3 responses to "Peer mentoring: how is it going\?": 3 new/);
    expect(result.out).toMatch(
      /2 responses with problems: see the Problems column of the Evaluations tab/,
    );
    const rows = await tab(dir, 'Evaluations');
    expect(rows).toHaveLength(3);
    const byCode = (code: string) => rows.find((r) => r['Participant code'] === code)!;
    expect(byCode(MENTEE).Problems).toBeNull();
    expect(byCode(MENTEE)['Leadership skills']).toBe(4);
    const mentor = byCode(MENTOR);
    expect(String(mentor.Problems)).toMatch(
      /"Leadership skills" must be a rating from 1 to 5 \(it is "7"\)/,
    );
    expect(String(mentor.Problems)).toMatch(
      /"Confidence and courage" must be a rating from 1 to 5 \(it is "x"\)/,
    );
    // The value is kept as given, for staff to see; it is left out of the figures.
    expect(mentor['Leadership skills']).toBe('7');
    expect(mentor.Role).toBe('Mentor');
    expect(String(byCode('P-NOBODY00').Problems)).toMatch(
      /The participant code "P-NOBODY00" belongs to nobody in a pair/,
    );
  });

  it('continuation: "Maybe", and a pair code of no active pair', async () => {
    const result = await cli(
      dir,
      'import',
      '--form',
      'continuation',
      csv(dir, CONTINUATION_FORM, [
        {
          Timestamp: '2026/12/01 10:00:00 am GMT',
          pair: PAIR,
          participant: MENTEE,
          continue: 'Maybe',
        },
        {
          Timestamp: '2026/12/01 11:00:00 am GMT',
          pair: PAIR,
          participant: MENTOR,
          continue: 'yes',
        },
        {
          Timestamp: '2026/12/01 12:00:00 pm GMT',
          pair: 'PR-NOPAIR00',
          participant: MENTOR,
          continue: 'No',
        },
      ]),
    );
    expect([result.code, result.err]).toEqual([0, '']);
    expect(result.out).toMatch(
      /2 responses with problems: see the Problems column of the Continuation tab/,
    );
    const rows = await tab(dir, 'Continuation');
    expect(rows).toHaveLength(3);
    const row = (pair: string, code: string) =>
      rows.find((r) => r['Pair code'] === pair && r['Participant code'] === code)!;
    expect(String(row(PAIR, MENTEE).Problems)).toMatch(
      /must be Yes, No, Not sure yet \(it is "Maybe"\), so it counts as no answer/,
    );
    expect(row(PAIR, MENTEE)['Carry on?']).toBe('Maybe');
    expect(row(PAIR, MENTOR).Problems).toBeNull();
    expect(row(PAIR, MENTOR)['Carry on?']).toBe('Yes');
    expect(String(row('PR-NOPAIR00', MENTOR).Problems)).toMatch(
      /The pair code "PR-NOPAIR00" belongs to no active pair/,
    );
  });
});
