import type * as ExcelJS from 'exceljs';
import fs from 'node:fs';
import { UserError } from '../domain/errors';
import { Cell, TabData, TabSpec, isDate, sameCell } from '../domain/table';
import { headerKey } from '../domain/text';
import { fromZonedWallTime, isValidTimeZone, zoneOffsetMinutes } from '../domain/timestamps';
import type { WorkbookPort } from '../ports';
import { writeFileAtomic } from './atomic-file';

const DROPDOWN_ROWS = 2000;

/** exceljs is loaded when a workbook is first opened, so `--help` does not wait for it. */
const excel = (): typeof ExcelJS => require('exceljs');

/**
 * The scheme's workbook as a local .xlsx file. The file is read once when a command starts,
 * every tab is read and written in memory, and the file is replaced atomically (temp file +
 * rename) at the end, only if something changed: a command that fails leaves it untouched.
 * Dates are written as wall-clock time in the scheme's time zone, as Sheets shows them.
 */
export class XlsxWorkbook implements WorkbookPort {
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly book: ExcelJS.Workbook,
    private readonly timeZone: string,
  ) {}

  static async open(file: string, { create }: { create: boolean }): Promise<XlsxWorkbook> {
    const book = new (excel().Workbook)();
    if (!fs.existsSync(file)) {
      if (!create) {
        throw new UserError(
          `There is no workbook at ${file}: run "npx peer-mentoring init" to create one (or "npm start" for a demo).`,
        );
      }
      const workbook = new XlsxWorkbook(file, book, 'Europe/London');
      workbook.changed = true;
      return workbook;
    }
    try {
      await book.xlsx.readFile(file);
    } catch {
      throw new UserError(
        `${file} is not a workbook this tool can read (it may be damaged or not an .xlsx file): restore a good copy, or use --workbook to name another file.`,
      );
    }
    return new XlsxWorkbook(file, book, readTimeZone(book));
  }

  get dirty(): boolean {
    return this.changed;
  }

  readTab(name: string): TabData | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    const width = sheet.actualColumnCount ? sheet.columnCount : 0;
    const header: string[] = [];
    for (let c = 1; c <= width; c += 1)
      header.push(String(this.read(sheet.getRow(1).getCell(c)) ?? ''));
    const rows: Cell[][] = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const values: Cell[] = [];
      for (let c = 1; c <= width; c += 1) values.push(this.read(row.getCell(c)));
      rows.push(values);
    }
    while (rows.length && rows[rows.length - 1].every((v) => v === null)) rows.pop();
    return { header, rows };
  }

  writeTab(spec: TabSpec, data: TabData): void {
    let sheet = this.sheet(spec.name);
    const created = !sheet;
    if (!sheet)
      sheet = this.book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const all = [data.header, ...data.rows];
    all.forEach((values, r) => {
      const row = sheet.getRow(r + 1);
      values.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        if (sameCell(this.read(cell), value)) return;
        this.write(cell, value);
        this.changed = true;
      });
    });
    for (let r = all.length + 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      for (let c = 1; c <= data.header.length; c += 1) {
        if (row.getCell(c).value !== null) {
          row.getCell(c).value = null;
          this.changed = true;
        }
      }
    }
    if (created) {
      sheet.getRow(1).font = { bold: true };
      this.addDropdowns(sheet, spec, data.header);
      this.changed = true;
    }
  }

  /** Appends rows under the last one (the Log grows this way, one record at a time). */
  appendRows(spec: TabSpec, rows: readonly Cell[][]): void {
    if (!this.sheet(spec.name)) {
      const sheet = this.book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      spec.columns.forEach((h, i) => this.write(sheet.getRow(1).getCell(i + 1), h));
      sheet.getRow(1).font = { bold: true };
      this.addDropdowns(sheet, spec, [...spec.columns]);
    }
    const sheet = this.sheet(spec.name) as ExcelJS.Worksheet;
    const header = sheet.getRow(1);
    const index = new Map<string, number>();
    for (let c = 1; c <= sheet.columnCount; c += 1)
      index.set(headerKey(String(header.getCell(c).value ?? '')), c);
    let next = sheet.rowCount + 1;
    for (const values of rows) {
      const row = sheet.getRow(next++);
      spec.columns.forEach((column, i) => {
        const c = index.get(headerKey(column));
        if (c !== undefined) this.write(row.getCell(c), values[i]);
      });
    }
    this.changed = true;
  }

  /** Replaces the file atomically; false when nothing changed (the file stays byte-identical). */
  async save(): Promise<boolean> {
    if (!this.changed) return false;
    writeFileAtomic(this.file, Buffer.from(await this.book.xlsx.writeBuffer()), { durable: true });
    this.changed = false;
    return true;
  }

  private sheet(name: string): ExcelJS.Worksheet | undefined {
    return this.book.worksheets.find((s) => headerKey(s.name) === headerKey(name));
  }

  private read(cell: ExcelJS.Cell): Cell {
    const value = cell.value as unknown;
    if (value === null || value === undefined) return null;
    if (isDate(value)) return this.fromWallClock(value);
    if (typeof value === 'string') return value === '' ? null : value;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'object') {
      const v = value as {
        result?: unknown;
        richText?: { text: string }[];
        text?: unknown;
        error?: unknown;
      };
      if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
        const result = v.result as unknown;
        if (isDate(result)) return this.fromWallClock(result);
        return result === undefined || result === null || typeof result === 'object'
          ? null
          : (result as Cell);
      }
      if (v.richText) return v.richText.map((p) => p.text).join('');
      if (v.text !== undefined) return String(v.text);
      if (v.error !== undefined) return String(v.error);
    }
    return String(value);
  }

  private write(cell: ExcelJS.Cell, value: Cell | undefined): void {
    if (value === null || value === undefined) {
      cell.value = null;
    } else if (isDate(value)) {
      cell.value = this.toWallClock(value);
      cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
    } else {
      // A string is stored as a string cell: Excel and LibreOffice never evaluate it as a formula.
      cell.value = value;
    }
  }

  private toWallClock(instant: Date): Date {
    return new Date(instant.getTime() + zoneOffsetMinutes(instant, this.timeZone) * 60_000);
  }

  private fromWallClock(wall: Date): Date {
    return fromZonedWallTime(
      {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: wall.getUTCSeconds(),
      },
      this.timeZone,
    );
  }

  private addDropdowns(sheet: ExcelJS.Worksheet, spec: TabSpec, header: readonly string[]): void {
    const validations = (
      sheet as unknown as { dataValidations: { add(address: string, v: object): void } }
    ).dataValidations;
    for (const dropdown of spec.dropdowns ?? []) {
      const c = header.findIndex((h) => headerKey(h) === headerKey(dropdown.column));
      if (c < 0) continue;
      const letter = sheet.getColumn(c + 1).letter;
      validations.add(`${letter}2:${letter}${DROPDOWN_ROWS}`, {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`"${dropdown.values.join(',')}"`],
      });
    }
  }
}

function readTimeZone(book: ExcelJS.Workbook): string {
  const sheet = book.worksheets.find((s) => headerKey(s.name) === 'settings');
  let zone = 'Europe/London';
  if (sheet) {
    const header = sheet.getRow(1);
    let keyColumn = 0;
    let valueColumn = 0;
    header.eachCell((cell, c) => {
      const key = headerKey(String(cell.value ?? ''));
      if (key === 'setting' && !keyColumn) keyColumn = c;
      if (key === 'value' && !valueColumn) valueColumn = c;
    });
    if (keyColumn && valueColumn) {
      sheet.eachRow((row) => {
        if (headerKey(String(row.getCell(keyColumn).value ?? '')) === 'timezone') {
          zone = String(row.getCell(valueColumn).value ?? zone).trim();
        }
      });
    }
  }
  return isValidTimeZone(zone) ? zone : 'Europe/London';
}
