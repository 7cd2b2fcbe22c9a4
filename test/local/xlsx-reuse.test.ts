import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import type { Cell, TabSpec } from '../../src/domain/table';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { tempDir } from '../support/temp';

/**
 * A save writes the tabs a command did not change from the XML they were read from
 * (src/local/xlsx-reuse.ts). What staff rely on: such a tab is exactly as it was (text, numbers,
 * dates, their own formatting, widths, dropdowns, the frozen header), rows the tool appended come
 * after the old ones, and text no cell holds any more is gone from the file.
 */
const APPLICATIONS: TabSpec = {
  name: 'Applications',
  columns: ['ID', 'Name', 'Email', 'Capacity', 'Submitted', 'Status'],
  dropdowns: [{ column: 'Status', values: ['Applied', 'Accepted', 'Waitlisted'] }],
};
const MATCHES: TabSpec = { name: 'Matches', columns: ['Mentee', 'Mentor', 'Why', 'Status'] };
const LOG: TabSpec = { name: 'Log', columns: ['Time', 'Key', 'Detail'] };
const when = new Date('2026-05-14T09:21:03Z');

const applicant = (i: number): Cell[] => [
  `A${i}`,
  i === 3 ? 'Siân O’Brien & <Ngũ> "Jo" 🌱' : `Person ${i}`,
  `p${i}@council.gov.uk`,
  (i % 3) + 1,
  new Date(when.getTime() + i * 60_000),
  'Accepted',
];

/** A workbook the tool made, which staff then formatted in Excel (here: exceljs as Excel). */
async function scheme(dir: string): Promise<string> {
  const file = path.join(dir, 'scheme.xlsx');
  const made = XlsxWorkbook.create(file);
  made.writeTab(APPLICATIONS, {
    header: [...APPLICATIONS.columns],
    rows: Array.from({ length: 40 }, (_, i) => applicant(i + 1)),
  });
  made.writeTab(MATCHES, {
    header: [...MATCHES.columns],
    rows: [
      ['p1@council.gov.uk', 'p2@council.gov.uk', 'Only here: unique reason 7f3a', 'Proposed'],
      ['p3@council.gov.uk', 'p4@council.gov.uk', '1st choice', 'Confirmed'],
    ],
  });
  made.appendRows(
    LOG,
    Array.from({ length: 30 }, (_, i) => [when, `mail:p${i}`, `detail ${i}`]),
  );
  await made.save();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('Applications')!;
  sheet.getCell('B2').font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  sheet.getCell('D4').numFmt = '0.00';
  sheet.getCell('G5').value = {
    richText: [{ text: 'Staff ', font: { italic: true } }, { text: 'note' }],
  };
  sheet.getRow(6).font = { italic: true };
  sheet.getColumn(7).width = 33;
  const notes = book.addWorksheet('Notes');
  notes.getCell('A1').value = { text: 'Handbook', hyperlink: 'https://example.org/handbook' };
  await book.xlsx.writeFile(file);
  return file;
}

interface Dumped {
  cells: Record<string, unknown>;
  rows: Record<number, unknown>;
  widths: (number | undefined)[];
  views: unknown;
  validations: unknown;
}

/** Everything of a tab staff can see, as exceljs (as Excel) reads it. */
function dump(sheet: ExcelJS.Worksheet): Dumped {
  const cells: Record<string, unknown> = {};
  const rows: Record<number, unknown> = {};
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const style = (row as unknown as { style: object }).style;
    if (Object.keys(style).length) rows[r] = style;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells[cell.address] = { value: cell.value, type: cell.type, style: cell.style };
    });
  });
  const widths: (number | undefined)[] = [];
  for (let c = 1; c <= 8; c += 1) widths.push(sheet.getColumn(c).width);
  return {
    cells,
    rows,
    widths,
    views: sheet.views,
    validations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations
      .model,
  };
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

async function sharedStrings(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return zip.file('xl/sharedStrings.xml')!.async('string');
}

test('a tab the command did not change is saved exactly as it was, formatting and all', async () => {
  const file = await scheme(tempDir());
  // The first save repairs the dropdown ranges exceljs (as Excel) split, so it renders that tab.
  const first = await XlsxWorkbook.open(file, { create: false });
  first.appendRows(LOG, [[when, 'mail:first', 'first save']]);
  await first.save();
  expect(first.reusedOnSave).not.toContain('Applications');
  const before = await read(file);
  const workbook = await XlsxWorkbook.open(file, { create: false });
  const matches = workbook.readTab('Matches')!;
  matches.rows[0][2] = 'Reason rewritten';
  workbook.writeTab(MATCHES, matches);
  workbook.appendRows(LOG, [[when, 'mail:new', 'the new row']]);
  await workbook.save();

  // Applications and the Log were written from their own XML; Matches was changed and the
  // staff's tab with a link points outside itself, so exceljs rendered both.
  expect(workbook.reusedOnSave).toEqual(expect.arrayContaining(['Applications', 'Log']));
  expect(workbook.reusedOnSave).not.toContain('Matches');
  expect(workbook.reusedOnSave).not.toContain('Notes');

  const after = await read(file);
  expect(dump(after.getWorksheet('Applications')!)).toEqual(
    dump(before.getWorksheet('Applications')!),
  );
  expect(after.getWorksheet('Applications')!.getCell('B2').font).toMatchObject({ bold: true });
  expect(after.getWorksheet('Notes')!.getCell('A1').value).toEqual({
    text: 'Handbook',
    hyperlink: 'https://example.org/handbook',
  });
  // The Log: its 31 rows as they were, then the new one.
  const log = after.getWorksheet('Log')!;
  const beforeLog = dump(before.getWorksheet('Log')!).cells;
  const afterLog = dump(log).cells;
  for (const [address, cell] of Object.entries(beforeLog)) expect(afterLog[address]).toEqual(cell);
  expect(log.rowCount).toBe(33);
  expect(log.dimensions).toMatchObject({ top: 1, bottom: 33, left: 1, right: 3 });

  // The tool reads it all back as it was.
  const again = await XlsxWorkbook.open(file, { create: false });
  const applications = again.readTab('Applications')!;
  // The staff's own column (G, their note in row 5) comes through too.
  expect(applications.rows.slice(0, 3)).toEqual([1, 2, 3].map((i) => [...applicant(i), null]));
  expect(applications.rows[3][6]).toBe('Staff note');
  expect(again.readTab('Matches')!.rows[0][2]).toBe('Reason rewritten');
  expect(again.readTab('Log')!.rows.at(-1)).toEqual([when, 'mail:new', 'the new row']);

  // The text no cell holds any more is not left in the file.
  const strings = await sharedStrings(file);
  expect(strings).not.toContain('unique reason 7f3a');
  expect(strings).toContain('Siân O’Brien &amp; &lt;Ngũ&gt;');
  const unique = Number(/uniqueCount="(\d+)"/.exec(strings)![1]);
  expect(strings.match(/<si>/g)).toHaveLength(unique);
});

