import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import {
  CONTINUATION_FORM,
  csvColumns,
  EVALUATION_FORM,
  FormDefinition,
} from '../../src/domain/forms';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

/** Evaluation and continuation answers that do not fit the form are kept, with a Problems sentence. */
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
  const csv = (dir: string, form: FormDefinition, rows: Record<string, string>[]) => {
    const columns = csvColumns(form);
    const file = path.join(dir, `${form.id}.csv`);
    fs.writeFileSync(
      file,
      stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]),
    );
    return file;
  };
  const mentee = 'siân.llywelyn@cardiff.gov.example';
  const [role, leadership, confidence] = EVALUATION_FORM.questions.map((q) => q.title);

  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, [mentorRow()], [menteeRow()]);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
  });

  it('evaluations: a rating of 7 or "x", and someone not in the scheme', async () => {
    const result = await cli(
      dir,
      'import',
      '--form',
      'evaluation',
      csv(dir, EVALUATION_FORM, [
        {
          Timestamp: '2026/10/01 10:00:00 am GMT+1',
          'Email address': mentee,
          [role]: 'Mentee',
          [leadership]: '4',
          [confidence]: '5',
        },
        {
          Timestamp: '2026/10/01 11:00:00 am GMT+1',
          'Email address': mentee,
          [role]: 'Mentee',
          [leadership]: '7',
          [confidence]: 'x',
        },
        {
          Timestamp: '2026/10/01 12:00:00 pm GMT+1',
          'Email address': 'nobody@else.example',
          [role]: 'Mentor',
          [leadership]: '3',
        },
      ]),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/3 evaluations recorded/);
    expect(result.out).toMatch(
      /2 evaluations with problems \(see the Problems column of the Evaluations tab\)/,
    );
    const rows = await tab(dir, 'Evaluations');
    expect(rows).toHaveLength(3);
    expect(rows[0].Problems).toBeNull();
    expect(String(rows[1].Problems)).toMatch(/must be a whole number from 1 to 5 \(it is "7"\)/);
    expect(String(rows[1].Problems)).toMatch(/\(it is "x"\)/);
    expect(rows[1]['Leadership skills']).toBe('7');
    expect(String(rows[2].Problems)).toMatch(
      /nobody@else\.example is not the e-mail address of anyone in the scheme/,
    );
  });

  it('continuation: "Maybe", and someone not in the scheme', async () => {
    const [carryOn] = CONTINUATION_FORM.questions.map((q) => q.title);
    const result = await cli(
      dir,
      'import',
      '--form',
      'continuation',
      csv(dir, CONTINUATION_FORM, [
        { Timestamp: '2026/12/01 10:00:00 am GMT', 'Email address': mentee, [carryOn]: 'Maybe' },
        {
          Timestamp: '2026/12/01 11:00:00 am GMT',
          'Email address': 'ann.jones@kent.gov.example',
          [carryOn]: 'yes',
        },
        {
          Timestamp: '2026/12/01 12:00:00 pm GMT',
          'Email address': 'nobody@else.example',
          [carryOn]: 'No',
        },
      ]),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /2 responses with problems \(see the Problems column of the Continuation tab\)/,
    );
    const rows = await tab(dir, 'Continuation');
    expect(rows).toHaveLength(3);
    const problems = (email: string) => rows.find((r) => r.Email === email)?.Problems;
    expect(String(problems(mentee))).toMatch(
      /must be "Yes", "No" or "Not sure yet" \(it is "Maybe"\)/,
    );
    expect(problems('ann.jones@kent.gov.example')).toBeNull();
    expect(String(problems('nobody@else.example'))).toMatch(
      /not the e-mail address of anyone in the scheme/,
    );
  });
});
