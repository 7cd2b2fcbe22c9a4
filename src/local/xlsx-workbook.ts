import type * as ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';
import { Cell, TabData, TabSpec, isDate, sameCell } from '../domain/table';
import { headerKey } from '../domain/text';
import { fromZonedWallTime, isValidTimeZone, zoneOffsetMinutes } from '../domain/timestamps';
import type { WorkbookPort } from '../ports';
import { writeFileAtomic } from './atomic-file';

/**
 * Dropdowns reach this many rows, and a further block of it whenever a tab grows past them.
 * Not the sheet's last row (1,048,576): exceljs expands every validated range into one entry per
 * cell when it reads a file, so a whole-column range would make every command slow.
 */
export const DROPDOWN_ROWS = 10_000;

/** Column widths (in characters) the tool sets for its own columns: grown to fit, capped. */
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** Rows looked at to size a column: enough to see its content, few enough to stay fast. */
const WIDTH_SAMPLE_ROWS = 500;

type Validation = Record<string, unknown>;
interface ValidationModel {
  model: Record<string, Validation | undefined>;
}

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

  /** The lock file Excel or LibreOffice keeps beside a workbook it has open, if there is one. */
  static openElsewhere(file: string): { app: string; lockFile: string } | null {
    const dir = path.dirname(file);
    const name = path.basename(file);
    const base = name.replace(/\.[^.]*$/, '');
    // Excel's owner file is "~$" before the name, over its first character or two when long.
    const excel = base.length >= 8 ? name.slice(2) : base.length === 7 ? name.slice(1) : name;
    const candidates = [
      { app: 'Excel', lockFile: `~$${excel}` },
      { app: 'Excel', lockFile: `~$${name}` },
      { app: 'LibreOffice', lockFile: `.~lock.${name}#` },
    ];
    for (const candidate of candidates) {
      const lockFile = path.join(dir, candidate.lockFile);
      if (fs.existsSync(lockFile)) return { app: candidate.app, lockFile };
    }
    return null;
  }

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
    for (const sheet of book.worksheets) normaliseValidations(sheet);
    return new XlsxWorkbook(file, book, readTimeZone(book));
  }

  /**
   * A new, empty workbook for `file`, not yet on disk (an archive: its first save writes it).
   * Synchronous, unlike `open`, because making one needs no read.
   */
  static create(file: string, timeZone = 'Europe/London'): XlsxWorkbook {
    const workbook = new XlsxWorkbook(file, new (excel().Workbook)(), timeZone);
    workbook.changed = true;
    return workbook;
  }

  /** The tabs, in order. */
  tabNames(): string[] {
    return this.book.worksheets.map((s) => s.name);
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
      this.changed = true;
    }
    if (this.addDropdowns(sheet, spec, data.header, all.length)) this.changed = true;
    if (fitColumns(sheet, spec, all)) this.changed = true;
  }

  /** Appends rows under the last one (the Log grows this way, one record at a time). */
  appendRows(spec: TabSpec, rows: readonly Cell[][]): void {
    if (!this.sheet(spec.name)) {
      const sheet = this.book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      spec.columns.forEach((h, i) => this.write(sheet.getRow(1).getCell(i + 1), h));
      sheet.getRow(1).font = { bold: true };
      fitColumns(sheet, spec, [[...spec.columns], ...rows]);
    }
    const sheet = this.sheet(spec.name) as ExcelJS.Worksheet;
    const header = sheet.getRow(1);
    const index = new Map<string, number>();
    for (let c = 1; c <= sheet.columnCount; c += 1)
      index.set(headerKey(String(header.getCell(c).value ?? '')), c);
    // After a tab was cleared its emptied rows still count in rowCount: append under the last
    // row that holds anything, not under blank ones.
    let last = sheet.rowCount;
    while (last > 1 && !sheet.getRow(last).hasValues) last -= 1;
    let next = last + 1;
    for (const values of rows) {
      const row = sheet.getRow(next++);
      spec.columns.forEach((column, i) => {
        const c = index.get(headerKey(column));
        if (c !== undefined) this.write(row.getCell(c), values[i]);
      });
    }
    const headerValues: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1)
      headerValues.push(String(header.getCell(c).value ?? ''));
    this.addDropdowns(sheet, spec, headerValues, next - 1);
    this.changed = true;
  }

  /** Replaces the file atomically; false when nothing changed (the file stays byte-identical). */
  async save(): Promise<boolean> {
    if (!this.changed) return false;
    // Excel or LibreOffice would keep its own copy open and save it over this one later.
    const open = XlsxWorkbook.openElsewhere(this.file);
    if (open) {
      throw new UserError(
        `${path.basename(this.file)} is open in ${open.app}: close it there, then run the command again (nothing was written to it; if it is not open anywhere, delete ${open.lockFile}).`,
      );
    }
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

  /**
   * One list validation per dropdown column, from row 2 to at least DROPDOWN_ROWS (or a block
   * past the last row): whatever validations covered that column before are replaced, so ranges
   * never overlap (Excel offers to "repair" a file whose validations overlap). True if changed.
   */
  private addDropdowns(
    sheet: ExcelJS.Worksheet,
    spec: TabSpec,
    header: readonly string[],
    lastRow: number,
  ): boolean {
    const validations = (sheet as unknown as { dataValidations: ValidationModel }).dataValidations
      .model;
    const end = Math.max(DROPDOWN_ROWS, Math.ceil((lastRow + 1) / DROPDOWN_ROWS) * DROPDOWN_ROWS);
    let changed = false;
    for (const dropdown of spec.dropdowns ?? []) {
      const c = header.findIndex((h) => headerKey(h) === headerKey(dropdown.column));
      if (c < 0) continue;
      const letter = sheet.getColumn(c + 1).letter;
      const wanted = {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`"${dropdown.values.join(',')}"`],
      };
      const range = `${letter}2:${letter}${end}`;
      // As read back from a file: showErrorMessage="0" is not kept, so compare what matters.
      const current = validations[range];
      if (
        current?.type === wanted.type &&
        JSON.stringify(current.formulae) === JSON.stringify(wanted.formulae)
      )
        continue;
      for (const address of Object.keys(validations)) {
        const area = parseRange(address);
        if (area && area.left <= c + 1 && area.right >= c + 1 && area.bottom >= 2)
          delete validations[address];
      }
      validations[range] = wanted;
      changed = true;
    }
    return changed;
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

interface Area {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function parseRange(address: string): Area | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) return null;
  const left = columnNumber(m[1]);
  const top = Number(m[2]);
  const right = m[3] ? columnNumber(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return { left, right, top, bottom };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * exceljs reads a validated range as one entry per cell and, when saving, rebuilds ranges from
 * them in text order ("B10" before "B2"), which writes overlapping ranges. Back to ranges here:
 * the cells one validation element covered share one object, so each column's consecutive
 * cells with the same object become one range again (a cell two old ranges overlapped keeps
 * the later one, so an overlapping file is repaired on its next save).
 */
function normaliseValidations(sheet: ExcelJS.Worksheet): void {
  const holder = (sheet as unknown as { dataValidations?: ValidationModel }).dataValidations;
  if (!holder) return;
  const columns = new Map<string, { col: number; rows: number[]; validation: Validation }>();
  const ids = new Map<Validation, number>();
  const ranges: Record<string, Validation | undefined> = {};
  for (const [address, validation] of Object.entries(holder.model)) {
    if (!validation) continue;
    const area = parseRange(address);
    if (!area || area.top !== area.bottom || area.left !== area.right) {
      ranges[address] = validation;
      continue;
    }
    if (!ids.has(validation)) ids.set(validation, ids.size);
    const key = `${area.left}|${ids.get(validation)}`;
    const entry = columns.get(key) ?? { col: area.left, rows: [], validation };
    entry.rows.push(area.top);
    columns.set(key, entry);
  }
  for (const { col, rows, validation } of columns.values()) {
    rows.sort((a, b) => a - b);
    const letter = columnLetters(col);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i += 1) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      const end = rows[i - 1];
      ranges[start === end ? `${letter}${start}` : `${letter}${start}:${letter}${end}`] =
        validation;
      if (i < rows.length) start = rows[i];
    }
  }
  holder.model = ranges;
}