test('rows appended over several saves come in order after the old ones', async () => {
  const file = await scheme(tempDir());
  for (let run = 0; run < 3; run += 1) {
    const workbook = await XlsxWorkbook.open(file, { create: false });
    workbook.appendRows(LOG, [
      [when, `run:${run}:a`, 'first'],
      [when, `run:${run}:b`, 'second'],
    ]);
    await workbook.save();
    expect(workbook.reusedOnSave).toContain('Log');
  }
  const log = (await XlsxWorkbook.open(file, { create: false })).readTab('Log')!;
  expect(log.rows).toHaveLength(36);
  expect(log.rows.slice(30).map((r) => r[1])).toEqual([
    'run:0:a',
    'run:0:b',
    'run:1:a',
    'run:1:b',
    'run:2:a',
    'run:2:b',
  ]);
  expect(log.rows[29][1]).toBe('mail:p29');
  // The size the tab declares (which some programs trust) has grown with it.
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const declared = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map(async (n) => /<dimension ref="([^"]+)"/.exec(await zip.file(n)!.async('string'))?.[1]),
  );
  expect(declared).toContain('A1:C37');
});

test('a Log with blank rows left at its foot is rendered whole, its new row under the last', async () => {
  const file = await scheme(tempDir());
  const book = await read(file);
  // Staff (or a clean-up) left formatted blank rows under the last record.
  book.getWorksheet('Log')!.getCell('B40').font = { bold: true };
  await book.xlsx.writeFile(file);
  const workbook = await XlsxWorkbook.open(file, { create: false });
  workbook.appendRows(LOG, [[when, 'mail:after-blanks', 'x']]);
  await workbook.save();
  expect(workbook.reusedOnSave).not.toContain('Log');
  const log = (await XlsxWorkbook.open(file, { create: false })).readTab('Log')!;
  expect(log.rows[30][1]).toBe('mail:after-blanks');
});

/**
 * The scheme after one save by the tool (which repairs the dropdown ranges exceljs split), with
 * the XML of the tab holding `cell` changed by `edit`: a file another program wrote.
 */
async function editedXml(cell: string, edit: (xml: string) => string): Promise<string> {
  const file = await scheme(tempDir());
  const first = await XlsxWorkbook.open(file, { create: false });
  first.appendRows(LOG, [[when, 'mail:first', 'first save']]);
  await first.save();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(n),
  )) {
    const xml = await zip.file(name)!.async('string');
    if (xml.includes(`<c r="${cell}"`)) zip.file(name, edit(xml));
  }
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

test('a damaged tab (a format the file does not have) is rendered by exceljs, and the file still opens', async () => {
  // The last applicant's Status now has a format past the end of the file's formats.
  const file = await editedXml('F41', (xml) => xml.replace(/<c r="F41"/, '<c r="F41" s="999"'));
  const workbook = await XlsxWorkbook.open(file, { create: false });
  workbook.appendRows(LOG, [[when, 'mail:after-damage', 'x']]);
  await workbook.save();
  expect(workbook.reusedOnSave).toEqual([]);
  const again = await XlsxWorkbook.open(file, { create: false });
  expect(again.readTab('Applications')!.rows[39][0]).toBe('A40');
  expect(again.readTab('Log')!.rows[31][1]).toBe('mail:after-damage');
});

test('a tab written with space between a cell and its value is rendered by exceljs, its text intact', async () => {
  // As a program that indents its XML might write the applicant in row 3.
  const file = await editedXml('B4', (xml) =>
    xml.replace(/(<c r="B4"[^>]*t="s"[^>]*>)(<v>)/, '$1\n  $2'),
  );
  const workbook = await XlsxWorkbook.open(file, { create: false });
  workbook.appendRows(LOG, [[when, 'mail:after-indent', 'x']]);
  await workbook.save();
  expect(workbook.reusedOnSave).toEqual([]);
  const again = await XlsxWorkbook.open(file, { create: false });
  expect(again.readTab('Applications')!.rows[2][1]).toBe(applicant(3)[1]);
});
