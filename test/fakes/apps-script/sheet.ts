import { parseA1 } from './a1';
import { ChartStore } from './charts';
import { FakeRange } from './range';
import { toInteger, type FakeRuntime } from './runtime';
import type { FakeSpreadsheet } from './spreadsheet';
import { hasContent, readValue, type Cell, type CellValue } from './values';

type SheetMethods =
  | 'getName'
  | 'getSheetId'
  | 'getParent'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'getRange'
  | 'getDataRange'
  | 'appendRow'
  | 'deleteRow'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'getFormUrl'
  | 'setName'
  | ChartMethods;

/** Embedded charts (charts.ts). */
type ChartMethods = 'newChart' | 'insertChart' | 'removeChart' | 'getCharts' | 'updateChart';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export const MAX_COLUMNS = 18_278;

/** One tab: a grid of maxRows x maxColumns (new sheets: 1000 x 26), stored sparsely. */
export class FakeSheet implements Pick<Sheet, SheetMethods> {
  /** rows[r][c], 0-based; undefined where nothing was ever written. */
  private rows: Array<Array<Cell | undefined> | undefined> = [];
  maxRows = 1000;
  maxColumns = 26;
  private frozenRows = 0;
  /** Set by the Forms fake while a form sends its responses to this tab (see forms.ts). */
  formUrl: string | null = null;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly parent: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {}

  // ---- storage used by FakeRange and tests (not counted) ----

  timeZone(): string {
    return this.parent.timeZone;
  }

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  cellForWrite(row: number, column: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    return (r[column - 1] ??= { value: '' });
  }