/** The width a value needs, in characters: its longest line (a date as the format shows it). */
function displayWidth(value: Cell | undefined): number {
  if (value === null || value === undefined) return 0;
  if (isDate(value)) return 19;
  return Math.max(
    ...String(value)
      .split('\n')
      .map((line) => line.length),
  );
}

/**
 * Sizes the tool's own columns to their content (header included) so names and values are
 * readable, within MIN_WIDTH and MAX_WIDTH. A column is only ever widened, and only when it
 * needs it, so a width staff chose stays unless new content needs more; staff's own columns
 * keep whatever width they have. True if a width changed.
 */
function fitColumns(sheet: ExcelJS.Worksheet, spec: TabSpec, all: readonly Cell[][]): boolean {
  const own = new Set(spec.columns.map(headerKey));
  const header = all[0] ?? [];
  let changed = false;
  header.forEach((name, c) => {
    if (!own.has(headerKey(String(name ?? '')))) return;
    let width = displayWidth(name) + 2;
    for (let r = 1; r < all.length && r <= WIDTH_SAMPLE_ROWS; r += 1)
      width = Math.max(width, displayWidth(all[r][c]) + 2);
    width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
    const column = sheet.getColumn(c + 1);
    if (column.width === undefined || column.width < width) {
      column.width = width;
      changed = true;
    }
  });
  return changed;
}
