import type * as ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { UserError } from '../domain/errors';
import { fnv1a64 } from '../domain/hash';
import { Cell, TabData, TabSpec, isDate, sameCell } from '../domain/table';
import { headerKey } from '../domain/text';
import { fromZonedWallTime, isValidTimeZone, zoneOffsetMinutes } from '../domain/timestamps';
import type { WorkbookPort } from '../ports';
import { writeFileAtomic } from './atomic-file';
import {
  headerOnly,
  parseSheetXml,
  reconcileSheet,
  type SheetModel,
  type SheetOptions,
} from './xlsx-deferred-tabs';
import { isPlainSheetXml, type ReadTables, type ReusedSheet, writeReusing } from './xlsx-reuse';

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

/**
 * Excel refuses (and LibreOffice cuts) a cell of more than 32,767 characters; Sheets allows
 * 50,000. A longer text is stored cut, with a note giving its length and fingerprint, and kept
 * whole in a file beside the workbook (LONG_TEXT_DIR/<workbook>/<fingerprint>.txt), from which
 * reading the cell gives the whole text back: a re-import finds the answer unchanged, and nothing
 * is lost. Each workbook has its own folder there, and a save removes the files of that folder no
 * cell points at any more: an erased or purged answer does not live on beside the workbook.
 */
export const MAX_XLSX_CELL_CHARS = 32_767;
export const LONG_TEXT_DIR = 'long-text';
const CUT_NOTE =
  / … \[cut by the Mentoring tool: (\d+) characters in all, fingerprint ([0-9a-f]{16}); the whole text is in long-text\/[^\]]*?\2\.txt beside the workbook\]$/;
const FINGERPRINT_IN_NOTE = /fingerprint ([0-9a-f]{16}); the whole text is in long-text\//;

type Validation = Record<string, unknown>;
interface ValidationModel {
  model: Record<string, Validation | undefined>;
}

/** A tab read with its header row only (see xlsx-deferred-tabs.ts), until a command needs it all. */
interface DeferredTab {
  /** Its XML as exceljs is given it (validation ranges swapped for stand-ins: readKeepingRanges). */
  xml: string;
  sqrefs: string[];
  /** Its last row (which holds a value): rows added go below it. */
  lastRow: number;
  /** The options exceljs parsed it with. */
  loadOptions: unknown;
  /** Rows added to it meanwhile, to add again once it is parsed whole. */
  appends: [TabSpec, readonly Cell[][]][];
}

/** exceljs is loaded when a workbook is first opened, so `--help` does not wait for it. */
const excel = (): typeof ExcelJS => require('exceljs');

/**
 * The scheme's workbook as a local .xlsx file. The file is read once when a command starts
 * (each tab parsed when the command first reads it: xlsx-deferred-tabs.ts), every tab is read
 * and written in memory, and the file is replaced atomically (temp file + rename) at the end,
 * only if something changed: a command that fails leaves it untouched.
 * Dates are written as wall-clock time in the scheme's time zone, as Sheets shows them.
 */
export class XlsxWorkbook implements WorkbookPort {
  private changed = false;
  /** Ids of the tabs a command changed: the others are saved from the XML they were read from. */
  private readonly touched = new Set<number>();
  /** Tab id → the first row appended, for tabs a command only added rows to (below all theirs). */
  private readonly appendedFrom = new Map<number, number>();
  /** Tab id → its rows as read, empty ones too: rows appended below them can be saved apart. */
  private readonly rowsAsRead = new Map<number, number>();
  /** The tabs the last save wrote from their own XML (see xlsx-reuse.ts), by name. */
  reusedOnSave: string[] = [];
  /** Wall-clock second (as read from a cell) → the instant it is in the scheme's zone. */
  private readonly instants = new Map<number, Date>();
  private timeZone = 'Europe/London';

