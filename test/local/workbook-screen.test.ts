import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { SETTING_DEFS } from '../../src/domain/settings';
import { main } from '../../src/local/cli';
import { DROPDOWN_ROWS } from '../../src/local/xlsx-workbook';
import { cli, importApplications, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

/**
 * The workbook as staff see it in Excel or LibreOffice. openpyxl is not installed on this
 * machine (and PyPI is out of reach), so the file is checked the two ways it can be here:
 * read back with exceljs, and the sheet XML inside the .xlsx (a zip) inspected directly.
 */

interface Area {
  sheet: string;
  sqref: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function areas(sheet: string, sqref: string): Area[] {
  return sqref.split(/\s+/).map((part) => {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(part);
    if (!m) throw new Error(`Unexpected sqref ${part}`);
    return {
      sheet,
      sqref: part,
      left: columnNumber(m[1]),
      top: Number(m[2]),
      right: columnNumber(m[3] ?? m[1]),
      bottom: Number(m[4] ?? m[2]),
    };
  });
}

/** Every data validation of every sheet, straight from the XML. */
async function validations(file: string): Promise<Map<string, Area[]>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const bySheet = new Map<string, Area[]>();
  for (const name of Object.keys(zip.files).filter((f) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(f),
  )) {
    const xml = await zip.file(name)!.async('string');
    const found = [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) =>
      areas(name, m[1]),
    );
    bySheet.set(name, found);
  }
  return bySheet;
}

function overlaps(list: Area[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < list.length; i += 1)
    for (let j = i + 1; j < list.length; j += 1) {
      const a = list[i];
      const b = list[j];
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom)
        found.push(`${a.sheet}: ${a.sqref} overlaps ${b.sqref}`);
    }
  return found;
}

async function makeScheme(dir: string): Promise<string> {
  expect((await cli(dir, 'init')).code).toBe(0);
  await importApplications(dir, [mentorRow()], [menteeRow()]);
  // Several saves of the same workbook: each reads the validations back and writes them again.
  for (const args of [['review-applications'], ['match'], ['settings', 'set', 'Cohort', '2026']])
    expect((await cli(dir, ...args)).code).toBe(0);
  return path.join(dir, 'scheme.xlsx');
}