  /** Last row with content (value or formula); 0 when empty. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if (this.rows[r - 1]?.some((c) => hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** The data range's values as getValues() would return them (host realm, uncounted). */
  snapshot(): CellValue[][] {
    const rows = Math.max(this.lastRow(), 1);
    const cols = Math.max(this.lastColumn(), 1);
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => readValue(this.cell(r + 1, c + 1))),
    );
  }

  // ---- Sheet API ----

  getName(): string {
    this.rt.hit('Sheet', 'getName');
    return this.name;
  }

  getSheetId(): number {
    this.rt.hit('Sheet', 'getSheetId');
    return this.id;
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.rt.hit('Sheet', 'getParent');
    return this.parent as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  getLastRow(): number {
    this.rt.hit('Sheet', 'getLastRow');
    return this.lastRow();
  }

  getLastColumn(): number {
    this.rt.hit('Sheet', 'getLastColumn');
    return this.lastColumn();
  }

  getMaxRows(): number {
    this.rt.hit('Sheet', 'getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.rt.hit('Sheet', 'getMaxColumns');
    return this.maxColumns;
  }

  /** Deletes one row; the rows below move up (Sheets keeps at least one row, and no more frozen rows than rows). */
  deleteRow(rowPosition: number): Sheet {
    this.rt.hit('Sheet', 'deleteRow');
    const row = toInteger(this.rt, rowPosition, [rowPosition], 'SpreadsheetApp.Sheet.deleteRow');
    if (row < 1 || row > this.maxRows) throw this.rt.error('Those rows are out of bounds.');
    if (this.maxRows <= 1 || this.maxRows <= this.frozenRows)
      throw this.rt.error("You can't delete all the rows on the sheet.");
    // Google keeps at least one row below the frozen ones (README: unverified wording).
    if (row > this.frozenRows && this.maxRows - this.frozenRows <= 1)
      throw this.rt.error('Sorry, it is not possible to delete all non-frozen rows.');
    this.rows.splice(row - 1, 1);
    this.maxRows -= 1;
    return this as unknown as Sheet;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.rt.hit('Sheet', 'insertRowsAfter');
    const sig = 'SpreadsheetApp.Sheet.insertRowsAfter';
    const after = toInteger(this.rt, afterPosition, [afterPosition, howMany], sig);
    const n = toInteger(this.rt, howMany, [afterPosition, howMany], sig);
    if (after < 1 || after > this.maxRows || n < 1)
      throw this.rt.error('Those rows are out of bounds.');
    this.parent.checkCellLimit(n * this.maxColumns);
    if (this.rows.length > after) this.rows = insertGap(this.rows, after, n);
    this.maxRows += n;
    return this as unknown as Sheet;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.rt.hit('Sheet', 'insertColumnsAfter');
    const sig = 'SpreadsheetApp.Sheet.insertColumnsAfter';
    const after = toInteger(this.rt, afterPosition, [afterPosition, howMany], sig);
    const n = toInteger(this.rt, howMany, [afterPosition, howMany], sig);
    if (after < 1 || after > this.maxColumns || n < 1) {
      throw this.rt.error('Those columns are out of bounds.');
    }
    if (this.maxColumns + n > MAX_COLUMNS) {
      throw this.rt.error(
        `This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS}.`,
      );
    }
    this.parent.checkCellLimit(n * this.maxRows);
    this.rows = this.rows.map((row) =>
      row && row.length > after ? insertGap(row, after, n) : row,
    );
    this.maxColumns += n;
    return this as unknown as Sheet;
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): Range {
    this.rt.hit('Sheet', 'getRange');
    return this.range(rowOrA1, column, numRows, numColumns) as unknown as Range;
  }

  /** getRange without counting (for tests and for getDataRange). */
  range(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    const args = [rowOrA1, column, numRows, numColumns].filter((a, i) => i < 2 || a !== undefined);
    const sig = 'SpreadsheetApp.Sheet.getRange';
    if (typeof rowOrA1 === 'string' && column === undefined) {
      const box = parseA1(rowOrA1, this.maxRows, this.maxColumns);
      if (!box) throw this.rt.error('Range not found');
      return this.checkedRange(box.row, box.column, box.numRows, box.numColumns);
    }
    const r = toInteger(this.rt, rowOrA1, args, sig);
    const c = toInteger(this.rt, column, args, sig);
    const nr = numRows === undefined ? 1 : toInteger(this.rt, numRows, args, sig);
    const nc = numColumns === undefined ? 1 : toInteger(this.rt, numColumns, args, sig);
    return this.checkedRange(r, c, nr, nc);
  }

  private checkedRange(
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): FakeRange {
    if (row < 1) throw this.rt.error('The starting row of the range is too small.');
    if (column < 1) throw this.rt.error('The starting column of the range is too small.');
    if (numRows < 1) throw this.rt.error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) {
      throw this.rt.error('The number of columns in the range must be at least 1.');
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw this.rt.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.rt, this, { row, column, numRows, numColumns });
  }

  /** Writes after the last row with content, growing the grid as Sheets does (user-entered semantics). */
  appendRow(rowContents: unknown[]): Sheet {
    this.rt.hit('Sheet', 'appendRow');
    this.rt.quiet(() => {
      const row = this.lastRow() + 1;
      if (row > this.maxRows) this.maxRows = row;
      if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
      this.range(row, 1, 1, Math.max(1, rowContents.length)).setValues([
        rowContents.length ? rowContents : [''],
      ]);
    });
    return this as unknown as Sheet;
  }

  getDataRange(): Range {
    this.rt.hit('Sheet', 'getDataRange');
    const rows = Math.max(this.lastRow(), 1);
    const cols = Math.max(this.lastColumn(), 1);
    return this.range(1, 1, rows, cols) as unknown as Range;
  }

  setFrozenRows(rows: number): void {
    this.rt.hit('Sheet', 'setFrozenRows');
    const n = toInteger(this.rt, rows, [rows], 'SpreadsheetApp.Sheet.setFrozenRows');
    if (n < 0) throw this.rt.error('Invalid argument: rows');
    if (n >= this.maxRows) throw this.rt.error("You can't freeze all visible rows on the sheet.");
    this.frozenRows = n;
  }

  getFrozenRows(): number {
    this.rt.hit('Sheet', 'getFrozenRows');
    return this.frozenRows;
  }

  /** Renames the tab; a name another tab has (in any case) is refused, as Sheets does. */
  setName(name: string): Sheet {
    this.rt.hit('Sheet', 'setName');
    const wanted = String(name);
    if (wanted.trim() === '') throw this.rt.error('Invalid argument: name');
    const other = this.parent.sheet(wanted);
    if (other && other !== this) {
      throw this.rt.error(
        `A sheet with the name "${wanted}" already exists. Please enter another name.`,
      );
    }
    this.name = wanted;
    return this as unknown as Sheet;
  }

  /** The URL of the form whose responses this tab receives, or null (see forms.ts). */
  getFormUrl(): string | null {
    this.rt.hit('Sheet', 'getFormUrl');
    return this.formUrl;
  }

  // ---- embedded charts (see charts.ts) ----

  private chartStore?: ChartStore;

  /** The sheet's charts as data, for tests (not counted). */
  get chartList(): ChartStore['charts'] {
    return (this.chartStore ??= new ChartStore(this.rt, this)).charts;
  }

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return (this.chartStore ??= new ChartStore(this.rt, this)).newChart();
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    (this.chartStore ??= new ChartStore(this.rt, this)).insertChart(chart);
  }

  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    (this.chartStore ??= new ChartStore(this.rt, this)).updateChart(chart);
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    (this.chartStore ??= new ChartStore(this.rt, this)).removeChart(chart);
  }

  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return (this.chartStore ??= new ChartStore(this.rt, this)).getCharts();
  }
}

/** A copy of `items` with `n` empty slots inserted at index `at` (no spread: n may be large). */
function insertGap<T>(items: T[], at: number, n: number): Array<T | undefined> {
  return (items.slice(0, at) as Array<T | undefined>).concat(
    new Array<undefined>(n),
    items.slice(at),
  );
}