  private constructor(
    readonly file: string,
    private readonly book: ExcelJS.Workbook,
    /** Tab id → the XML it was read from, for the tabs that may be saved from it. */
    private sheetXml: Map<number, string> = new Map(),
    private readonly readTables: ReadTables = {},
    /** Tab id → the tabs not parsed yet (only their header row is in `book`). */
    private readonly deferred: Map<number, DeferredTab> = new Map(),
    private readonly sheetOptions: SheetOptions = {},
  ) {
    for (const sheet of book.worksheets)
      this.rowsAsRead.set(sheet.id, deferred.get(sheet.id)?.lastRow ?? sheet.rowCount);
  }

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
      const workbook = new XlsxWorkbook(file, book);
      workbook.changed = true;
      return workbook;
    }
    let read: Awaited<ReturnType<typeof readKeepingRanges>>;
    try {
      read = await readKeepingRanges(book, fs.readFileSync(file));
    } catch {
      throw new UserError(
        `${file} is not a workbook this tool can read (it may be damaged or not an .xlsx file): restore a good copy, or use --workbook to name another file.`,
      );
    }
    const workbook = new XlsxWorkbook(
      file,
      book,
      read.sheetXml,
      read.tables,
      read.deferred,
      read.sheetOptions,
    );
    const settings = workbook.sheet('Settings');
    if (settings) workbook.timeZone = readTimeZone(settings);
    return workbook;
  }

  /**
   * A new, empty workbook for `file`, not yet on disk (an archive: its first save writes it).
   * Synchronous, unlike `open`, because making one needs no read.
   */
  static create(file: string, timeZone = 'Europe/London'): XlsxWorkbook {
    const workbook = new XlsxWorkbook(file, new (excel().Workbook)());
    workbook.timeZone = timeZone;
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

  /** The tabs not parsed yet, as no command has read them (see xlsx-deferred-tabs.ts), by name. */
  get notParsed(): string[] {
    return this.book.worksheets.filter((s) => this.deferred.has(s.id)).map((s) => s.name);
  }

  readTab(name: string): TabData | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    const width = sheet.actualColumnCount ? sheet.columnCount : 0;
    // Cells looked up, not made: exceljs's getCell adds an empty cell for every blank one.
    const found = sheet as unknown as Finder;
    const cellAt = (row: ExcelJS.Row | undefined, c: number): Cell => {
      const cell = row && (row as unknown as Finder).findCell(c);
      return cell ? this.read(cell) : null;
    };
    const header: string[] = [];
    const first = found.findRow(1);
    for (let c = 1; c <= width; c += 1) header.push(String(cellAt(first, c) ?? ''));
    const rows: Cell[][] = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      const row = found.findRow(r);
      const values: Cell[] = [];
      for (let c = 1; c <= width; c += 1) values.push(cellAt(row, c));
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
    let changed = created;
    const all = [data.header, ...data.rows];
    all.forEach((values, r) => {
      const row = sheet.getRow(r + 1);
      values.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        if (sameCell(this.read(cell), value)) return;
        this.write(cell, value);
        changed = true;
      });
    });
    for (let r = all.length + 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      for (let c = 1; c <= data.header.length; c += 1) {
        if (row.getCell(c).value !== null) {
          row.getCell(c).value = null;
          changed = true;
        }
      }
    }
    if (created) sheet.getRow(1).font = { bold: true };
    if (this.addDropdowns(sheet, spec, data.header, all.length)) changed = true;
    if (fitColumns(sheet, spec, all)) changed = true;
    if (changed) this.touch(sheet);
  }

  /** The tab has changed: the save renders it (and the workbook is saved). */
  private touch(sheet: ExcelJS.Worksheet): void {
    this.touched.add(sheet.id);
    this.changed = true;
  }

  /** Appends rows under the last one (the Log grows this way, one record at a time). */
  appendRows(spec: TabSpec, rows: readonly Cell[][]): void {
    if (!this.sheet(spec.name, { toAppend: true })) {
      const sheet = this.book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      spec.columns.forEach((h, i) => this.write(sheet.getRow(1).getCell(i + 1), h));
      sheet.getRow(1).font = { bold: true };
      fitColumns(sheet, spec, [[...spec.columns], ...rows]);
    }
    const sheet = this.sheet(spec.name, { toAppend: true }) as ExcelJS.Worksheet;
    const deferred = this.deferred.get(sheet.id);
    deferred?.appends.push([spec, rows]);
    const header = sheet.getRow(1);
    const index = new Map<string, number>();
    // Counted once: exceljs counts a tab's columns by looking at every row.
    const columns = sheet.columnCount;
    for (let c = 1; c <= columns; c += 1)
      index.set(headerKey(String(header.getCell(c).value ?? '')), c);
    // After a tab was cleared its emptied rows still count in rowCount: append under the last
    // row that holds anything, not under blank ones. (A tab not parsed yet ends in one.)
    const floor = deferred ? deferred.lastRow : 1;
    let last = Math.max(sheet.rowCount, floor);
    while (last > floor && !sheet.getRow(last).hasValues) last -= 1;
    const first = last + 1;
    let next = first;
    for (const values of rows) {
      const row = sheet.getRow(next++);
      spec.columns.forEach((column, i) => {
        const c = index.get(headerKey(column));
        if (c !== undefined) this.write(row.getCell(c), values[i]);
      });
    }
    const headerValues: string[] = [];
    for (let c = 1; c <= columns; c += 1) headerValues.push(String(header.getCell(c).value ?? ''));
    const dropdownsChanged = this.addDropdowns(sheet, spec, headerValues, next - 1);
    const below = first > (this.rowsAsRead.get(sheet.id) ?? Infinity);
    if (dropdownsChanged || !below || !this.sheetXml.has(sheet.id)) {
      this.touch(sheet);
    } else {
      if (!this.appendedFrom.has(sheet.id)) this.appendedFrom.set(sheet.id, first);
      this.changed = true;
    }
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
    const reuse = new Map<number, ReusedSheet>();
    for (const [id, xml] of this.sheetXml)
      if (!this.touched.has(id)) reuse.set(id, { xml, appendedFrom: this.appendedFrom.get(id) });
    // exceljs renders every other tab from its cells: a tab not parsed yet is parsed first.
    for (const sheet of this.book.worksheets) if (!reuse.has(sheet.id)) this.parseWhole(sheet);
    const unshare = shareEmptyStyles(
      this.book,
      (sheet) => !reuse.has(sheet.id) || reuse.get(sheet.id)?.appendedFrom !== undefined,
    );
    let saved: Awaited<ReturnType<typeof writeReusing>>;
    try {
      saved = await writeReusing(this.book, reuse, this.readTables, excel().ValueType.Number, () =>
        this.book.worksheets.forEach((sheet) => this.parseWhole(sheet)),
      );
    } finally {
      unshare();
    }
    writeFileAtomic(this.file, Buffer.from(saved.bytes), { durable: true });
    this.reusedOnSave = saved.reused;
    // That XML numbered its text by the file just replaced: from now on every tab is rendered.
    this.sheetXml = new Map();
    this.appendedFrom.clear();
    this.changed = false;
    this.removeUnusedLongTexts();
    return true;
  }

  /** This workbook's folder of whole long texts (see MAX_XLSX_CELL_CHARS). */
  private longTextDir(): string {
    return path.join(
      path.dirname(this.file),
      LONG_TEXT_DIR,
      path.basename(this.file).replace(/\.xlsx$/i, ''),
    );
  }

  /**
   * After a save: the whole texts no cell points at any more (the answer was replaced, erased or
   * purged) are deleted. Only files the tool names (<fingerprint>.txt) in this workbook's own
   * folder are ever touched; a crash before this leaves them for the next save.
   */
  private removeUnusedLongTexts(): void {
    const dir = this.longTextDir();
    if (!fs.existsSync(dir)) return;
    // A tab not parsed yet may hold a cut text too.
    for (const sheet of this.book.worksheets) this.parseWhole(sheet);
    const used = new Set<string>();
    for (const sheet of this.book.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          const value = cell.value;
          if (typeof value === 'string' && value.length > 1000) {
            const m = FINGERPRINT_IN_NOTE.exec(value);
            if (m) used.add(m[1]);
          }
        });
      });
    }
    for (const name of fs.readdirSync(dir)) {
      const m = /^([0-9a-f]{16})\.txt$/.exec(name);
      if (m && !used.has(m[1])) fs.rmSync(path.join(dir, name), { force: true });
    }
  }

  /** The tab, parsed whole unless only rows are to be added below it. */
  private sheet(name: string, { toAppend = false } = {}): ExcelJS.Worksheet | undefined {
    const sheet = this.book.worksheets.find((s) => headerKey(s.name) === headerKey(name));
    if (sheet && !toAppend) this.parseWhole(sheet);
    return sheet;
  }

  /**
   * Parses a tab read with its header row only, as exceljs would have as the workbook loaded,
   * then adds again the rows added to it meanwhile: after this it is as if it had never waited.
   */
  private parseWhole(sheet: ExcelJS.Worksheet): void {
    const deferred = this.deferred.get(sheet.id);
    if (!deferred) return;
    let model: SheetModel;
    try {
      model = parseSheetXml(deferred.xml, deferred.loadOptions);
      keepRanges(model, deferred.sqrefs);
      reconcileSheet(model, deferred.loadOptions, this.sheetOptions);
    } catch {
      throw new UserError(
        `The "${sheet.name}" tab of ${this.file} is damaged and cannot be read: restore a good copy of the workbook, or use --workbook to name another file (nothing was written to it).`,
      );
    }
    this.deferred.delete(sheet.id);
    // What the workbook's own reconcile gives a tab: its name, and its print area and titles.
    model.name = sheet.name;
    model.pageSetup = sheet.pageSetup;
    (sheet as unknown as { model: SheetModel }).model = model;
    this.rowsAsRead.set(sheet.id, sheet.rowCount);
    this.appendedFrom.delete(sheet.id);
    for (const [spec, rows] of deferred.appends) this.appendRows(spec, rows);
  }

  private read(cell: ExcelJS.Cell): Cell {
    const value = cell.value as unknown;
    if (value === null || value === undefined) return null;
    if (isDate(value)) return this.fromWallClock(value);
    if (typeof value === 'string') return value === '' ? null : this.wholeText(value);
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
      cell.value = typeof value === 'string' ? this.fitText(value) : value;
    }
  }

  /** A text over Excel's cell limit: kept whole beside the workbook, cut with a note in the cell. */
  private fitText(text: string): string {
    if (text.length <= MAX_XLSX_CELL_CHARS) return text;
    const fingerprint = fnv1a64(text);
    const file = path.join(this.longTextDir(), `${fingerprint}.txt`);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Durable before the workbook that points at it is saved.
      writeFileAtomic(file, text, { durable: true });
    }
    const note = ` … [cut by the Mentoring tool: ${text.length} characters in all, fingerprint ${fingerprint}; the whole text is in ${path.relative(path.dirname(this.file), file).split(path.sep).join('/')} beside the workbook]`;
    let end = MAX_XLSX_CELL_CHARS - note.length;
    // Never between the two halves of a character outside the BMP (an emoji, say).
    if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    return text.slice(0, end) + note;
  }

  /** A cut cell read back as its whole text, when the file beside the workbook still holds it. */
  private wholeText(value: string): string {
    if (value.length < 1000 || !value.endsWith('beside the workbook]')) return value;
    const m = CUT_NOTE.exec(value);
    if (!m) return value;
    try {
      const whole = fs.readFileSync(path.join(this.longTextDir(), `${m[2]}.txt`), 'utf8');
      return whole.length === Number(m[1]) && fnv1a64(whole) === m[2] ? whole : value;
    } catch {
      return value; // the file is gone: the cell keeps its visible note
    }
  }

  private toWallClock(instant: Date): Date {
    return new Date(instant.getTime() + zoneOffsetMinutes(instant, this.timeZone) * 60_000);
  }

  private fromWallClock(wall: Date): Date {
    // Many cells hold the same second (a run's Log lines): each is converted once.
    const second = Math.floor(wall.getTime() / 1000);
    let instant = this.instants.get(second);
    if (!instant) {
      instant = this.zonedInstant(wall);
      this.instants.set(second, instant);
    }
    return new Date(instant.getTime());
  }

  private zonedInstant(wall: Date): Date {
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

/** exceljs's lookups that, unlike getRow and getCell, never add a row or cell. */
interface Finder {
  findRow(r: number): ExcelJS.Row | undefined;
  findCell(c: number): ExcelJS.Cell | undefined;
}

/** The zone the Settings tab names (Europe/London when it names none, or one that does not exist). */
function readTimeZone(sheet: ExcelJS.Worksheet): string {
  let zone = 'Europe/London';
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

/** A column past Excel's last (XFD): a stand-in address no real workbook can hold. */
const STAND_IN = 'ZZZ';

interface SheetEntryReader {
  _processWorksheetEntry?: (
    stream: AsyncIterable<string | Buffer>,
    model: {
      worksheetHash: Record<
        string,
        { id?: number; dataValidations?: Record<string, Validation | undefined> }
      >;
    },
    ...rest: unknown[]
  ) => Promise<void>;
  reconcile?: (model: ReadTables, ...rest: unknown[]) => void;
}

/**
 * Reads the workbook with its data validations kept as ranges. exceljs expands every validated
 * range into one entry per cell as it parses (each dropdown's 10,000 rows: most of a command's
 * time), then writes them back in text order ("B10" before "B2"), as overlapping ranges. So each
 * sheet's XML reaches exceljs with every validation's range swapped for a stand-in cell, and the
 * ranges are put back, one per column, when the sheet is parsed. Were exceljs ever to read sheets
 * another way, the same result comes (slowly) from the cells it expands.
 */
async function readKeepingRanges(
  book: ExcelJS.Workbook,
  data: Buffer,
): Promise<{
  sheetXml: Map<number, string>;
  tables: ReadTables;
  deferred: Map<number, DeferredTab>;
  sheetOptions: SheetOptions;
}> {
  const reader = book.xlsx as unknown as SheetEntryReader;
  const parseSheet = reader._processWorksheetEntry;
  // Each plain tab's XML, by the model exceljs parsed from it (which gets the tab's id later),
  // and the file's string and style tables, which exceljs drops once it has read the cells.
  const xmlByModel = new Map<{ id?: number }, string>();
  const deferredByModel = new Map<{ id?: number }, DeferredTab>();
  const tables: ReadTables = {};
  let sheetOptions: SheetOptions = {};
  const reconcile = reader.reconcile;
  if (typeof reconcile === 'function') {
    reader.reconcile = function (model, ...rest) {
      tables.sharedStrings = model.sharedStrings;
      tables.styles = model.styles;
      // What exceljs resolves each tab against (as its reconcile builds it), for tabs parsed later.
      const m = model as ReadTables & Record<string, unknown>;
      sheetOptions = {
        styles: m.styles,
        sharedStrings: m.sharedStrings,
        media: m.media,
        mediaIndex: m.mediaIndex,
        date1904: (m.properties as { date1904?: boolean } | undefined)?.date1904,
        drawings: m.drawings,
        comments: m.comments,
        tables: m.tables,
        vmlDrawings: m.vmlDrawings,
      };
      return reconcile.call(this, model, ...rest);
    };
  }
  if (typeof parseSheet === 'function') {
    reader._processWorksheetEntry = async function (stream, model, ...rest) {
      const parts: (string | Buffer)[] = [];
      for await (const chunk of stream) parts.push(chunk);
      const sqrefs: string[] = [];
      const text = parts.every((p) => typeof p === 'string')
        ? parts.join('')
        : Buffer.concat(
            parts.map((p) =>
              typeof p === 'string'
                ? Buffer.from(p)
                : Buffer.from(p.buffer, p.byteOffset, p.length),
            ),
          ).toString('utf8');
      const xml = text.replace(
        /(<dataValidation\b[^>]*?\ssqref=")([^"]*)"/g,
        (_, head: string, sqref: string) => {
          sqrefs.push(sqref);
          return `${head}${STAND_IN}${sqrefs.length}"`;
        },
      );
      const plain = isPlainSheetXml(text);
      // Only a plain tab waits: nothing outside it (links, notes, tables) points at its rows.
      const stub = plain ? headerOnly(xml) : null;
      const given = stub?.xml ?? xml;
      const chunks: string[] = [];
      for (let i = 0; i < given.length; i += 16 * 1024) chunks.push(given.slice(i, i + 16 * 1024));
      await parseSheet.call(this, Readable.from(chunks), model, ...rest);
      const sheet = model.worksheetHash[String(rest[2])] as SheetModel | undefined;
      if (!sheet) return;
      const asRead = keepRanges(sheet, sqrefs);
      if (asRead && plain) xmlByModel.set(sheet, text);
      if (stub)
        deferredByModel.set(sheet, {
          xml,
          sqrefs,
          lastRow: stub.lastRow,
          loadOptions: rest[1],
          appends: [],
        });
    };
  }
  // exceljs types its argument as its own Buffer (an ArrayBuffer); a Node Buffer is what it reads.
  await book.xlsx.load(data as unknown as ArrayBuffer);
  if (typeof parseSheet !== 'function') {
    for (const sheet of book.worksheets) {
      const holder = (sheet as unknown as { dataValidations?: ValidationModel }).dataValidations;
      if (holder) holder.model = validationRanges(Object.entries(holder.model));
    }
  }
  const byId = <T>(byModel: Map<{ id?: number }, T>) => {
    const map = new Map<number, T>();
    for (const [model, value] of byModel) if (model.id !== undefined) map.set(model.id, value);
    return map;
  };
  return {
    sheetXml: byId(xmlByModel),
    tables,
    deferred: byId(deferredByModel),
    sheetOptions,
  };
}

/**
 * Puts back the validation ranges a tab's XML had (swapped for stand-ins while exceljs parsed
 * it), one per column; false when they had to be repaired (overlapping, split), so the tab is
 * saved as repaired, not from its XML.
 */
function keepRanges(sheet: SheetModel, sqrefs: readonly string[]): boolean {
  if (!sheet.dataValidations) return true;
  const entries = Object.entries(sheet.dataValidations).map(
    ([address, validation]): [string, Validation | undefined] => {
      const standIn = address.startsWith(STAND_IN) ? Number(address.slice(3)) : NaN;
      return [sqrefs[standIn - 1] ?? address, validation];
    },
  );
  sheet.dataValidations = validationRanges(entries);
  const before = entries.flatMap(([a]) => a.split(/\s+/).filter(Boolean)).sort();
  return before.join(' ') === Object.keys(sheet.dataValidations).sort().join(' ');
}

interface Span {
  top: number;
  bottom: number;
  validation: Validation;
}

/**
 * Validations (in the file's order; each address a cell, a range or several) as ranges, one per
 * column and run of rows sharing one validation element, so ranges never overlap (Excel offers
 * to "repair" a file whose validations overlap). Where two elements overlapped, each cell keeps
 * the later one, as exceljs reads them, so an overlapping file is repaired on its next save.
 */
function validationRanges(
  entries: readonly [string, Validation | undefined][],
): Record<string, Validation | undefined> {
  const ranges: Record<string, Validation | undefined> = {};
  const columns = new Map<number, Span[]>();
  for (const [address, validation] of entries) {
    if (!validation) continue;
    for (const part of address.split(/\s+/).filter(Boolean)) {
      const area = parseRange(part);
      if (!area) {
        ranges[part] = validation;
        continue;
      }
      const top = Math.min(area.top, area.bottom);
      const bottom = Math.max(area.top, area.bottom);
      for (
        let col = Math.min(area.left, area.right);
        col <= Math.max(area.left, area.right);
        col++
      ) {
        const spans = columns.get(col) ?? [];
        spans.push({ top, bottom, validation });
        columns.set(col, spans);
      }
    }
  }
  for (const [col, spans] of columns) {
    const letter = columnLetters(col);
    for (const { top, bottom, validation } of mergeSpans(spans))
      ranges[top === bottom ? `${letter}${top}` : `${letter}${top}:${letter}${bottom}`] =
        validation;
  }
  return ranges;
}

/** One column's spans, without overlaps (the later wins row by row) and with neighbours joined. */
function mergeSpans(spans: readonly Span[]): Span[] {
  let sorted = [...spans].sort((a, b) => a.top - b.top);
  let reach = 0;
  const overlapping = sorted.some((s) => {
    const overlaps = s.top <= reach;
    reach = Math.max(reach, s.bottom);
    return overlaps;
  });
  if (overlapping) {
    const byRow = new Map<number, Validation>();
    for (const s of spans) for (let r = s.top; r <= s.bottom; r += 1) byRow.set(r, s.validation);
    sorted = [...byRow]
      .sort((a, b) => a[0] - b[0])
      .map(([row, validation]) => ({ top: row, bottom: row, validation }));
  }
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.validation === span.validation && last.bottom + 1 === span.top)
      last.bottom = span.bottom;
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * exceljs finds each cell's (and row's) style in the file by the identity of its style object,
 * and every unstyled cell and row has an empty object of its own, so saving rendered one style
 * per cell (most of its time on a large workbook). For the save, unstyled rows share one empty
 * style, and so do unstyled text cells (both frozen: nothing may change them); each
 * gets its own back afterwards.
 */
function shareEmptyStyles(
  book: ExcelJS.Workbook,
  rendered: (sheet: ExcelJS.Worksheet) => boolean,
): () => void {
  const forRows = Object.freeze({}) as ExcelJS.Style;
  const forCells = Object.freeze({}) as ExcelJS.Style;
  const text = excel().ValueType.String;
  const shared: { style: Partial<ExcelJS.Style> }[] = [];
  const share = (holder: { style: Partial<ExcelJS.Style> }, style: ExcelJS.Style) => {
    if (Object.keys(holder.style).length > 0) return;
    holder.style = style;
    shared.push(holder);
  };
  for (const sheet of book.worksheets.filter(rendered)) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      share(row as unknown as { style: Partial<ExcelJS.Style> }, forRows);
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === text) share(cell, forCells);
      });
    });
  }
  return () => {
    for (const holder of shared) holder.style = {};
  };
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
