import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import type { Cell, TabSpec } from '../../src/domain/table';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { tempDir } from '../support/temp';

/**
 * A tab no command has read is parsed only when one does (src/local/xlsx-deferred-tabs.ts): the
 * Log, the largest tab, is only added to by most commands. What staff rely on: whatever a command
 * does to such a tab (add rows, then read or change it, or nothing), the file ends up exactly as
 * it would have had the tab been read whole at the start.
 */
const APPLICATIONS: TabSpec = {
  name: 'Applications',
  columns: ['ID', 'Name', 'Status'],
  dropdowns: [{ column: 'Status', values: ['Applied', 'Accepted', 'Waitlisted'] }],
};
const LOG: TabSpec = {
  name: 'Log',
  columns: ['Time', 'Key', 'State', 'Detail'],
  dropdowns: [{ column: 'State', values: ['started', 'done', 'retry'] }],
};
const when = new Date('2026-05-14T09:21:03Z');
const record = (key: string): Cell[] => [when, key, 'done', `detail of ${key}`];

async function scheme(): Promise<string> {
  const file = path.join(tempDir(), 'scheme.xlsx');
  const made = XlsxWorkbook.create(file);
  made.writeTab(APPLICATIONS, {
    header: [...APPLICATIONS.columns],
    rows: Array.from({ length: 20 }, (_, i) => [`A${i + 1}`, `Person ${i + 1}`, 'Accepted']),
  });
  made.appendRows(
    LOG,
    Array.from({ length: 30 }, (_, i) => record(`mail:p${i}`)),
  );
  await made.save();
  return file;
}

const open = (file: string) => XlsxWorkbook.open(file, { create: false });
const keys = (workbook: XlsxWorkbook) => workbook.readTab('Log')!.rows.map((r) => r[1]);
const oldKeys = Array.from({ length: 30 }, (_, i) => `mail:p${i}`);

test('rows added to a tab no command read go below its own, which stay as they were', async () => {
  const file = await scheme();
  const workbook = await open(file);
  expect(workbook.notParsed).toEqual(['Applications', 'Log']);
  workbook.appendRows(LOG, [record('match:1')]);
  workbook.appendRows(LOG, [record('match:2'), record('match:3')]);
  expect(workbook.notParsed).toContain('Log');
  await workbook.save();
  expect(workbook.reusedOnSave).toContain('Log');
  // As Excel reads it: every old row, the new ones after, each cell whole, the dropdown kept.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const log = book.getWorksheet('Log')!;
  expect(log.rowCount).toBe(34);
  expect(log.getRow(1).values).toEqual([undefined, 'Time', 'Key', 'State', 'Detail']);
  expect(log.getCell('B31').value).toBe('mail:p29');
  expect(log.getCell('B34').value).toBe('match:3');
  expect(log.getCell('D34').value).toBe('detail of match:3');
  expect(log.getCell('C34').dataValidation?.formulae).toEqual(['"started,done,retry"']);
  const again = await open(file);
  expect(keys(again)).toEqual([...oldKeys, 'match:1', 'match:2', 'match:3']);
});

test('a tab read after rows were added to it shows its own rows, then the new ones, each once', async () => {
  const file = await scheme();
  const workbook = await open(file);
  workbook.appendRows(LOG, [record('match:1')]);
  expect(keys(workbook)).toEqual([...oldKeys, 'match:1']);
  expect(workbook.notParsed).not.toContain('Log');
  workbook.appendRows(LOG, [record('match:2')]);
  await workbook.save();
  expect(keys(await open(file))).toEqual([...oldKeys, 'match:1', 'match:2']);
});

test('a tab changed after rows were added to it keeps every row and the change', async () => {
  const file = await scheme();
  const workbook = await open(file);
  workbook.appendRows(LOG, [record('match:1')]);
  const log = workbook.readTab('Log')!;
  log.rows[4][2] = 'retry';
  workbook.writeTab(LOG, log);
  await workbook.save();
  expect(workbook.reusedOnSave).not.toContain('Log');
  const again = (await open(file)).readTab('Log')!;
  expect(again.rows.map((r) => r[1])).toEqual([...oldKeys, 'match:1']);
  expect(again.rows[4][2]).toBe('retry');
  expect(again.rows[30][0]).toEqual(when);
});

test('a tab parsed late keeps what the workbook says of it: its print area and dropdowns', async () => {
  const file = await scheme();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  book.getWorksheet('Applications')!.pageSetup.printArea = 'A1:C21';
  await book.xlsx.writeFile(file);
  const workbook = await open(file);
  const applications = workbook.readTab('Applications')!;
  applications.rows[0][2] = 'Waitlisted';
  workbook.writeTab(APPLICATIONS, applications);
  await workbook.save();
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(file);
  const sheet = after.getWorksheet('Applications')!;
  expect(sheet.pageSetup.printArea).toBe('A1:C21');
  expect(sheet.getCell('C2').value).toBe('Waitlisted');
  expect(sheet.getCell('C21').value).toBe('Accepted');
  expect(sheet.getCell('C500').dataValidation?.formulae).toEqual(['"Applied,Accepted,Waitlisted"']);
});

test('a damaged tab read late is one plain sentence, and the file is left as it was', async () => {
  const file = await scheme();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(n),
  )) {
    const xml = await zip.file(name)!.async('string');
    // A row of the Log cut short, as a failed copy might leave it.
    if (xml.includes('<row r="31"'))
      zip.file(name, xml.replace(/(<row r="20"[^>]*>)[\s\S]*?<\/row>/, '$1<c r="A20"'));
  }
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const before = fs.readFileSync(file);
  const workbook = await open(file);
  let error: unknown;
  try {
    workbook.readTab('Log');
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ name: 'UserError' });
  expect((error as Error).message).toMatch(
    /^The "Log" tab of .*scheme\.xlsx is damaged and cannot be read: restore a good copy/,
  );
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

test('a text too long for Excel, in a tab no command read, keeps its whole copy beside the workbook', async () => {
  const file = path.join(tempDir(), 'scheme.xlsx');
  const long = `${'Why I would like a mentor. '.repeat(1500)}The end.`;
  const made = XlsxWorkbook.create(file);
  made.writeTab(APPLICATIONS, {
    header: [...APPLICATIONS.columns, 'Answer'],
    rows: [
      ['A1', 'Person 1', 'Accepted', long],
      ['A2', 'Person 2', 'Accepted', 'short'],
    ],
  });
  await made.save();
  const workbook = await open(file);
  workbook.appendRows(LOG, [record('match:1')]);
  expect(workbook.notParsed).toContain('Applications');
  await workbook.save();
  expect((await open(file)).readTab('Applications')!.rows[0][3]).toBe(long);
});