describe('the workbook as the staff screen', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = tempDir();
    file = await makeScheme(dir);
  });

  test('no two data validations overlap, and every dropdown reaches 10,000 rows', async () => {
    const all = await validations(file);
    const list = [...all.values()].flat();
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect([...all.values()].flatMap(overlaps)).toEqual([]);
    for (const area of list) {
      expect(area.top).toBe(2);
      expect(area.bottom).toBeGreaterThanOrEqual(DROPDOWN_ROWS);
      expect(DROPDOWN_ROWS).toBeGreaterThanOrEqual(10_000);
    }
  });

  test('numeric settings are numbers, dates are dates, every Settings row says what it is for', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const settings = book.getWorksheet('Settings')!;
    const values = new Map<string, ExcelJS.Row>();
    settings.eachRow((row, r) => {
      if (r > 1) values.set(String(row.getCell(1).value), row);
    });
    for (const label of [
      'Mentor places',
      'Mentee places',
      'Default mentor capacity',
      'Daily email limit',
    ]) {
      expect(typeof values.get(label)?.getCell(2).value).toBe('number');
    }
    for (const d of SETTING_DEFS) {
      const note = String(values.get(d.label)?.getCell(3).value ?? '');
      expect(note.length).toBeGreaterThan(20);
    }

    const applications = book.getWorksheet('Applications')!;
    const header = applications.getRow(1).values as unknown[];
    const submitted = applications.getRow(2).getCell(header.indexOf('Submitted'));
    expect(submitted.value).toBeInstanceOf(Date);
    expect(submitted.numFmt).toMatch(/yyyy/);
  });

  test('every column the tool owns has a width that fits its header (Settings names in full)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    for (const sheet of book.worksheets) {
      sheet.getRow(1).eachCell((cell, c) => {
        const width = sheet.getColumn(c).width;
        expect({ sheet: sheet.name, column: cell.value, set: width !== undefined }).toEqual({
          sheet: sheet.name,
          column: cell.value,
          set: true,
        });
        expect(width).toBeGreaterThanOrEqual(String(cell.value).length);
      });
    }
    const longest = Math.max(...SETTING_DEFS.map((d) => d.label.length));
    expect(book.getWorksheet('Settings')!.getColumn(1).width).toBeGreaterThanOrEqual(longest);
    // The XML carries them too: what Excel and LibreOffice read.
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<cols><col [^>]*width="\d+(\.\d+)?"[^>]*customWidth="1"/);
  });

  test("validations staff added themselves stay through the tool's saves, whatever their shape", async () => {
    const own = tempDir();
    const ownFile = await makeScheme(own);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(ownFile);
    const model = (
      book.getWorksheet('Applications') as unknown as {
        dataValidations: { model: Record<string, unknown> };
      }
    ).dataValidations.model;
    const yesNo = { type: 'list', allowBlank: true, formulae: ['"Yes,No"'] };
    const whole = { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 9] };
    model['Y2:Z50'] = yesNo; // two columns of staff's own
    model['AB7'] = whole; // one cell
    await book.xlsx.writeFile(ownFile);

    expect((await cli(own, 'settings', 'set', 'Cohort', 'kept')).code).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(ownFile);
    const sheet = after.getWorksheet('Applications')!;
    for (const address of ['Y2', 'Y50', 'Z2', 'Z50'])
      expect(sheet.getCell(address).dataValidation).toMatchObject(yesNo);
    expect(sheet.getCell('Y51').dataValidation).toBeUndefined();
    expect(sheet.getCell('AB7').dataValidation).toMatchObject({ type: 'whole', formulae: [1, 9] });
    expect([...(await validations(ownFile)).values()].flatMap(overlaps)).toEqual([]);
  });

  test('a workbook whose validations already overlap (an older version wrote them) is repaired on its next save', async () => {
    const old = tempDir();
    const oldFile = await makeScheme(old);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(oldFile);
    const sheet = book.getWorksheet('Matches')!;
    const model = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    for (const key of Object.keys(model)) delete model[key];
    const list = { type: 'list', allowBlank: true, formulae: ['"Proposed,Confirmed"'] };
    model['H2:H2000'] = list;
    model['H10:H2000'] = list;
    await book.xlsx.writeFile(oldFile);
    expect(overlaps((await validations(oldFile)).get('xl/worksheets/sheet4.xml')!)).toHaveLength(1);

    expect((await cli(old, 'match')).code).toBe(0);
    expect((await cli(old, 'settings', 'set', 'Cohort', 'again')).code).toBe(0);
    expect([...(await validations(oldFile)).values()].flatMap(overlaps)).toEqual([]);
  });
});

describe('writing a workbook that is open elsewhere, or read-only', () => {
  test.each([
    ['Excel', '~$scheme.xlsx'],
    ['LibreOffice', '.~lock.scheme.xlsx#'],
  ])(
    'open in %s: a change is refused with a sentence and the file is not touched',
    async (app, lock) => {
      const dir = tempDir();
      expect((await cli(dir, 'init')).code).toBe(0);
      const file = path.join(dir, 'scheme.xlsx');
      fs.writeFileSync(path.join(dir, lock), 'owner');
      const before = fs.readFileSync(file);

      const result = await cli(dir, 'settings', 'set', 'Mentor places', '30');
      expect(result.code).toBe(2);
      expect(result.err.trim()).toBe(
        `scheme.xlsx is open in ${app}: close it there, then run the command again (nothing was written to it; if it is not open anywhere, delete ${path.join(dir, lock)}).`,
      );
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      // Reading is harmless while it is open.
      expect((await cli(dir, 'settings')).code).toBe(0);

      fs.rmSync(path.join(dir, lock));
      expect((await cli(dir, 'settings', 'set', 'Mentor places', '30')).code).toBe(0);
    },
  );

  test('a long name: Excel writes its owner file over the first two characters', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mentoring-2026.xlsx');
    const run = async (...args: string[]) => {
      let err = '';
      const code = await main([...args, '--workbook', file, '--out', path.join(dir, 'out')], {
        out: () => undefined,
        err: (t) => (err += t),
      });
      return { code, err };
    };
    expect((await run('init')).code).toBe(0);
    fs.writeFileSync(path.join(dir, '~$ntoring-2026.xlsx'), 'owner');
    const result = await run('settings', 'set', 'Cohort', 'x');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is open in Excel/);
  });

  test('a read-only workbook stays read-only after the tool writes it', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    const file = path.join(dir, 'scheme.xlsx');
    fs.chmodSync(file, 0o444);
    const result = await cli(dir, 'settings', 'set', 'Mentor places', '30');
    expect(result.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    fs.chmodSync(file, 0o644);
  });
});
