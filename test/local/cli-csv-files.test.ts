import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { csvColumns, MENTOR_FORM } from '../../src/domain/forms';
import { cli, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

/** The CSV files staff really have: Excel's encodings and separators, columns given twice. */
describe('importing the CSV files staff have', () => {
  let dir: string;
  let workbook: string;
  beforeEach(async () => {
    dir = tempDir();
    workbook = path.join(dir, 'scheme.xlsx');
    expect((await cli(dir, 'init')).code).toBe(0);
  });

  const mentors = [
    mentorRow(),
    mentorRow({ 'Email address': 'bo.li@leeds.gov.example', 'Full name': 'Bo Li' }),
    mentorRow({ 'Email address': 'cy.ray@york.gov.example', 'Full name': 'Cy Ray' }),
  ];
  const csvText = (columns: string[], rows: Record<string, string>[], extra?: string) =>
    stringify([
      extra ? [...columns, extra] : columns,
      ...rows.map((r) => [...columns.map((c) => r[c] ?? ''), ...(extra ? [r[extra] ?? ''] : [])]),
    ]);

  async function names(): Promise<string[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('Name');
    const out: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) out.push(String(row.getCell(col).value));
    });
    return out;
  }

  it.each([['Email address'], ['Full name'], ['  email ADDRESS ']])(
    'refuses a column given twice ("%s"), writing nothing',
    async (twice) => {
      const before = fs.readFileSync(workbook);
      const columns = csvColumns(MENTOR_FORM);
      const rows = mentors.map((r, i) => ({ ...r, [twice]: `dup${i}@x.example` }));
      const file = path.join(dir, 'twice.csv');
      fs.writeFileSync(file, csvText(columns, rows, twice));
      const result = await cli(dir, 'import', '--form', 'mentor', file);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(new RegExp(`has the column "${twice.trim()}" twice`));
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(fs.readFileSync(workbook).equals(before)).toBe(true);
    },
  );

  it('reads Excel\'s "CSV (Comma delimited)" (Windows-1252) without replacement characters', async () => {
    const rows = [
      mentorRow({ 'Full name': 'Zoë Brontë', 'Library service': 'Bibliothèque € Café' }),
    ];
    const file = path.join(dir, 'excel.csv');
    fs.writeFileSync(file, iconv.encode(csvText(csvColumns(MENTOR_FORM), rows), 'win1252'));
    expect(fs.readFileSync(file).includes(Buffer.from('ë', 'utf8'))).toBe(false);
    const result = await cli(dir, 'import', '--form', 'mentor', file);
    expect(result.code).toBe(0);
    expect(await names()).toEqual(['Zoë Brontë']);
    expect(fs.readFileSync(workbook).includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
  });

  it.each([
    ['semicolons', (t: string) => Buffer.from(t.replace(/,/g, ';')), /separated by semicolons/],
    ['tabs', (t: string) => Buffer.from(t.replace(/,/g, '\t')), /separated by tabs/],
    [
      'UTF-16 with a BOM',
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf16le')]),
      /UTF-16/,
    ],
    ['UTF-16 without a BOM', (t: string) => iconv.encode(t, 'utf16le'), /UTF-16/],
  ])('names the problem with a file using %s', async (_, encode, message) => {
    const before = fs.readFileSync(workbook);
    const columns = csvColumns(MENTOR_FORM).map((c) => c.replace(/,/g, ''));
    const plain = stringify([
      columns,
      ...[mentorRow()].map((r) => columns.map((c) => (r[c] ?? '').replace(/,/g, ''))),
    ]);
    const file = path.join(dir, 'other.csv');
    fs.writeFileSync(file, encode(plain));
    const result = await cli(dir, 'import', '--form', 'mentor', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/Timestamp/);
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);
  });
});
